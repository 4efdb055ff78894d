import TestSupport

extension TemporaryFolder {
    /// Where a registry in this folder lives by default.
    var registryPath: String { url.appendingPathComponent("experiments/registry.sqlite").path }
}
