import ArgumentParser
import Foundation
import Ingest

/// `autoscale data fetch`: one container's six metrics from Prometheus into long CSV.
struct FetchCommand: ParsableCommand {
    static let defaultOutput = "data/prometheus.csv"

    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Export one container's CPU, memory, disk and network history from Prometheus into long CSV.",
        discussion: """
            Runs /api/v1/query_range for each metric on a grid of --step over the last --since (default \
            \(Int(PrometheusFetch.defaultLookback / 3600)) h, step \(Int(PrometheusFetch.defaultStep)) s; the \
            end is now rounded down to the step). The default queries read cAdvisor's metrics by their \
            container label: cpu = sum(rate(container_cpu_usage_seconds_total[W])) in cores, memory = \
            container_memory_working_set_bytes, disk and network as cumulative byte counters, the units \
            of `data generate`. Replace a query with --query METRIC=PROMQL ($container and $window are \
            filled in). Ranges over 11,000 points are fetched in chunks. See docs/formats/prometheus.md.
            """
    )

    @Option(help: "Prometheus base URL, e.g. http://127.0.0.1:9090.")
    var prometheus: String

    @Option(help: "Value of the container label to select.")
    var container: String

    @Option(help: "How far back to fetch: 2d, 6h, 90m, … (default: 2d).")
    var since: String?

    @Option(help: "Grid step: 15s, 1m, … (default: 15s).")
    var step: String?

    @Option(help: "Comma-separated metrics (default: all six: cpu,memory,disk_reads,disk_writes,network_rx,network_tx).")
    var metrics: String?

    @Option(name: .customLong("query"), help: ArgumentHelp("A query for one metric instead of its default.", valueName: "metric=promql"))
    var queries: [String] = []

    @Option(help: "Output CSV file, or - for standard output.")
    var output = FetchCommand.defaultOutput

    @OptionGroup var format: OutputOptions

    func validate() throws {
        _ = try fetch()
    }

    func run() throws {
        let request = try fetch()
        if output == FetchCommand.defaultOutput {
            try FileManager.default.createDirectory(atPath: "data", withIntermediateDirectories: true)
        }
        let bar = ProgressBar()
        let history = try request.export(to: CSVDestination(argument: output), now: SystemClock().now()) { done, total in
            bar.update(done: done, total: total, label: "query_range")
        }
        bar.finish()
        try FetchSummary(history: history, output: output).print(json: format.json)
    }

    /// The request the flags describe; every flag error names its flag.
    func fetch() throws -> PrometheusFetch {
        var request = PrometheusFetch(url: prometheus, container: container)
        if let since { request.window = .last(seconds: try IntervalArgument.seconds(since, option: "--since")) }
        if let step { request.step = try IntervalArgument.seconds(step, option: "--step") }
        if let metrics {
            request.metrics = try metrics.split(separator: ",").map { name in
                try Self.metric(String(name), option: "--metrics")
            }
        }
        for item in queries {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex, item.index(after: equals) != item.endIndex else {
                throw ValidationError("--query \(item): expected METRIC=PROMQL, e.g. --query 'memory=sum(container_memory_rss{container=\"$container\"})'")
            }
            request.overrides[try Self.metric(String(item[..<equals]), option: "--query")] = String(item[item.index(after: equals)...])
        }
        return request
    }

    static func metric(_ name: String, option: String) throws -> ResourceMetric {
        guard let metric = ResourceMetric(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError("\(option): \"\(name)\" is not a metric; use one of \(ResourceMetric.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return metric
    }
}

/// What `data fetch` printed: the rows written, the range and the query of each metric.
struct FetchSummary: Encodable {
    var output: String
    var rows: Int
    var container: String
    var start: String
    var end: String
    var stepSeconds: Double
    var points: [String: Int]
    var droppedPoints: Int
    var queries: [String: String]

    enum CodingKeys: String, CodingKey {
        case output, rows, container, start, end, points, queries
        case stepSeconds = "step_seconds", droppedPoints = "dropped_points"
    }

    init(history: ContainerHistory, output: String) {
        self.output = output
        rows = history.rowCount
        container = history.container
        start = CivilTime.iso8601(epochSeconds: history.range.start)
        end = CivilTime.iso8601(epochSeconds: history.range.end)
        stepSeconds = history.range.step
        points = Dictionary(uniqueKeysWithValues: history.series.map { ($0.key.rawValue, $0.value.count) })
        droppedPoints = history.droppedPoints
        queries = Dictionary(uniqueKeysWithValues: history.queries.map { ($0.key.rawValue, $0.value) })
    }

    func text() -> String {
        let every = stepSeconds == stepSeconds.rounded() ? String(Int(stepSeconds)) : String(stepSeconds)
        let dropped = droppedPoints > 0 ? "; \(droppedPoints) NaN/Inf points left out" : ""
        return "fetched \(rows) rows (container \(container), \(points.count) metric\(points.count == 1 ? "" : "s"), "
            + "\(start) to \(end) every \(every) s\(dropped)) to \(output == "-" ? "standard output" : output)"
    }

    /// Prints to standard output, or to standard error when the CSV itself went to standard output.
    func print(json: Bool) throws {
        let line: String
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            line = String(decoding: try encoder.encode(self), as: UTF8.self)
        } else {
            line = text()
        }
        let handle = output == "-" ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data((line + "\n").utf8))
    }
}
