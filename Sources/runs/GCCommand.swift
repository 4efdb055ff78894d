import ArgumentParser
import Tracking

struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Mark runs with a stale heartbeat KILLED, remove unreferenced artifact files and the pipeline cache entries no run refers to.",
        discussion: """
            A stage cache entry (cache/ beside the registry) is referenced by a tag cache.<stage id> of a run \
            in a live experiment; entries of deleted experiments' runs become unreferenced. Unreferenced files \
            and entries younger than --file-grace-period are kept (a writer or a running pipeline may still \
            record them); folders left in cache/tmp/ older than that are removed.
            """)

    @OptionGroup var options: RegistryOptions
    @Option(help: "Keep unreferenced files and cache entries younger than this many seconds (a writer may still record them).")
    var fileGracePeriod: Double = 3600

    func run() throws {
        try options.emit(try options.open().collectGarbage(fileGracePeriod: fileGracePeriod), table: RegistryReports.garbageCollection)
    }
}
