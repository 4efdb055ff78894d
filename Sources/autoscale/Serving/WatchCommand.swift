import ArgumentParser
import Foundation
import ServingHTTP

/// `autoscale watch`: fetch, predict, recommend every interval; optionally serve the result.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Every interval: fetch a container's metrics from Prometheus, forecast, recommend replicas.",
        discussion: """
            One line per container and cycle on standard error (with --json, one JSON object per \
            container and cycle on standard output). When Prometheus is unreachable the last forecasts \
            are kept and marked stale with their age; the next cycle that reaches it recovers. With \
            --serve PORT the same process answers the HTTP API of `autoscale serve` on that port \
            (`watch --serve 8080` and `serve --prometheus URL --container C` are the same service).
            """
    )

    @Option(help: ArgumentHelp("Refresh every this long (default: 60s).", valueName: "interval"))
    var every: String?

    @Option(help: ArgumentHelp("Also serve the HTTP API on this port.", valueName: "port"))
    var serve: Int?

    @Option(help: "Address to bind with --serve.")
    var host = ServeSettings.defaultHost

    @OptionGroup var serving: ServingOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if serving.prometheus == nil { throw ValidationError("give --prometheus URL (e.g. http://127.0.0.1:9090)") }
        if serving.container.isEmpty { throw ValidationError("give --container NAME (repeat for several)") }
    }

    func run() throws {
        var settings = try serving.apply(to: ServeSettings(host: host, port: serve ?? ServeSettings.defaultPort, listens: serve != nil,
                                                            registry: ServingOptions.registry(serving.db)))
        if let every { settings.watchSeconds = try IntervalArgument.seconds(every, option: "--every") }
        let json = output.json
        try runServing(settings, events: ServeEvents(log: ServeLog.line) { entry in
            guard json else { return }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            do {
                let line = try encoder.encode(RefreshReport(entry, now: Date().timeIntervalSince1970))
                FileHandle.standardOutput.write(line + Data("\n".utf8))
            } catch {
                ServeLog.line("cannot encode the cycle as JSON: \(error)")
            }
        })
    }
}
