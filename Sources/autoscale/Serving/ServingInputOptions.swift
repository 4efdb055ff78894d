import ArgumentParser
import Foundation
import Ingest
import Serving
import Tracking

/// The options `predict` and `recommend` share: whose data, from where, which models.
struct ServingInputOptions: ParsableArguments {
    @Option(name: .long, help: "Container (the long CSV's container column).")
    var container: String

    @Option(name: .long, help: "Long CSV (timestamp,container,metric,value), as `autoscale data generate` writes.")
    var data: String?

    @Option(name: .long, help: ArgumentHelp("Read the history from Prometheus instead (cAdvisor queries, at each model's step).", valueName: "url"))
    var prometheus: String?

    @Option(name: .long, help: ArgumentHelp("With --prometheus: history to read, 2d, 6h, … (default: 2d).", valueName: "interval"))
    var since: String?

    @Option(name: .long, help: "Model alias to serve.")
    var alias: String = ModelReference.defaultAlias

    @Option(name: .long, help: "Model name prefix: metric m uses <prefix>m.")
    var modelPrefix: String = ModelReference.defaultPrefix

    @Option(help: ArgumentHelp("Registry (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    func validate() throws {
        guard (data == nil) != (prometheus == nil) else { throw ValidationError("give exactly one of --data FILE or --prometheus URL") }
    }

    /// The request for these options: the CSV read once, or Prometheus queried at each
    /// model's grid step (so the predictor does not refuse the history's interval).
    func predictRequest(metrics: [String]?, horizons: [Double] = PredictionSpec.defaultHorizons) throws -> PredictRequest {
        let location = registryLocation(db: db)
        let spec = PredictionSpec(horizons: horizons, alias: alias, modelPrefix: modelPrefix)
        let source: any HistorySource
        if let prometheus {
            var fetch = PrometheusFetch(url: prometheus, container: container)
            if let since { fetch.window = .last(seconds: try IntervalArgument.seconds(since, option: "--since")) }
            source = try PrometheusHistorySource.forModels(fetch: fetch, registry: location, spec: spec, now: { SystemClock().now() })
        } else {
            source = try CSVHistorySource(path: data ?? "")
        }
        return PredictRequest(container: container, source: source, metrics: metrics, spec: spec, registry: location)
    }
}

/// `--db`, else `$AUTOSCALE_REGISTRY`, else experiments/registry.sqlite here.
func registryLocation(db: String?) -> RegistryLocation {
    RegistryLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment,
                             currentDirectory: FileManager.default.currentDirectoryPath)
}
