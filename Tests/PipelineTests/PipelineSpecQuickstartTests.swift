import Forecasting
import Foundation
import Ingest
import Series
import Testing
@testable import Pipeline

/// The shipped `Pipelines/quickstart.yaml`: it validates, expands to the expected stage
/// instances in run order with their typed settings, and takes `--set` overrides.
@Suite("Pipeline spec: shipped quickstart and --set")
struct PipelineSpecQuickstartTests {
    let quickstart = packageRoot.appendingPathComponent("Pipelines/quickstart.yaml").path

    static let models = ["naive", "autoarima", "prophet-ar", "lstm"]

    @Test("quickstart validates and expands to 28 stage instances in run order")
    func quickstartExpands() throws {
        let spec = try PipelineSpec.load(path: quickstart)
        #expect(spec.name == "quickstart")
        #expect(spec.formatVersion == 1)
        #expect(spec.stages.map(\.name) == ["data", "series", "split", "window", "train", "evaluate", "select", "register", "report"])
        #expect(spec.stages.map(\.kind) == [.ingest, .preprocess, .split, .window, .train, .evaluate, .select, .register, .report])
        let metrics = ["cpu", "memory"]
        let pairs = metrics.flatMap { metric in Self.models.map { "\(metric)-\($0)" } }
        let expected = ["data"] + metrics.map { "series@\($0)" } + metrics.map { "split@\($0)" }
            + metrics.map { "window@\($0)" } + pairs.map { "train@\($0)" } + pairs.map { "evaluate@\($0)" }
            + metrics.map { "select@\($0)" } + metrics.map { "register@\($0)" } + ["report"]
        #expect(spec.plan.ids == expected)
        #expect(spec.plan.stages.count == 28)

        let data = try #require(spec.plan.stage("data"))
        #expect(data.section == .ingest(IngestStage(source: .generate(GenerateSource(
            workload: WorkloadConfig(containers: 1, days: 7, interval: 60), seed: 42)))))
        #expect(data.inputs.isEmpty)

        let memory = try #require(spec.plan.stage("series@memory"))
        #expect(memory.inputs == ["data"])
        #expect(memory.bindings == [StageBinding(name: "item", value: .string("memory"))])
        guard case .preprocess(let preprocess) = memory.section else { Issue.record("series@memory is \(memory.kind)"); return }
        #expect(preprocess.metric == .memory)
        #expect(preprocess.container == "web-1")
        #expect(preprocess.preprocessing.scale == 1.0 / 1_048_576)

        #expect(spec.plan.stage("split@cpu")?.inputs == ["series@cpu"])
        #expect(spec.plan.stage("split@cpu")?.section == .split(SplitStage()))
        #expect(spec.plan.stage("window@cpu")?.section == .window(WindowStage(windowSize: 60, horizons: [5, 15, 30])))

        let lstm = try #require(spec.plan.stage("train@cpu-lstm"))
        #expect(lstm.inputs == ["window@cpu"])
        #expect(lstm.bindings == [StageBinding(name: "matrix.metric", value: .string("cpu")),
                                  StageBinding(name: "matrix.model", value: .string("lstm"))])
        guard case .train(let train) = lstm.section else { Issue.record("train@cpu-lstm is \(lstm.kind)"); return }
        #expect(train.model.kind == .lstm)
        #expect((train.model.settings as? LSTMConfiguration)?.training.epochs == 3)
        #expect((train.model.settings as? LSTMConfiguration)?.training.seed == 42)
        // the same spec as `autoscale evaluate --config Configs/cpu.yaml --model lstm --epochs 3 --seed 42`
        let direct = try ConfiguredModel.resolve(
            ModelRequest(modelName: "lstm", configPath: packageRoot.appendingPathComponent("Configs/cpu.yaml").path,
                         overrides: ModelOverrides(epochs: 3, seed: 42)),
            defaultModel: .naive)
        #expect(train.model == direct.spec)
        for (id, kind) in [("train@memory-naive", ModelKind.naive), ("train@memory-autoarima", .autoarima),
                           ("train@memory-prophet-ar", .prophetAR), ("train@memory-lstm", .lstm)] {
            guard case .train(let stage) = spec.plan.stage(id)?.section else { Issue.record("\(id) is not a train stage"); continue }
            #expect(stage.model.kind == kind, "\(id)")
        }

        #expect(spec.plan.stage("evaluate@memory-prophet-ar")?.inputs == ["train@memory-prophet-ar"])
        #expect(spec.plan.stage("evaluate@memory-prophet-ar")?.section == .evaluate(EvaluateStage(horizons: [5, 15, 30])))

        let select = try #require(spec.plan.stage("select@cpu"))
        #expect(select.inputs == Self.models.map { "evaluate@cpu-\($0)" })
        guard case .select(let selection) = select.section else { Issue.record("select@cpu is \(select.kind)"); return }
        #expect(selection.objective == SelectionObjective(direction: .min, metric: "val_mase_15m"))
        #expect(selection.filter == nil)

        #expect(spec.plan.stage("register@memory")?.inputs == ["select@memory"])
        #expect(spec.plan.stage("register@memory")?.section == .register(RegisterStage(
            model: "autoscale-memory", alias: "production", reason: "lowest validation MASE at 15 min in the quickstart pipeline")))

        let report = try #require(spec.plan.stage("report"))
        #expect(report.inputs == pairs.map { "evaluate@\($0)" } + metrics.map { "select@\($0)" } + metrics.map { "register@\($0)" })
        #expect(report.section == .report(ReportStage(title: "Quickstart: four models on cpu and memory")))
    }

    @Test("every stage comes after the stages it reads")
    func runOrder() throws {
        let plan = try PipelineSpec.load(path: quickstart).plan
        for (position, stage) in plan.stages.enumerated() {
            for input in stage.inputs {
                let inputPosition = try #require(plan.ids.firstIndex(of: input))
                #expect(inputPosition < position, "\(stage.id) reads \(input)")
            }
        }
    }

    @Test("--set replaces defaults: a scalar for a list, an integer, a string list")
    func overrides() throws {
        let spec = try PipelineSpec.load(path: quickstart, overrides: ["metrics=memory", "lstm_epochs=10", "models=[naive, lstm]"])
        #expect(spec.params == [
            PipelineParam(name: "metrics", value: .list([.string("memory")]), overridden: true),
            PipelineParam(name: "models", value: .list([.string("naive"), .string("lstm")]), overridden: true),
            PipelineParam(name: "lstm_epochs", value: .int(10), overridden: true),
            PipelineParam(name: "days", value: .int(7), overridden: false),
            PipelineParam(name: "seed", value: .int(42), overridden: false),
        ])
        #expect(spec.plan.ids == ["data", "series@memory", "split@memory", "window@memory", "train@memory-naive", "train@memory-lstm",
                                  "evaluate@memory-naive", "evaluate@memory-lstm", "select@memory", "register@memory", "report"])
        guard case .train(let train) = spec.plan.stage("train@memory-lstm")?.section else { Issue.record("no train@memory-lstm"); return }
        #expect((train.model.settings as? LSTMConfiguration)?.training.epochs == 10)
        // the last --set of a name wins
        let twice = try PipelineSpec.load(path: quickstart, overrides: ["days=3", "days=2"])
        guard case .ingest(let ingest) = twice.plan.stage("data")?.section, case .generate(let generate) = ingest.source else {
            Issue.record("data is not a generate stage"); return
        }
        #expect(generate.workload.days == 2)
    }

    @Test("a bad --set names the argument and what to write")
    func badOverrides() throws {
        func messages(_ overrides: [String]) -> [String] {
            do {
                _ = try PipelineSpec.load(path: quickstart, overrides: overrides)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        #expect(messages(["lstm_epoch=5"]) == [
            "params.lstm_epoch: unknown key at --set lstm_epoch=5; did you mean `lstm_epochs`? allowed keys here: metrics, models, lstm_epochs, days, seed",
        ])
        #expect(messages(["days=abc"]) == ["params.days: expected an integer, got \"abc\" at --set days=abc; write an integer"])
        #expect(messages(["seed"]) == [
            "params: \"seed\" cannot be used at --set seed: write --set NAME=VALUE with NAME one of the pipeline's params (metrics, models, lstm_epochs, days, seed)",
        ])
        // a value of the right type that a stage refuses is reported where the stage uses it
        #expect(messages(["models=[naive, lstmm]"]) == [
            "stages.train.model: unknown value \"lstmm\" at \(quickstart):52:12; use one of naive, snaive, arima, autoarima, autoarima-daily, prophet, prophet-ar, lstm, nhits, gbt, ensemble (did you mean `lstm`?)",
        ])
    }
}
