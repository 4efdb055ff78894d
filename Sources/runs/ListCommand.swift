import ArgumentParser
import Tracking

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, optionally filtered and ordered.")

    @OptionGroup var options: RegistryOptions
    @Option(help: "Only runs of this experiment.") var experiment: String?
    @Option(help: "Filter expression, e.g. \"metrics.mae < 0.05 and params.model = 'lstm'\".") var filter: String?
    @Option(name: .customLong("order-by"), help: "Ordering, e.g. \"metrics.mae asc, attributes.start_time desc\".") var orderBy: String?
    @Option(help: "At most this many runs.") var limit: Int?
    @Option(help: "Only runs with this status (repeatable).") var status: [String] = []
    @Flag(help: "With --json: only the keys the filter and ordering name, not every param, tag and latest metric (faster).")
    var noDetails = false

    func run() throws {
        let search = RunSearch(experiment: experiment, filter: filter, orderBy: orderBy, limit: limit,
                               statuses: try status.map(RunStatus.init(parsing:)), details: options.json && !noDetails)
        try Registry.markRunsOfDeadOwnersKilled(at: options.location) // runs of dead processes on this host: KILLED now
        try options.emit(try options.openForReading().searchRuns(search), table: RunReports.list)
    }
}
