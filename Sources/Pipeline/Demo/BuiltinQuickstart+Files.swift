import Foundation

extension BuiltinQuickstart {
    /// Writes every embedded file under `folder` (`folder/Pipelines/quickstart.yaml`,
    /// `folder/Configs/*.yaml`) and returns the pipeline's path, ready for `PipelineJob.run`.
    ///
    /// A file whose text is already the embedded one is left alone; any other is written
    /// atomically (a temporary file renamed into place), so a failure leaves no half-written file.
    public static func materialize(into folder: URL) throws -> String {
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let target = folder.appendingPathComponent(path)
            let bytes = Data(text.utf8)
            if FileManager.default.contents(atPath: target.path) == bytes { continue }
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: target, options: .atomic)
            } catch {
                throw PipelineRunError.unwritableOutput(path: target.path, reason: error.localizedDescription)
            }
        }
        return folder.appendingPathComponent(pipeline).path
    }
}
