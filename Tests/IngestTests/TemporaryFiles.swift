import Foundation

/// A fresh folder under the system temp directory, removed when the value is deinitialised.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "ingest-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `name` inside the folder and returns the full path.
    func file(_ name: String, _ contents: String) throws -> String {
        let file = path + "/" + name
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The package root, found from this source file's location (Tests/IngestTests/…).
let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// `../shared/data/real/<relative>` from the package root, or nil (with a printed reason) when absent.
func realDataFile(_ relative: String) -> String? {
    let path = packageRoot + "/../shared/data/real/" + relative
    guard FileManager.default.fileExists(atPath: path) else {
        print("skipping: real data file \(path) is absent")
        return nil
    }
    return path
}
