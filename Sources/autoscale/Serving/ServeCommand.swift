import ArgumentParser
import Foundation
import ServingHTTP

/// `autoscale serve`: the HTTP service over the registered models.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve forecasts and scaling recommendations over HTTP (for HPA and KEDA).",
        discussion: """
            Endpoints: GET /v1/forecast?container=C, POST /v1/predict, GET /v1/recommendation?container=C \
            (KEDA metrics-api, valueLocation: replicas), GET /metrics, GET /healthz, GET /readyz \
            (docs/formats/serving-http.md). With --data the file's containers are forecast at start and \
            after each model change; with --prometheus the named containers are refreshed every --every \
            (the watch loop, in this process). Moved aliases are picked up every --reload-every; a new \
            version that fails to load leaves the previous one serving. SIGTERM or SIGINT: in-flight \
            requests finish, then the process exits.
            """
    )

    @Option(help: "Address to bind (0.0.0.0 to accept other hosts).")
    var host = ServeSettings.defaultHost

    @Option(help: "Port to listen on (0: any free port, printed on start).")
    var port = ServeSettings.defaultPort

    @Option(help: ArgumentHelp("Long CSV whose containers are forecast (timestamp,container,metric,value).", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("With --prometheus: refresh every this long (default: 60s).", valueName: "interval"))
    var every: String?

    @Option(help: "Largest request body in bytes (413 above).")
    var maxBody = ServeLimits().maxBodyBytes

    @Option(help: "Predictions computed at once (default: the cores).")
    var maxConcurrent = ServeLimits().maxConcurrent

    @Option(help: "Predictions waiting for a slot before 503.")
    var maxQueued = ServeLimits().maxQueued

    @OptionGroup var serving: ServingOptions

    func validate() throws {
        if data != nil && serving.prometheus != nil { throw ValidationError("give --data FILE or --prometheus URL, not both") }
        if serving.prometheus != nil && serving.container.isEmpty { throw ValidationError("--prometheus needs --container NAME (repeat for several)") }
    }

    func run() throws {
        var settings = try serving.apply(to: ServeSettings(host: host, port: port, registry: ServingOptions.registry(serving.db)))
        if let data { settings.source = .csv(path: data) }
        if let every { settings.watchSeconds = try IntervalArgument.seconds(every, option: "--every") }
        settings.limits = ServeLimits(maxBodyBytes: maxBody, maxConcurrent: maxConcurrent, maxQueued: maxQueued)
        try runServing(settings, events: ServeEvents(log: ServeLog.line))
    }
}
