import ArgumentParser
import Foundation
import Tracking

/// Flags every subcommand shares: where the registry is and how to print.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: "Registry file (default: $AUTOSCALE_REGISTRY, else experiments/registry.sqlite).")
    var db: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .long, help: "Seconds without a heartbeat after which a RUNNING run counts as KILLED.")
    var staleAfter: Double = Registry.defaultStaleAfter

    var location: RegistryLocation {
        RegistryLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment,
                                 currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Opens the registry for writing (creating it when `create`).
    func open(create: Bool = false) throws -> Registry {
        try Registry.open(location, create: create, staleAfter: staleAfter)
    }

    /// Opens an existing registry read-only: what the listing and inspecting commands use.
    func openForReading() throws -> Registry {
        try Registry.openForReading(location, staleAfter: staleAfter)
    }

    /// Prints `value` as JSON with `--json`, else the text `table` renders.
    func emit<T: Encodable>(_ value: T, table: (T) -> String) throws {
        print(json ? try JSONOutput.string(value) : table(value))
    }
}
