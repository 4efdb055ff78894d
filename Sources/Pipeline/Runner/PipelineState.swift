import Foundation

/// The fingerprint each stage instance of a pipeline had when it last ran or was reused,
/// kept in `experiments/cache/pipelines/<name>.json`, so that `pipeline status` can say
/// why a stage is stale (which parameter changed), as `dvc status` does from `dvc.lock`.
struct PipelineState: Codable, Sendable {
    var stages: [String: StageFingerprint] = [:]

    static func url(cache: StageCache, pipeline: String) -> URL {
        cache.root.appendingPathComponent("pipelines", isDirectory: true).appendingPathComponent("\(pipeline).json")
    }

    static func load(cache: StageCache, pipeline: String) throws -> PipelineState {
        let url = url(cache: cache, pipeline: pipeline)
        guard FileManager.default.fileExists(atPath: url.path) else { return PipelineState() }
        do {
            return try StageCache.decoder.decode(PipelineState.self, from: Data(contentsOf: url))
        } catch {
            throw PipelineRunError.cacheEntryUnreadable(path: url.path, reason: "\(error)")
        }
    }

    /// Written to a temporary file and renamed, so a killed run leaves the old state or the new.
    func save(cache: StageCache, pipeline: String) throws {
        let url = Self.url(cache: cache, pipeline: pipeline)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try StageCache.encoder.encode(self).write(to: url, options: .atomic)
    }
}
