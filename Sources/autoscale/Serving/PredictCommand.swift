import ArgumentParser
import Foundation
import Ingest
import Serving
import Tracking

/// `autoscale predict`: forecasts a container's metrics with the registered models.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Forecast a container's metrics with the registered production models.",
        discussion: "Each metric m uses the model <prefix>m@<alias> of the registry (as the pipelines register them), loaded once and checked against its sha256. The history is the container's recent raw data at the model's interval; counters are forecast as per-second rates. Intervals where the model gives them (arima, autoarima, prophet)."
    )

    @Option(name: .long, help: "Container to forecast (the long CSV's container column).")
    var container: String

    @Option(name: .long, help: "Long CSV (timestamp,container,metric,value), as `autoscale data generate` writes.")
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Read the history from Prometheus instead (cAdvisor queries, at each model's step).", valueName: "url"))
    var prometheus: String?

    @Option(name: .long, help: ArgumentHelp("With --prometheus: history to read, 2d, 6h, … (default: 2d).", valueName: "interval"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated metrics (default: the six, skipping those without a model).", valueName: "list"))
    var metrics: String?

    @Option(name: .long, help: "Model alias to serve.")
    var alias: String = ModelReference.defaultAlias

    @Option(name: .long, help: "Model name prefix: metric m uses <prefix>m.")
    var modelPrefix: String = ModelReference.defaultPrefix

    @Option(name: .long, help: ArgumentHelp("Comma-separated horizons in minutes (default: 5,15,30).", valueName: "list"))
    var horizons: String?

    @Option(help: ArgumentHelp("Registry (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (data == nil) != (prometheus == nil) else { throw ValidationError("give exactly one of --data FILE or --prometheus URL") }
    }

    func run() throws {
        let location = RegistryLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment,
                                                currentDirectory: FileManager.default.currentDirectoryPath)
        let spec = PredictionSpec(horizons: try horizons.map { try parseMinutes($0, option: "--horizons") } ?? PredictionSpec.defaultHorizons,
                                  alias: alias, modelPrefix: modelPrefix)
        let source: any HistorySource
        if let prometheus {
            var fetch = PrometheusFetch(url: prometheus, container: container)
            if let since { fetch.window = .last(seconds: try IntervalArgument.seconds(since, option: "--since")) }
            source = try PrometheusHistorySource.forModels(fetch: fetch, registry: location, spec: spec, now: { SystemClock().now() })
        } else {
            source = try CSVHistorySource(path: data ?? "")
        }
        let request = PredictRequest(container: container, source: source,
                                     metrics: metrics.map(splitList), spec: spec, registry: location)
        let result = try predictContainer(request)
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
