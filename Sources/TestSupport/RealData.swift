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

    /// `../shared/data/real` beside the package.
    public static var root: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    }

    /// Whether `../shared/data/real` exists. Tests that read it are enabled only then
    /// (`@Test(.enabled(if: RealData.isPresent, "…"))`), so its absence shows as a skip
    /// with that reason, never as a pass; once it is present, a missing file fails them.
    public static var isPresent: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `../shared/data/real/<folder>` when it exists, else nil (`try #require` it).
    public static func folder(_ name: String) -> URL? {
        let url = root.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
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
    /// `../shared/data/real/<relative>` when the file exists, else nil (`try #require` it).
    public static func file(_ relative: String) -> String? {
        let url = root.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }
}
