import Foundation
import Testing
@testable import Pipeline

/// Each error kind, with the exact sentence a user sees (file:line:column and key path).
@Suite("Config errors")
struct ConfigErrorTests {
    /// The decoding error of `yaml` read as `cpu.yaml`.
    func failure(_ yaml: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.decode(yaml: yaml, file: "cpu.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("wrong type names the key path, the value and its position")
    func wrongType() throws {
        let yaml = """
            format_version: 1
            metric_name: cpu
            container_name: web-1
            data:
              stride: 1
              window_size: abc
            """
        let error = try #require(failure(yaml))
        #expect(error.keyPath == "data.window_size")
        #expect(error.location == ConfigLocation(file: "cpu.yaml", line: 6, column: 16))
        #expect(error.description
            == "data.window_size: expected an integer, got \"abc\" at cpu.yaml:6:16; write an integer or remove the key to use the default 240")
        // a float where an integer belongs is also a type error
        #expect(failure("format_version: 1\nmetric_name: cpu\nmodel:\n  hidden_size: 12.5\n")?.description
            == "model.hidden_size: expected an integer, got \"12.5\" at cpu.yaml:4:16; write an integer or remove the key to use the default 128")
        // a list where a scalar belongs, and a bad list element
        #expect(failure("format_version: 1\nmetric_name: cpu\nmodel:\n  bidirectional: [true]\n")?.description
            == "model.bidirectional: expected true or false, got a list at cpu.yaml:4:18; write true or false or remove the key to use the default true")
        #expect(failure("format_version: 1\nmetric_name: cpu\ndata:\n  prediction_horizons: [5, x, 30]\n")?.description
            == "data.prediction_horizons[1]: expected an integer, got \"x\" at cpu.yaml:4:28; write an integer")
    }

    @Test("unknown keys suggest close matches by edit distance")
    func unknownKey() throws {
        let yaml = "format_version: 1\nmetric_name: cpu\nmodel:\n  hiden_size: 64\n"
        let error = try #require(failure(yaml))
        #expect(error.kind == .unknownKey(
            "hiden_size", suggestions: ["hidden_size"],
            allowed: ["model_type", "hidden_size", "num_layers", "dropout", "bidirectional", "arima", "prophet", "ensemble"]))
        #expect(error.description
            == "model.hiden_size: unknown key at cpu.yaml:4:3; did you mean `hidden_size`? allowed keys here: model_type, hidden_size, num_layers, dropout, bidirectional, arima, prophet, ensemble")
        // nothing close: no suggestion, still the allowed list
        #expect(failure("format_version: 1\nmetric_name: cpu\nextras: 1\n")?.description
            == "extras: unknown key at cpu.yaml:3:1; allowed keys here: format_version, metric_name, container_name, data, model, training, preprocessing, features")
        // nested section
        #expect(failure("format_version: 1\nmetric_name: cpu\nmodel:\n  arima: {p: 1, dd: 0}\n")?.keyPath == "model.arima.dd")
    }

    @Test("out-of-range values say what range to use")
    func outOfRange() throws {
        #expect(failure("format_version: 1\nmetric_name: cpu\nmodel:\n  dropout: 1.0\n")?.description
            == "model.dropout: 1.0 is out of range at cpu.yaml:4:12; use a dropout probability in [0, 1), e.g. 0.3")
        #expect(failure("format_version: 1\nmetric_name: cpu\ndata:\n  window_size: -5\n")?.description
            == "data.window_size: -5 is out of range at cpu.yaml:4:16; use a window of at least 1 step")
        #expect(failure("format_version: 1\nmetric_name: cpu\nmodel:\n  arima:\n    p: -1\n")?.description
            == "model.arima.p: -1 is out of range at cpu.yaml:5:8; use an order ≥ 0")
        // splits: reported at the data section
        let splits = "format_version: 1\nmetric_name: cpu\ndata:\n  train_split: 0.7\n  val_split: 0.2\n"
        #expect(failure(splits)?.description
            == "data: train_split + val_split + test_split = 0.7 + 0.2 + 0.15 = 1.0499999999999998 is out of range at cpu.yaml:4:3; make the three fractions sum to 1")
        // one weight per horizon
        let weights = "format_version: 1\nmetric_name: cpu\ntraining:\n  horizon_weights: [1.0, 2.0]\n"
        #expect(failure(weights)?.description
            == "training.horizon_weights: [1.0, 2.0] is out of range at cpu.yaml:4:20; give one weight per prediction horizon (3 here)")
        let clip = "format_version: 1\nmetric_name: disk_reads\npreprocessing:\n  clip_quantiles: [0.9, 0.1]\n"
        #expect(failure(clip)?.description
            == "preprocessing.clip_quantiles: [0.9, 0.1] is out of range at cpu.yaml:4:19; use 0 ≤ lower < upper ≤ 1, e.g. [0.001, 0.999]")
        #expect(failure("format_version: 1\nmetric_name: cpu\ntraining:\n  learning_rate: .nan\n")?.keyPath == "training.learning_rate")
        #expect(failure("format_version: 1\nmetric_name: cpu\nfeatures:\n  lags: [1, 0]\n")?.description
            == "features.lags: [1, 0] is out of range at cpu.yaml:4:9; use lags of at least 1 step")
        #expect(failure("format_version: 1\nmetric_name: cpu\nfeatures:\n  rolling: {max: [6, 6]}\n")?.description
            == "features.rolling.max: [6, 6] is out of range at cpu.yaml:4:18; list each width once")
        #expect(failure("format_version: 1\nmetric_name: cpu\nfeatures:\n  rolling: {median: [6]}\n")?.kind
            == .unknownKey("median", suggestions: ["mean"], allowed: ["mean", "std", "min", "max"]))
    }

    @Test("unknown enum values list the allowed ones")
    func unknownEnumValue() throws {
        #expect(failure("format_version: 1\nmetric_name: cpu\nmodel:\n  model_type: lsmt\n")?.description
            == "model.model_type: unknown value \"lsmt\" at cpu.yaml:4:15; use one of naive, snaive, arima, autoarima, prophet, lstm, nhits, gbt, ensemble (did you mean `lstm`?)")
        #expect(failure("format_version: 1\nmetric_name: gpu\n")?.description
            == "metric_name: unknown value \"gpu\" at cpu.yaml:2:14; use one of cpu, memory, disk_reads, disk_writes, network_rx, network_tx (did you mean `cpu`?)")
        #expect(failure("format_version: 1\nmetric_name: cpu\ndata:\n  normalization: zscore\n")?.kind
            == .unknownValue("zscore", allowed: ["minmax", "standard", "robust"], suggestions: []))
    }

    @Test("an unsupported format version is reported before anything else")
    func formatVersion() throws {
        // the unknown key `layers` is not reported: the version decides the layout
        #expect(failure("format_version: 2\nmetric_name: cpu\nlayers: {}\n")?.description
            == "format_version: format version 2 is not supported at cpu.yaml:1:17; this build reads format_version 1, so convert the file or use a newer build")
        #expect(failure("metric_name: cpu\n")?.description
            == "format_version: missing at cpu.yaml:1:1; add `format_version: 1`")
    }

    @Test("missing required keys, duplicate keys and broken YAML")
    func structure() throws {
        #expect(failure("format_version: 1\n")?.description
            == "metric_name: missing at cpu.yaml:1:1; add `metric_name: <cpu | memory | disk_reads | disk_writes | network_rx | network_tx>`")
        #expect(failure("format_version: 1\nmetric_name: cpu\nmodel:\n  dropout: 0.1\n  dropout: 0.2\n")?.kind == .duplicateKey("dropout"))
        let broken = try #require(failure("format_version: 1\nmetric_name: [cpu\n"))
        guard case .invalidYAML = broken.kind else { Issue.record("expected invalid YAML, got \(broken)"); return }
        #expect(broken.location.file == "cpu.yaml")
        #expect(broken.location.line >= 2)
        #expect(failure("- just\n- a list\n")?.description
            == "expected a mapping of keys, got a list at cpu.yaml:1:1; write a mapping of keys")
        #expect(failure("")?.keyPath == "format_version")
    }

    @Test("unreadable files and directories name the path")
    func unreadable() throws {
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/cpu.yaml")
            Issue.record("loading a missing file succeeded")
        } catch {
            guard case .unreadable = error.kind else { Issue.record("wrong kind \(error.kind)"); return }
            #expect(error.location.description == "/nonexistent/cpu.yaml")
            #expect(error.description.hasPrefix("cannot read /nonexistent/cpu.yaml ("))
        }
        #expect(throws: ConfigError.self) { try ConfigLoader.loadAll(directory: "/nonexistent-configs") }
    }

    @Test("errors in a file on disk carry its path")
    func fileOnDisk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("config-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("memory.yaml").path
        try "format_version: 1\nmetric_name: memory\ntraining:\n  epochs: many\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: path)
            Issue.record("a bad file loaded")
        } catch {
            #expect(error.location == ConfigLocation(file: path, line: 4, column: 11))
            #expect(error.keyPath == "training.epochs")
        }
    }

    @Test("suggestions come from the project's closest-match rule")
    func suggestions() {
        typealias Root = ConfigMapping<MetricConfig.Key>
        #expect(Root.suggestions(for: "epoch", in: ["epochs", "patience", "seed"]) == ["epochs"])
        #expect(Root.suggestions(for: "lsmt", in: ["naive", "lstm"]) == ["lstm"])  // two edits, within max(2, 4/3)
        #expect(Root.suggestions(for: "zzz", in: ["epochs", "seed"]).isEmpty)
    }
}
