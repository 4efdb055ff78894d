import ArgumentParser
import Foundation
import Ingest
import Serving
import ServingHTTP
import Tracking

/// Flags `serve` and `watch` share: registry, policy, models, reload interval, Prometheus source.
struct ServingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Registry (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Scaling policy YAML, e.g. Configs/policy.yaml (default: the built-in policy).", valueName: "file"))
    var policy: String?

    @Option(name: .long, help: "Model alias to serve.")
    var alias: String = ModelReference.defaultAlias

    @Option(name: .long, help: "Model name prefix: metric m uses <prefix>m.")
    var modelPrefix: String = ModelReference.defaultPrefix

    @Option(help: ArgumentHelp("Poll the registry for moved aliases this often (default: 30s).", valueName: "interval"))
    var reloadEvery: String?

    @Option(help: ArgumentHelp("Prometheus base URL, e.g. http://127.0.0.1:9090.", valueName: "url"))
    var prometheus: String?

    @Option(name: .long, help: ArgumentHelp("Container to watch (repeat for several).", valueName: "name"))
    var container: [String] = []

    @Option(help: ArgumentHelp("History to read from Prometheus per refresh: 2d, 6h, … (default: 2d).", valueName: "interval"))
    var since: String?

    /// The settings these flags describe, on top of `base`.
    func apply(to base: ServeSettings) throws -> ServeSettings {
        var settings = base
        if let policy { settings.policy = try PolicyLoader.load(path: policy) }
        settings.prediction = PredictionSpec(alias: alias, modelPrefix: modelPrefix)
        if let reloadEvery { settings.reloadSeconds = try IntervalArgument.seconds(reloadEvery, option: "--reload-every") }
        settings.containers = container
        if let prometheus {
            var fetch = PrometheusFetch(url: prometheus, container: container.first ?? "", settings: ServeSettings.prometheusClient)
            if let since { fetch.window = .last(seconds: try IntervalArgument.seconds(since, option: "--since")) }
            settings.source = .prometheus(fetch)
        }
        return settings
    }

    static func registry(_ db: String?) -> RegistryLocation {
        RegistryLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment,
                                 currentDirectory: FileManager.default.currentDirectoryPath)
    }
}

/// Log lines of `serve` and `watch` on standard error.
enum ServeLog {
    static func line(_ text: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        FileHandle.standardError.write(Data("\(stamp) \(text)\n".utf8))
    }
}
