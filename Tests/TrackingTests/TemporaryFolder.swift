import Foundation

/// A fresh folder under the system temp directory, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tracking-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var registryPath: String { url.appendingPathComponent("experiments/registry.sqlite").path }

    deinit {
        do { try FileManager.default.removeItem(at: url) } catch { print("could not remove \(url.path): \(error)") }
    }
}
