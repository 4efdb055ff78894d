import Foundation

/// A checkpoint sink for `TrainingHooks.checkpoint` that keeps the best epoch so far
/// in one file: every new best epoch's artifact (weights, configuration, normalization,
/// and a training record naming the epoch) replaces the file atomically — written to a
/// temporary file beside it, then renamed over it — so a crash mid-write leaves the
/// previous checkpoint intact. Load it back with `LSTMArtifact.load(from:)`.
public struct LSTMCheckpointFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Throws `LSTMError.checkpointNotWritable` when the file's folder does not exist or is
    /// not a folder, so a run can refuse before training rather than after the first epoch.
    public func checkWritable() throws(LSTMError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .checkpointNotWritable(path: path, reason: "the folder \(folder) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw .checkpointNotWritable(path: path, reason: "the folder \(folder) is not writable")
        }
    }

    /// Writes `artifact` over the checkpoint (atomically).
    public func write(_ artifact: LSTMArtifact) throws {
        let data = try artifact.jsonData()
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LSTMError.checkpointNotWritable(path: path, reason: error.localizedDescription)
        }
    }

    /// The sink to put in `TrainingHooks.checkpoint`.
    public var sink: @Sendable (LSTMArtifact) throws -> Void {
        { [self] artifact in try write(artifact) }
    }
}
