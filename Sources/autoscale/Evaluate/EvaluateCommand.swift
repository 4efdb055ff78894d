import ArgumentParser
import Forecasting
import Foundation
import Ingest
import Pipeline
import Tracking

/// `autoscale evaluate`: scores one model on one series by docs/EVALUATION.md.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a forecaster on one series by the evaluation protocol (grid, 70/15/15 split, min-max on train, rolling origins).",
        discussion: "Models: \(ModelSpec.names.joined(separator: ", ")). MAE, RMSE, MASE and R² are on train-scaled values; SMAPE on original units."
    )

    @Option(name: .long, help: "CSV file: timestamp,value; long timestamp,container,metric,value; or wide. With --global also a folder of CSV files.")
    var data: String

    @Flag(name: .long, help: "Train one model across every series of --data (every container of the chosen metric, or every CSV file of a folder), each series scaled on its own train part, and score each series by the protocol (models: \(ModelKind.globalTrainingNames.joined(separator: ", "))).")
    var global = false

    @OptionGroup var selection: SeriesInputOptions

    @Option(name: .long, help: "Model to score: \(ModelSpec.names.joined(separator: "|")) (default: the config's model_type, else naive).")
    var model: String?

    @Option(name: .long, help: "Horizons in minutes, comma-separated (default: the config's prediction_horizons, else 5,15,30).")
    var horizons: String?

    @Option(name: .long, help: ArgumentHelp(
        "Per-metric config (e.g. Configs/cpu.yaml): model_type and its hyperparameters, LSTM window (steps), training and features, horizons; in a long CSV its metric_name and container_name choose the series; a counter is scored as its rate. Flags given here win.",
        valueName: "file"))
    var config: String?

    @OptionGroup var training: TrainingOptions

    @OptionGroup var prophet: ProphetOptions

    @OptionGroup var tracking: TrackingOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        let bar = ProgressBar()
        let chosen = try ConfiguredModel.resolve(
            ModelRequest(modelName: model, configPath: config, overrides: training.overrides(prophet.overrides())),
            defaultModel: .naive)
        if global { return try runGlobal(spec: chosen.spec, metricConfig: chosen.config, bar: bar) }
        let series = try ConfiguredSeries.resolve(
            flags: try selection.readOptions(), config: chosen.config, configPath: config, dataPath: data)
        let request = SeriesEvaluationRequest(
            dataPath: data,
            readOptions: series.readOptions,
            model: chosen.spec,
            horizonMinutes: try horizons.map(parseHorizons) ?? chosen.config?.data.predictionHorizons ?? [5, 15, 30],
            hooks: training.hooks(for: chosen.spec, progress: bar),
            countersToRates: series.countersToRates,
            scale: series.scale
        )
        bar.update(done: 0, total: 1, label: "\(chosen.spec.name) on \(URL(fileURLWithPath: data).lastPathComponent)")
        let (report, recorded) = try tracking.perform(
            defaultExperiment: "evaluate",
            tracked: { try evaluateSeriesTracked(request, evaluator: Evaluator(), tracking: $0) },
            untracked: { try evaluateSeries(request, evaluator: Evaluator()) })
        bar.finish()
        let chosenSeries = series.summary
        if output.json {
            if let chosenSeries { FileHandle.standardError.write(Data((chosenSeries + "\n").utf8)) }
            print(try jsonString(report))
        } else {
            if let chosenSeries { print(chosenSeries) }
            print(EvaluationTable(report: report).render())
            if let recorded { print(recorded) }
        }
    }
}

extension EvaluateCommand {
    /// `--global`: one model across every series of `--data`, a table of per-series scores;
    /// with `--track`, a parent run for the training and a child run per series.
    private func runGlobal(spec: ModelSpec, metricConfig: MetricConfig?, bar: ProgressBar) throws {
        let series = try ConfiguredSeries.resolve(
            flags: try selection.readOptions(), config: metricConfig, configPath: config, dataPath: data, everyContainer: true)
        let request = SeriesEvaluationRequest(
            dataPath: data, readOptions: series.readOptions, model: spec,
            horizonMinutes: try horizons.map(parseHorizons) ?? metricConfig?.data.predictionHorizons ?? [5, 15, 30],
            hooks: training.hooks(for: spec, progress: bar),
            countersToRates: series.countersToRates, scale: series.scale)
        bar.update(done: 0, total: 1, label: "\(spec.name) across \(URL(fileURLWithPath: data).lastPathComponent)")
        try request.checkGlobalTraining()
        let (result, recorded) = try tracking.perform(
            defaultExperiment: "evaluate",
            tracked: { try evaluateGlobalTracked(request, evaluator: Evaluator(), tracking: $0) },
            untracked: { try evaluateGlobal(request, evaluator: Evaluator()) })
        bar.finish()
        if output.json {
            if let summary = series.summary { FileHandle.standardError.write(Data((summary + "\n").utf8)) }
            print(try jsonString(result))
        } else {
            if let summary = series.summary { print(summary) }
            print(GlobalEvaluationTable(result: result).render())
            if let recorded { print(recorded + " (and one child run per series)") }
        }
    }
}

/// "5,15,30" → [5, 15, 30]; each a positive whole number of minutes.
func parseHorizons(_ text: String) throws -> [Int] {
    try text.split(separator: ",").map { part in
        let trimmed = part.trimmingCharacters(in: .whitespaces)
        guard let minutes = Int(trimmed), minutes > 0 else {
            throw ValidationError("--horizons: \"\(trimmed)\" is not a positive whole number of minutes; write for example 5,15,30")
        }
        return minutes
    }
}
