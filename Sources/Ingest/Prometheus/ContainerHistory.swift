import Series

/// The recent history of one container's resource metrics from Prometheus, one
/// `TimeSeries` per metric named `<container>/<metric>`, in the units of the CSV path
/// (`PrometheusQueries`): what `autoscale data fetch` writes and what a predictor reads.
public struct ContainerHistory: Sendable, Equatable {
    public var container: String
    public var range: PrometheusRange
    /// Metric → its series (finite points only), for each metric asked for.
    public var series: [ResourceMetric: TimeSeries]
    /// Metric → the PromQL that was run.
    public var queries: [ResourceMetric: String]
    /// Points left out because Prometheus gave NaN or ±Inf, summed over the metrics.
    public var droppedPoints: Int

    public init(container: String, range: PrometheusRange, series: [ResourceMetric: TimeSeries],
                queries: [ResourceMetric: String], droppedPoints: Int = 0) {
        self.container = container
        self.range = range
        self.series = series
        self.queries = queries
        self.droppedPoints = droppedPoints
    }

    /// Fetches `metrics` (in `ResourceMetric.allCases` order) of `container` on `range`.
    /// Every metric must give one series with at least `minimumPoints` finite points,
    /// or this throws the client's typed error for the first one that does not.
    /// `progress(done, total)` counts requests (chunks of every metric).
    public static func fetch(
        from client: PrometheusClient, container: String, range: PrometheusRange,
        metrics: [ResourceMetric] = ResourceMetric.allCases, queries: PrometheusQueries = .cadvisor,
        minimumPoints: Int = 1, progress: (Int, Int) -> Void = { _, _ in }
    ) throws(IngestError) -> ContainerHistory {
        guard !container.isEmpty, !container.contains(where: { ",\"\n\r".contains($0) }) else {
            throw .invalidSetting(name: "container", value: container, expected: "a name without commas, quotes or line breaks")
        }
        guard minimumPoints >= 1 else {
            throw .invalidSetting(name: "minimum points", value: String(minimumPoints), expected: "at least 1")
        }
        let ordered = ResourceMetric.allCases.filter(metrics.contains)
        let chunksPerMetric = range.chunks(maxPoints: client.settings.maxPointsPerRequest).count
        var history = ContainerHistory(container: container, range: range, series: [:], queries: [:])
        for (index, metric) in ordered.enumerated() {
            let query = queries.query(metric, container: container, step: range.step)
            let answer = try client.singleSeries(query, range: range, name: "\(container)/\(metric.rawValue)",
                                                 minimumPoints: minimumPoints) { chunk, _ in
                progress(index * chunksPerMetric + chunk, ordered.count * chunksPerMetric)
            }
            history.series[metric] = answer.series
            history.queries[metric] = query
            history.droppedPoints += answer.droppedPoints
        }
        return history
    }

    /// Rows in the CSV: one per point of every series.
    public var rowCount: Int { series.values.reduce(0) { $0 + $1.count } }

    /// Writes the long CSV `timestamp,container,metric,value` (as `data generate` does),
    /// rows in time order and, at one timestamp, in `ResourceMetric.allCases` order;
    /// a file appears only once every row is written. Returns the rows written.
    @discardableResult
    public func writeCSV(to destination: CSVDestination) throws(IngestError) -> Int {
        let output = try CSVOutput(destination: destination)
        let writer = LongCSVWriter(output: output)
        let name = Array(container.utf8)
        let columns = ResourceMetric.allCases.compactMap { metric in series[metric].map { (metric, $0) } }
        var cursors = [Int](repeating: 0, count: columns.count)
        var rows = 0
        do {
            writer.writeHeader()
            while true {
                // The earliest timestamp not yet written, over every metric (a k-way merge).
                var next = Double.infinity
                for (c, column) in columns.enumerated() where cursors[c] < column.1.count {
                    next = min(next, column.1.timestamps[cursors[c]])
                }
                guard next.isFinite else { break }
                let stamp = Array(CivilTime.iso8601(epochSeconds: next).utf8)
                for (c, column) in columns.enumerated() where cursors[c] < column.1.count && column.1.timestamps[cursors[c]] == next {
                    writer.writeValue(timestamp: stamp, container: name, metric: column.0, value: column.1.values[cursors[c]])
                    cursors[c] += 1
                    rows += 1
                }
                try output.flushIfFull()
            }
            try output.commit()
        } catch {
            output.abort()
            throw error
        }
        return rows
    }
}
