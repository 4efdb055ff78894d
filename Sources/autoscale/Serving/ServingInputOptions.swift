import ArgumentParser
import Foundation
import Serving
import Tracking

/// The options `predict` and `recommend` share: whose data, from where, which models.
struct ServingInputOptions: ParsableArguments {
    @Option(name: .long, help: "Container (the long CSV's container column).")
    var container: String

    @Option(name: .long, help: "Long CSV (timestamp,container,metric,value), as `autoscale data generate` writes.")
    var data: String

    @Option(name: .long, help: "Model alias to serve.")
    var alias: String = ModelReference.defaultAlias

    @Option(name: .long, help: "Model name prefix: metric m uses <prefix>m.")
    var modelPrefix: String = ModelReference.defaultPrefix

    @Option(help: ArgumentHelp("Registry (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    /// The request for these options, reading the CSV once.
    func predictRequest(metrics: [String]?, horizons: [Double] = PredictionSpec.defaultHorizons) throws -> PredictRequest {
        PredictRequest(container: container, source: try CSVHistorySource(path: data), metrics: metrics,
                       spec: PredictionSpec(horizons: horizons, alias: alias, modelPrefix: modelPrefix), registry: registryLocation(db: db))
    }
}

/// `--db`, else `$AUTOSCALE_REGISTRY`, else experiments/registry.sqlite here.
func registryLocation(db: String?) -> RegistryLocation {
    RegistryLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment,
                             currentDirectory: FileManager.default.currentDirectoryPath)
}
