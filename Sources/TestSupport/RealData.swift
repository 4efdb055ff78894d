import Foundation

/// Locates ../shared/data/real beside the package (never copied into the repository).
public enum RealData {
    /// The package root, derived from this source file's path.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
    }

    /// `../shared/data/real/<folder>` when it exists; otherwise prints why the caller
    /// skips and returns nil.
    public static func folder(_ name: String, for test: String = #function) -> URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real/\(name)")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            print("skipping \(test): real data folder \(url.path) is absent")
            return nil
        }
        return url
    }

    /// CSV files in a real-data folder, sorted by name.
    public static func csvFiles(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

extension RealData {
    /// `../shared/data/real/<relative>` when the file exists; otherwise prints why the
    /// caller skips and returns nil.
    public static func file(_ relative: String, for test: String = #function) -> String? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real/\(relative)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipping \(test): real data file \(url.path) is absent")
            return nil
        }
        return url.path
    }
}
