import Foundation
import TestSupport
@testable import Pipeline

/// A temporary folder with two minimal per-metric configs (`cpu.yaml`, `memory.yaml`) and
/// a pipeline written as `p.yaml` beside them; messages are shown with the folder's path
/// removed, so they read `p.yaml:3:5`.
final class PipelineSpecFixture {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder(prefix: "pipeline-spec")
        _ = try folder.file("cpu.yaml", "format_version: 1\nmetric_name: cpu\ncontainer_name: web-1\n")
        _ = try folder.file("memory.yaml", "format_version: 1\nmetric_name: memory\n")
    }

    /// Loads `yaml` written to `p.yaml`.
    func load(_ yaml: String, overrides: [String] = []) throws(PipelineSpecError) -> PipelineSpec {
        let path: String
        do {
            path = try folder.file("p.yaml", yaml)
        } catch {
            fatalError("cannot write p.yaml: \(error)")
        }
        return try PipelineSpec.load(path: path, overrides: overrides)
    }

    /// Every error of `yaml`, in the order reported, with the folder's path removed; empty
    /// when it loads.
    func errors(_ yaml: String, overrides: [String] = []) -> [String] {
        do {
            _ = try load(yaml, overrides: overrides)
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
        }
    }
}
