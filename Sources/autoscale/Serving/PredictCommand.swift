import ArgumentParser
import Foundation
import Ingest
import Serving

/// `autoscale predict`: forecasts a container's metrics with the registered models.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Forecast a container's metrics with the registered production models.",
        discussion: "Each metric m uses the model <prefix>m@<alias> of the registry (as the pipelines register them), loaded once and checked against its sha256. The history is the container's recent raw data at the model's interval; counters are forecast as per-second rates. Intervals where the model gives them (arima, autoarima, prophet)."
    )

    @OptionGroup var input: ServingInputOptions

    @Option(name: .long, help: ArgumentHelp("Comma-separated metrics (default: the six, skipping those without a model).", valueName: "list"))
    var metrics: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated horizons in minutes (default: 5,15,30).", valueName: "list"))
    var horizons: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let minutes = try horizons.map { try parseMinutes($0, option: "--horizons") } ?? PredictionSpec.defaultHorizons
        let result = try predictContainer(try input.predictRequest(metrics: metrics.map(splitList), horizons: minutes))
        print(output.json ? try jsonString(result) : PredictionTable(result: result).render())
    }
}

/// "5,15,30" → [5, 15, 30] (positive minutes).
func parseMinutes(_ text: String, option: String) throws -> [Double] {
    try splitList(text).map { part in
        guard let minutes = Double(part), minutes > 0, minutes.isFinite else {
            throw ValidationError("\(option): \"\(part)\" is not a positive number of minutes; write for example 5,15,30")
        }
        return minutes
    }
}

/// "a, b" → ["a", "b"].
func splitList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
