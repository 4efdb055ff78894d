import ArgumentParser
import Forecasting
import Foundation
import Pipeline
import Tracking

/// `autoscale forecast`: fits one model on a whole series and prints the next steps with
/// prediction intervals.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast the steps after the end of a series, with prediction intervals.",
        discussion: "The series is put on its regular grid and min-max scaled on its first 85 %; the model is fitted on all of it (the last 15 % as validation: the LSTM's early stopping, and the interval calibration of naive, snaive and lstm) and forecasts are printed in the series' units. Intervals for every model: arima, autoarima (empirical), prophet (Monte Carlo), naive, snaive, lstm (residual quantiles calibrated on the validation part, at 50, 80, 90, 95 or 99 %)."
    )

    @Option(name: .long, help: "CSV file: timestamp,value; long timestamp,container,metric,value; or wide.")
    var data: String

    @OptionGroup var selection: SeriesInputOptions

    @Option(name: .long, help: "Model: \(ModelSpec.names.joined(separator: "|")) (default: the config's model_type, else arima).")
    var model: String?

    @Option(name: .long, help: ArgumentHelp("Per-metric config (e.g. Configs/cpu.yaml): the model and its hyperparameters; in a long CSV its metric_name and container_name choose the series; a counter is forecast as its rate. Flags win.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: "Forecast every grid step up to this many minutes ahead.")
    var minutes: Int = 30

    @Option(name: .long, help: "Central interval coverages, comma-separated: percent (80,95) or fractions (0.8,0.95).")
    var levels: String = "80,95"

    @OptionGroup var training: TrainingOptions

    @OptionGroup var tracking: TrackingOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if minutes < 1 { throw ValidationError("--minutes \(minutes): forecast at least 1 minute ahead") }
        _ = try parseLevels(levels)
    }

    func run() throws {
        let bar = ProgressBar()
        let chosen = try ConfiguredModel.resolve(
            ModelRequest(modelName: model, configPath: config, overrides: training.overrides()), defaultModel: .arima)
        let series = try ConfiguredSeries.resolve(
            flags: try selection.readOptions(), config: chosen.config, configPath: config, dataPath: data)
        let request = SeriesForecastRequest(
            dataPath: data, readOptions: series.readOptions, model: chosen.spec, minutes: minutes,
            levels: try parseLevels(levels), hooks: training.hooks(for: chosen.spec, progress: bar),
            countersToRates: series.countersToRates, scale: series.scale)
        bar.update(done: 0, total: 1, label: "\(chosen.spec.name) on \(URL(fileURLWithPath: data).lastPathComponent)")
        let (report, recorded) = try tracking.perform(
            defaultExperiment: "forecast",
            tracked: { try forecastSeriesTracked(request, now: TrainingHooks.monotonicSeconds, tracking: $0) },
            untracked: { try forecastSeries(request, now: TrainingHooks.monotonicSeconds) })
        bar.finish()
        if let summary = series.summary {
            if output.json { FileHandle.standardError.write(Data((summary + "\n").utf8)) } else { print(summary) }
        }
        print(output.json ? try jsonString(report) : ForecastTable(report: report).render())
        if let recorded, !output.json { print(recorded) }
    }
}

/// "80,95" or "0.8,0.95" → [0.8, 0.95]: a value below 1 is a fraction, one from 1 up to
/// (not including) 100 is percent.
func parseLevels(_ text: String) throws -> [Double] {
    try text.split(separator: ",").map { part in
        let trimmed = part.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value > 0, value < 100 else {
            throw ValidationError("--levels: \"\(trimmed)\" is not a coverage strictly between 0 and 100 percent (or a fraction in (0, 1)); write for example 80,95 or 0.8,0.95")
        }
        return value < 1 ? value : value / 100
    }
}
