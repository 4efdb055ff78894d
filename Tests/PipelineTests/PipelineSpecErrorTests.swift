import Foundation
import Testing
@testable import Pipeline

/// Every kind of pipeline spec error, with the exact sentence a user sees (key path,
/// `file:line:column`, what to do), and all errors of a file reported together by line.
@Suite("Pipeline spec errors")
struct PipelineSpecErrorTests {
    /// A valid pipeline; each test breaks one line of it.
    static let base = """
        format_version: 1
        name: errors
        params:
          metric: cpu
        stages:
          data:
            kind: ingest
            generate: {days: 1}
          series:
            kind: preprocess
            needs: data
            config: ${params.metric}.yaml
          split:
            kind: split
            needs: series
          train:
            kind: train
            needs: split
            config: cpu.yaml
            model: naive
          evaluate:
            kind: evaluate
            needs: train
          select:
            kind: select
            needs: evaluate
            best: min metrics.val_mase_15m
          register:
            kind: register
            needs: select
            model: autoscale-cpu

        """

    /// `base` with `line` (its text, exactly) replaced by `replacement`.
    func variant(_ line: String, _ replacement: String) -> String {
        precondition(Self.base.contains(line + "\n"), "no line \(line)")
        return Self.base.replacingOccurrences(of: line + "\n", with: replacement + "\n")
    }

    @Test("the base pipeline is valid")
    func baseIsValid() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(Self.base) == [])
        #expect(try fixture.load(Self.base).plan.ids == ["data", "series", "split", "train", "evaluate", "select", "register"])
    }

    @Test("unknown keys: top level and in a stage, with the kind's allowed keys and a close match")
    func unknownKeys() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(Self.base + "extra: 1\n") == [
            "extra: unknown key at p.yaml:32:1; allowed keys here: format_version, name, params, stages",
        ])
        #expect(fixture.errors(variant("    model: naive", "    modle: naive")) == [
            "stages.train.modle: unknown key at p.yaml:20:5; did you mean `model`? allowed keys here: kind, needs, foreach, matrix, config, model, overrides, sweep",
        ])
        #expect(fixture.errors(variant("    generate: {days: 1}", "    generate: {days: 1, seeed: 3}")) == [
            "stages.data.generate.seeed: unknown key at p.yaml:8:25; did you mean `seed`? allowed keys here: containers, days, interval, seed",
        ])
    }

    @Test("unknown stage kind suggests the closest kind")
    func unknownKind() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(variant("    kind: train", "    kind: trian")) == [
            "stages.train.kind: unknown value \"trian\" at p.yaml:17:11; use one of ingest, preprocess, window, split, train, evaluate, backtest, select, register, report (did you mean `train`?)",
        ])
        #expect(fixture.errors(variant("    kind: train", "    needs_x: 1")).contains(
            "stages.train.kind: missing at p.yaml:17:5; add `kind: train`"))
    }

    @Test("wrong types name the expected type and the default")
    func wrongType() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(variant("    generate: {days: 1}", "    generate: {days: many}")) == [
            "stages.data.generate.days: expected a number, got \"many\" at p.yaml:8:22; write a number or remove the key to use the default 14.0",
        ])
        #expect(fixture.errors(variant("    needs: split", "    needs: {a: 1}")) == [
            "stages.train.needs: expected a stage name or a list of stage names, got a mapping at p.yaml:18:12; write a stage name or a list of stage names",
        ])
    }

    @Test("a reference to a missing stage suggests the closest name")
    func missingStage() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(variant("    needs: split", "    needs: splt")) == [
            "stages.train.needs: no stage named `splt` at p.yaml:18:12; did you mean `split`? stages here: data, series, split, train, evaluate, select, register",
        ])
        #expect(fixture.errors(variant("    needs: split", "    needs: [split, nothing_like_it]")) == [
            "stages.train.needs[1]: no stage named `nothing_like_it` at p.yaml:18:20; stages here: data, series, split, train, evaluate, select, register",
        ])
    }

    @Test("an input whose type does not match its producer's output")
    func typeMismatch() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(variant("    needs: select", "    needs: split")) == [
            "stages.register.needs: stage `split` produces split, but register stages read selection at p.yaml:30:12; name a stage that produces selection",
        ])
        #expect(fixture.errors(Self.base + "  raw:\n    kind: ingest\n    csv: {path: x.csv}\n    needs: data\n") == [
            "stages.raw.needs: `needs` cannot be used at p.yaml:35:12: ingest stages read no other stage; remove needs",
        ])
        #expect(fixture.errors(variant("    needs: series", "")) == [
            "stages.split.needs: missing at p.yaml:14:5; add `needs: [<a stage that produces series>]`",
        ])
    }

    @Test("cycles are named from the first declared stage, along its needs")
    func cycles() throws {
        let fixture = try PipelineSpecFixture()
        let yaml = """
            format_version: 1
            name: cycle
            stages:
              data:
                kind: ingest
                generate: {days: 1}
              a:
                kind: preprocess
                metric: cpu
                needs: [data, c]
              b:
                kind: preprocess
                metric: cpu
                needs: a
              c:
                kind: preprocess
                metric: cpu
                needs: b

            """
        #expect(fixture.errors(yaml) == [
            "stages.a.needs: stages form a cycle a → c → b → a at p.yaml:10:12; remove one of these needs so the stages can run in order",
        ])
        #expect(fixture.errors(variant("    needs: data", "    needs: [data, series]")) == [
            "stages.series.needs: stages form a cycle series → series at p.yaml:11:12; remove one of these needs so the stages can run in order",
        ])
    }

    @Test("unknown references to params, items and matrix values")
    func unknownReferences() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(variant("    config: ${params.metric}.yaml", "    config: ${params.metrc}.yaml")) == [
            "stages.series.config: unknown reference `${params.metrc}` at p.yaml:12:13; did you mean `${params.metric}`? references known here: ${params.metric}",
        ])
        #expect(fixture.errors(variant("    needs: series", "    needs: series@${item}")) == [
            "stages.split.needs: unknown reference `${item}` at p.yaml:15:12; references known here: ${params.metric}",
        ])
        #expect(fixture.errors(variant("    config: ${params.metric}.yaml", "    config: ${params.metric.yaml")) == [
            "stages.series.config: \"${params.metric.yaml\" cannot be used at p.yaml:12:13: `${` opens a reference that is not closed; write ${params.NAME}, ${item} or ${matrix.NAME}",
        ])
    }

    @Test("catalog and selection rules: unknown model, a test metric, a bad filter")
    func stageRules() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(variant("    model: naive", "    model: lstmm")) == [
            "stages.train.model: unknown value \"lstmm\" at p.yaml:20:12; use one of naive, snaive, arima, autoarima, autoarima-daily, prophet, prophet-ar, lstm, nhits, gbt, ensemble (did you mean `lstm`?)",
        ])
        #expect(fixture.errors(variant("    best: min metrics.val_mase_15m", "    best: min metrics.mase_15m")) == [
            "stages.select.best: \"min metrics.mase_15m\" cannot be used at p.yaml:27:11: selection reads validation metrics so that the test part stays an honest estimate; write metrics.val_mase_15m",
        ])
        let filter = fixture.errors(variant("    best: min metrics.val_mase_15m", "    best: min metrics.val_mase_15m\n    filter: params.model ="))
        #expect(filter.count == 1)
        #expect(filter.first?.hasPrefix("stages.select.filter: \"params.model =\" cannot be used at p.yaml:28:13: ") == true)
        let missing = fixture.errors(variant("    config: cpu.yaml", "    config: nope.yaml"))
        #expect(missing.count == 1)
        #expect(missing.first?.hasPrefix("stages.train.config: \"nope.yaml\" cannot be used at p.yaml:19:13: cannot read nope.yaml") == true)
    }

    @Test("errors inside a referenced config keep that file's position, after the pipeline's")
    func errorsInConfigs() throws {
        let fixture = try PipelineSpecFixture()
        _ = try fixture.folder.file("bad.yaml", "format_version: 1\nmetric_name: cpu\nmodel:\n  hiden_size: 64\n")
        let yaml = variant("    config: cpu.yaml", "    config: bad.yaml") + "extra: 1\n"
        #expect(fixture.errors(yaml) == [
            "extra: unknown key at p.yaml:32:1; allowed keys here: format_version, name, params, stages",
            "model.hiden_size: unknown key at bad.yaml:4:3; did you mean `hidden_size`? allowed keys here: model_type, hidden_size, num_layers, dropout, bidirectional, arima, prophet, ensemble",
        ])
    }

    @Test("all errors are reported together, sorted by line")
    func allErrorsByLine() throws {
        let fixture = try PipelineSpecFixture()
        var yaml = variant("    generate: {days: 1}", "    generate: {days: many}")
        yaml = yaml.replacingOccurrences(of: "    needs: split\n", with: "    needs: splt\n")
        yaml += "    alais: prod\n"
        #expect(fixture.errors(yaml) == [
            "stages.data.generate.days: expected a number, got \"many\" at p.yaml:8:22; write a number or remove the key to use the default 14.0",
            "stages.train.needs: no stage named `splt` at p.yaml:18:12; did you mean `split`? stages here: data, series, split, train, evaluate, select, register",
            "stages.register.alais: unknown key at p.yaml:32:5; did you mean `alias`? allowed keys here: kind, needs, foreach, matrix, model, alias, reason",
        ])
        do {
            _ = try fixture.load(yaml)
            Issue.record("loaded")
        } catch {
            #expect(error.description.hasPrefix("\(fixture.folder.path)/p.yaml: 3 errors (by line); fix them and validate again:\n  stages.data.generate.days"))
        }
    }

    @Test("every bad value of one stage is reported, not only the first")
    func allErrorsOfOneStage() throws {
        let fixture = try PipelineSpecFixture()
        var yaml = variant("    generate: {days: 1}", "    generate: {containers: 0, days: many, seed: -1, sed: 1}")
        yaml = yaml.replacingOccurrences(of: "    model: autoscale-cpu\n", with: "    alias: \"\"\n    reason: [a]\n")
        #expect(fixture.errors(yaml) == [
            "stages.data.generate.containers: 0 is out of range at p.yaml:8:28; use 1 to 10000 containers",
            "stages.data.generate.days: expected a number, got \"many\" at p.yaml:8:37; write a number or remove the key to use the default 14.0",
            "stages.data.generate.seed: -1 is out of range at p.yaml:8:49; use a seed ≥ 0",
            "stages.data.generate.sed: unknown key at p.yaml:8:53; did you mean `seed`? allowed keys here: containers, days, interval, seed",
            "stages.register.model: missing at p.yaml:29:5; add `model: autoscale-${item}`",
            "stages.register.alias: \"\" is out of range at p.yaml:31:12; name the alias with 1 to 250 characters",
            "stages.register.reason: expected a string, got a list at p.yaml:32:13; write a string",
        ])
    }

    @Test("format version and YAML syntax stop reading at once")
    func fatal() throws {
        let fixture = try PipelineSpecFixture()
        #expect(fixture.errors(variant("format_version: 1", "format_version: 2") + "extra: 1\n") == [
            "format_version: format version 2 is not supported at p.yaml:1:17; this build reads format_version 1, so convert the file or use a newer build",
        ])
        let syntax = fixture.errors("format_version: 1\nname: [x\n")
        #expect(syntax.count == 1)
        #expect(syntax.first?.hasPrefix("invalid YAML") == true)
        #expect(fixture.errors("format_version: 1\nname: x\n") == ["stages: missing at p.yaml:1:1; add `stages:`"])
    }
}
