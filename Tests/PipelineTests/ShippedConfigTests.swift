import Foundation
import Series
import TestSupport
import Testing
@testable import Pipeline

/// The shipped `Configs/*.yaml` are the generator's output byte for byte, list every key with
/// a comment, and `EffectiveConfig` tells keys set in a file from defaults.
/// Regenerate a shipped file with `autoscale config init METRIC --container web-1 > Configs/METRIC.yaml`.
@Suite struct ShippedConfigTests {
    @Test(arguments: MetricKind.allCases)
    func shippedFileIsTheGeneratorsOutput(metric: MetricKind) throws {
        let path = packageRoot.appendingPathComponent("Configs/\(metric.rawValue).yaml").path
        let shipped = try String(contentsOfFile: path, encoding: .utf8)
        let generated = ShippedConfigs.file(metric: metric, container: ShippedConfigs.container)
        #expect(shipped == generated,
                "Configs/\(metric.rawValue).yaml differs from the generator; regenerate with: autoscale config init \(metric.rawValue) --container web-1 > Configs/\(metric.rawValue).yaml")
        #expect(try ConfigLoader.decode(yaml: shipped, file: path) == ShippedConfigs.config(metric: metric, container: "web-1"))
    }

    /// Every key path the loader accepts is on a line of its own with a value and a comment.
    @Test func everyKeyIsListedWithAComment() throws {
        let lines = ConfigRenderer.lines(MetricConfig(metric: .networkRx))
        let keys = lines.filter { $0.value != nil }
        #expect(keys.map(\.path) == ConfigKeys.all)
        #expect(lines.allSatisfy { !$0.note.isEmpty })
        let text = ConfigRenderer.yaml(MetricConfig(metric: .networkRx))
        for line in text.split(separator: "\n") { #expect(line.contains(" # "), "\(line)") }
        #expect(text.contains("  input: counter ") && text.contains("  clip_quantiles: [0.001, 0.999] "))
    }

    /// A config without a container reads back as one (`container_name: null`).
    @Test func containerlessConfigRoundTrips() throws {
        let config = ShippedConfigs.config(metric: .cpu, container: nil)
        let text = ShippedConfigs.file(metric: .cpu, container: nil)
        #expect(text.contains("\ncontainer_name: null "))
        #expect(try ConfigLoader.decode(yaml: text, file: "cpu.yaml") == config)
    }

    @Test func effectiveConfigMarksFileKeysAndDefaults() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("rx.yaml", """
            format_version: 1
            metric_name: network_rx
            container_name:
            data:
            training:
              epochs: 100
              max_minutes: 1.5
            features:
              rolling: {max: [12]}
            """)
        let effective = try EffectiveConfig.load(path: path)
        #expect(effective.fileKeys == ["format_version", "metric_name", "training.epochs", "training.max_minutes", "features.rolling.max"])
        let entries = Dictionary(uniqueKeysWithValues: effective.entries.map { ($0.key, $0) })
        #expect(entries.count == ConfigKeys.all.count)
        #expect(entries["training.epochs"] == .init(key: "training.epochs", value: "100", source: "file", isDefault: true))
        #expect(entries["training.max_minutes"] == .init(key: "training.max_minutes", value: "1.5", source: "file", isDefault: false))
        #expect(entries["preprocessing.input"] == .init(key: "preprocessing.input", value: "counter", source: "default", isDefault: true))
        #expect(entries["container_name"]?.source == "default")
        let text = effective.text
        #expect(text.contains("  max_minutes: 1.5                      # file\n"), "\(text)")
        #expect(text.contains("  epochs: 100                           # file (= default)\n"), "\(text)")
        #expect(text.contains("  patience: 15                          # default\n"), "\(text)")
        #expect(text.contains("    max: [12]                           # file\n"), "\(text)")
    }

    @Test func effectiveConfigOfABadFileNamesFileAndKey() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("bad.yaml", "format_version: 1\nmetric_name: cpu\ntraining:\n  max_minutes: -1\n")
        #expect(throws: ConfigError.self) { try EffectiveConfig.load(path: path) }
        do {
            _ = try EffectiveConfig.load(path: path)
        } catch {
            #expect(error.keyPath == "training.max_minutes")
            #expect(error.description.contains("bad.yaml:4:16"), "\(error.description)")
        }
    }
}
