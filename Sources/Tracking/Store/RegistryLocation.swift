import Foundation

/// Where a registry lives: the SQLite file and the artifact folder beside it
/// (`experiments/registry.sqlite` and `experiments/artifacts/` by default), and the stage
/// cache folder that `runs gc` tidies (`experiments/cache/`; see `CacheFolder`).
public struct RegistryLocation: Sendable, Equatable {
    public static let environmentVariable = "AUTOSCALE_REGISTRY"
    public static let defaultRelativePath = "experiments/registry.sqlite"

    public let databasePath: String
    public let artifactsPath: String
    /// The folder `cache/` next to the database file, where pipelines keep their stages.
    public let cachePath: String

    public init(databasePath: String) {
        let url = URL(fileURLWithPath: databasePath).standardizedFileURL
        self.databasePath = url.path
        self.artifactsPath = url.deletingLastPathComponent().appendingPathComponent("artifacts").path
        self.cachePath = url.deletingLastPathComponent().appendingPathComponent("cache").path
    }

    /// The database at `databasePath` with its artifacts in another folder (`runs server --artifacts DIR`).
    public init(databasePath: String, artifactsPath: String) {
        let location = RegistryLocation(databasePath: databasePath)
        self.databasePath = location.databasePath
        self.artifactsPath = URL(fileURLWithPath: artifactsPath).standardizedFileURL.path
        self.cachePath = location.cachePath
    }

    /// `--db` wins over `AUTOSCALE_REGISTRY`, which wins over `experiments/registry.sqlite`
    /// relative to `currentDirectory`.
    public static func resolve(explicit: String?, environment: [String: String], currentDirectory: String) -> RegistryLocation {
        let chosen = explicit ?? environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultRelativePath
        if chosen.hasPrefix("/") { return RegistryLocation(databasePath: chosen) }
        return RegistryLocation(databasePath: URL(fileURLWithPath: currentDirectory).appendingPathComponent(chosen).path)
    }
}
