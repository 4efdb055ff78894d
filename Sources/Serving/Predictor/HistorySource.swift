import Ingest
import Series

/// Where the recent raw history of a container's metric comes from. `CSVHistorySource`
/// reads a long CSV; a Prometheus source (issue 11 part 3) conforms the same way.
public protocol HistorySource: Sendable {
    /// The raw samples (counters as cumulative values) of `metric` for `container`, oldest first.
    func history(container: String, metric: String) throws -> TimeSeries
}

/// A long CSV (`timestamp,container,metric,value`, as `autoscale data generate` writes),
/// read once.
public struct CSVHistorySource: HistorySource {
    public let path: String
    let series: InMemoryHistorySource

    public init(path: String) throws {
        self.path = path
        series = InMemoryHistorySource(try CSVSeriesReader.readAll(path: path))
    }

    public func history(container: String, metric: String) throws -> TimeSeries {
        try series.history(container: container, metric: metric)
    }
}

/// Histories given in memory (a request body, a test).
public struct InMemoryHistorySource: HistorySource {
    public var series: [SeriesKey: TimeSeries]

    public init(_ series: [SeriesKey: TimeSeries]) {
        self.series = series
    }

    public func history(container: String, metric: String) throws -> TimeSeries {
        guard let found = series[SeriesKey(container: container, metric: metric)] else {
            throw ServingError.noHistory(container: container, metric: metric, available: series.keys.sorted().map(\.description))
        }
        return found
    }
}
