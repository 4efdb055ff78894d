import Foundation

/// One real trace: its file, the column holding demand and, for files without timestamps,
/// the implicit interval.
struct Trace {
    let path: String
    let column: String?
    let interval: Double?

    var folder: String { URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent }
    var name: String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
}

/// The value column and implicit interval of each real-data folder (shared/data/real/README.md),
/// `perFolder` files of each by name after the first `skip`.
func traces(root: URL, folders: [String], perFolder: Int, skip: Int = 0) throws -> [Trace] {
    let layout: [String: (column: String?, interval: Double?)] = [
        "nab": (nil, nil), "azure_v2_agg": ("cpu_usage", nil), "google2019_agg": ("avg_cpu", 300), "azure_v1_vms": ("avg_cpu", nil),
    ]
    return try folders.flatMap { folder -> [Trace] in
        guard let (column, interval) = layout[folder] else { throw BenchError("unknown folder \(folder); known: \(layout.keys.sorted())") }
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".csv") }.sorted().dropFirst(skip).prefix(perFolder)
        return files.map { Trace(path: root.appendingPathComponent(folder).appendingPathComponent($0).path, column: column, interval: interval) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}

/// The value after `name` in the command line, if any.
func option(_ name: String, _ arguments: [String]) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

/// `print` without stdout's buffering: each line reaches a log file when it is written.
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// `text` padded with spaces to `width` characters (String(format:)'s %-N@ does not pad on Linux).
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
