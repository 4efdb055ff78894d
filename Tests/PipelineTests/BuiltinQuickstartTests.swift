import Foundation
import TestSupport
import Testing
@testable import Pipeline

/// The copy of the quickstart that `autoscale demo` runs: byte for byte the repository's
/// Pipelines/quickstart.yaml and Configs/*.yaml (regenerate with scripts/embed-quickstart.sh),
/// written to a folder from which it loads as the same plan.
@Suite struct BuiltinQuickstartTests {
    @Test func embeddedFilesEqualTheRepositorysFiles() throws {
        let configs = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Configs").path)
            .filter { $0.hasSuffix(".yaml") }.map { "Configs/\($0)" }
        #expect(Set(BuiltinQuickstart.files.keys) == Set(configs + ["Pipelines/quickstart.yaml"]),
                "run scripts/embed-quickstart.sh")
        for (path, text) in BuiltinQuickstart.files {
            let onDisk = try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
            #expect(text == onDisk, "\(path) differs from its embedded copy; run scripts/embed-quickstart.sh")
        }
    }

    @Test func materializedCopyLoadsAsTheShippedPlanAndIsWrittenOnce() throws {
        let folder = try TemporaryFolder(prefix: "builtin")
        let file = try BuiltinQuickstart.materialize(into: folder.url)
        #expect(file == folder.url.appendingPathComponent("Pipelines/quickstart.yaml").path)
        let shipped = try PipelineSpec.load(path: packageRoot.appendingPathComponent("Pipelines/quickstart.yaml").path)
        let builtin = try PipelineSpec.load(path: file)
        #expect(builtin.plan.ids == shipped.plan.ids && builtin.plan.ids.count == 28)
        // The same resolved parameters (config paths aside), so the same cache keys: `demo` and
        // `pipeline run Pipelines/quickstart.yaml` reuse each other's stages.
        for (a, b) in zip(builtin.plan.stages, shipped.plan.stages) {
            #expect(try StageFingerprint.parameters(a.section) == StageFingerprint.parameters(b.section), "\(a.id)")
        }

        // An unchanged file is left alone; an edited one is put back.
        let cpu = folder.url.appendingPathComponent("Configs/cpu.yaml")
        let before = try FileManager.default.attributesOfItem(atPath: cpu.path)[.modificationDate] as? Date
        try Data("edited".utf8).write(to: folder.url.appendingPathComponent("Configs/memory.yaml"))
        Thread.sleep(forTimeInterval: 0.01)
        _ = try BuiltinQuickstart.materialize(into: folder.url)
        let after = try FileManager.default.attributesOfItem(atPath: cpu.path)[.modificationDate] as? Date
        #expect(before != nil && before == after)
        let memory = try String(contentsOf: folder.url.appendingPathComponent("Configs/memory.yaml"), encoding: .utf8)
        #expect(memory == BuiltinQuickstart.files["Configs/memory.yaml"])
    }
}
