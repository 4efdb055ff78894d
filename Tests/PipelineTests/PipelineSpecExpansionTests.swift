import Forecasting
import Foundation
import Ingest
import Testing
@testable import Pipeline

/// `foreach` and `matrix` expand into stage instances with their values; `${…}` keeps the
/// type of a value that stands alone; `needs` names instances, stages or `*` patterns.
@Suite("Pipeline spec: foreach, matrix and references")
struct PipelineSpecExpansionTests {
    static let yaml = """
        format_version: 1
        name: fan
        params:
          metrics: [cpu, memory]
          window: 60
          prefix: autoscale
        stages:
          data:
            kind: ingest
            csv: {path: data/long.csv, shape: no_timestamp, column: avg_cpu, interval: 5m}
          series:
            kind: preprocess
            foreach: ${params.metrics}
            needs: data
            metric: ${item}
          split:
            kind: split
            foreach: [cpu, memory]
            needs: series@${item}
            train_split: 0.6
            val_split: 0.2
            test_split: 0.2
          windows:
            kind: window
            foreach: ${params.metrics}
            needs: split@${item}
            window_size: ${params.window}
            horizons: [15]
          train:
            kind: train
            matrix:
              metric: ${params.metrics}
              model: [naive, autoarima]
            needs: windows@${matrix.metric}
            model: ${matrix.model}
          evaluate:
            kind: evaluate
            needs: train@*-naive
          select:
            kind: select
            needs: evaluate
            best: max metrics.val_r2_15m
            filter: params.model != 'naive'
          register:
            kind: register
            foreach: ${params.metrics}
            needs: select
            model: ${params.prefix}-${item}

        """

    @Test("instances, their bindings and typed sections")
    func expansion() throws {
        let fixture = try PipelineSpecFixture()
        let spec = try fixture.load(Self.yaml)
        #expect(spec.plan.ids == [
            "data", "series@cpu", "series@memory", "split@cpu", "split@memory", "windows@cpu", "windows@memory",
            "train@cpu-naive", "train@cpu-autoarima", "train@memory-naive", "train@memory-autoarima",
            "evaluate", "select", "register@cpu", "register@memory",
        ])
        #expect(spec.stages.first { $0.name == "series" }?.fanOut == .foreach([.string("cpu"), .string("memory")]))
        #expect(spec.stages.first { $0.name == "train" }?.fanOut == .matrix([
            MatrixAxis(name: "metric", values: [.string("cpu"), .string("memory")]),
            MatrixAxis(name: "model", values: [.string("naive"), .string("autoarima")]),
        ]))

        #expect(spec.plan.stage("data")?.section == .ingest(IngestStage(source: .csv(CSVSource(
            path: "data/long.csv", shape: .noTimestamp, selection: SeriesSelection(column: "avg_cpu"), interval: 300)))))
        #expect(spec.plan.stage("series@memory")?.section == .preprocess(PreprocessStage(metric: .memory)))
        #expect(spec.plan.stage("split@memory")?.section == .split(SplitStage(train: 0.6, validation: 0.2, test: 0.2)))
        // `${params.window}` alone keeps the integer type
        #expect(spec.plan.stage("windows@cpu")?.section == .window(WindowStage(windowSize: 60, horizons: [15])))

        let train = try #require(spec.plan.stage("train@memory-autoarima"))
        #expect(train.inputs == ["windows@memory"])
        #expect(train.bindings.map(\.description) == ["matrix.metric=memory", "matrix.model=autoarima"])
        #expect(train.section == .train(TrainStage(model: ModelSpec(kind: .autoarima))))

        // a pattern, and a stage name standing for all its instances
        #expect(spec.plan.stage("evaluate")?.inputs == ["train@cpu-naive", "train@memory-naive"])
        #expect(spec.plan.stage("select")?.inputs == ["evaluate"])
        guard case .select(let select) = spec.plan.stage("select")?.section else { Issue.record("no select"); return }
        #expect(select.objective.description == "max metrics.val_r2_15m")
        #expect(select.filter == "params.model != 'naive'")
        #expect(select.filterQuery != nil)
        // references inside a longer string
        #expect(spec.plan.stage("register@memory")?.section == .register(RegisterStage(model: "autoscale-memory")))
        #expect(spec.plan.stage("register@cpu")?.inputs == ["select"])
    }

    @Test("run order puts a stage after its inputs even when declared before them")
    func order() throws {
        let fixture = try PipelineSpecFixture()
        let yaml = """
            format_version: 1
            name: order
            stages:
              report:
                kind: report
                needs: evaluate
              evaluate:
                kind: evaluate
                needs: train
              train:
                kind: train
                needs: split
                model: naive
              split:
                kind: split
                needs: data
              data:
                kind: ingest
                collect: {seconds: 60}

            """
        let spec = try fixture.load(yaml)
        #expect(spec.plan.ids == ["data", "split", "train", "evaluate", "report"])
        #expect(spec.plan.stage("data")?.section == .ingest(IngestStage(source: .collect(CollectSource(seconds: 60)))))
    }

    @Test("fan-out errors: both kinds, empty lists, repeated items, lists inside strings")
    func fanOutErrors() throws {
        let fixture = try PipelineSpecFixture()
        func pipeline(_ stage: String) -> String {
            "format_version: 1\nname: x\nparams:\n  metrics: [cpu, memory]\nstages:\n  data:\n    kind: ingest\n    generate: {}\n  series:\n    kind: preprocess\n    needs: data\n" + stage
        }
        #expect(fixture.errors(pipeline("    foreach: [cpu]\n    matrix: {metric: [cpu]}\n    metric: ${item}\n")) == [
            "stages.series.matrix: `foreach` and `matrix` cannot be used at p.yaml:13:13: a stage fans out one way; keep foreach for one list or matrix for a cross product",
        ])
        #expect(fixture.errors(pipeline("    foreach: []\n    metric: cpu\n")) == [
            "stages.series.foreach: [] cannot be used at p.yaml:12:14: an empty list makes no stage; list at least one value",
        ])
        #expect(fixture.errors(pipeline("    foreach: [cpu, cpu]\n    metric: ${item}\n")) == [
            "stages.series.foreach: \"cpu\" cannot be used at p.yaml:12:14: it appears twice, and each stage instance needs its own name; list each value once",
        ])
        #expect(fixture.errors(pipeline("    foreach: cpu\n    metric: ${item}\n")) == [
            "stages.series.foreach: expected a list (or ${params.NAME} naming one), got \"cpu\" at p.yaml:12:14; write a list (or ${params.NAME} naming one)",
        ])
        #expect(fixture.errors(pipeline("    metric: cpu\n    container: web-${params.metrics}\n")) == [
            "stages.series.container: \"web-${params.metrics}\" cannot be used at p.yaml:13:16: ${params.metrics} is a list, which cannot be part of a longer string; write it alone as the value",
        ])
        #expect(fixture.errors(pipeline("    matrix:\n      metric: ${params.metrics}\n    metric: ${matrix.metrik}\n")) == [
            "stages.series.metric: unknown reference `${matrix.metrik}` at p.yaml:14:13; did you mean `${matrix.metric}`? references known here: ${params.metrics}, ${matrix.metric}",
        ])
    }

    @Test("a parameter without a default must be given with --set")
    func requiredParam() throws {
        let fixture = try PipelineSpecFixture()
        let yaml = """
            format_version: 1
            name: single
            params:
              data:
            stages:
              data:
                kind: ingest
                csv: {path: "${params.data}"}

            """
        #expect(fixture.errors(yaml) == ["params.data: missing at p.yaml:4:8; add `--set data=<value>`"])
        let spec = try fixture.load(yaml, overrides: ["data=series.csv"])
        #expect(spec.plan.stage("data")?.section == .ingest(IngestStage(source: .csv(CSVSource(path: "series.csv")))))
    }
}
