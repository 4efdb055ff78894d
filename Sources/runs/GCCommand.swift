import ArgumentParser
import Tracking

struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc", abstract: "Mark runs with a stale heartbeat KILLED and remove unreferenced artifact files.")

    @OptionGroup var options: RegistryOptions
    @Option(help: "Keep unreferenced files younger than this many seconds (a writer may still record them).")
    var fileGracePeriod: Double = 3600

    func run() throws {
        try options.emit(try options.open().collectGarbage(fileGracePeriod: fileGracePeriod), table: RegistryReports.garbageCollection)
    }
}
