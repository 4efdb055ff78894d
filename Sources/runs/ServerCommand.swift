import ArgumentParser
import Foundation
import Tracking
import TrackingServer

struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Serve MLflow's REST API over the registry, so MLflow clients log into it unchanged.",
        discussion: """
        Point a client at it with MLFLOW_TRACKING_URI=http://127.0.0.1:5000. Listens on loopback by default; \
        a non-loopback --host needs --token-file (or --insecure). With a token, every write needs \
        `Authorization: Bearer TOKEN` (the mlflow client sends MLFLOW_TRACKING_TOKEN). Prints the URL it \
        listens on (JSON with --json). Endpoints and limits: docs/formats/mlflow-rest.md.
        """)

    @OptionGroup var options: RegistryOptions
    @Option(help: "Address to listen on.") var host = ServerConfiguration.defaultHost
    @Option(help: "Port to listen on (0: any free port).") var port = ServerConfiguration.defaultPort
    @Option(help: "Artifact folder (default: artifacts/ beside the registry file).") var artifacts: String?
    @Option(help: "File whose first line is the bearer token every write must carry.") var tokenFile: String?
    @Flag(help: "Refuse every write (403).") var readOnly = false
    @Flag(help: "Allow a non-loopback --host without a token.") var insecure = false
    @Option(help: "Largest request body accepted, in bytes (larger: 413).") var maxBodyBytes = ServerConfiguration.defaultMaxBodyBytes
    @Flag(help: "Time each API call's phases: a Server-Timing header on every answer, totals at GET /debug/timing.") var timing = false

    func run() async throws {
        let location = artifacts.map { RegistryLocation(databasePath: options.location.databasePath, artifactsPath: $0) } ?? options.location
        let configuration = ServerConfiguration(
            host: host, port: port, location: location, token: try tokenFile.map(ServerConfiguration.readToken),
            readOnly: readOnly, insecure: insecure, maxBodyBytes: maxBodyBytes, staleAfter: options.staleAfter, timing: timing)
        let json = options.json
        try await TrackingServer.run(configuration, onListening: { port in
            let url = "http://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\(port)"
            print(json ? "{\"url\": \"\(url)\", \"registry\": \"\(location.databasePath)\"}" : "Listening on \(url) (registry \(location.databasePath))")
            fflush(nil)
        })
    }
}
