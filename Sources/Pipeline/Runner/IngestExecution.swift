import Foundation
import Ingest
import Kernels
import Series

/// `kind: ingest`: every series of a CSV file, of the generated workload, of this
/// machine's counters or of one container in Prometheus, in (container, metric) order.
enum IngestExecution {
    static func run(_ stage: IngestStage, _ input: StageInput) throws -> StageResult {
        var list: [StoredSeries]
        switch stage.source {
        case .csv(let csv):
            if let expected = csv.shape {
                let found = try CSVSeriesReader.inspect(path: csv.path).shape
                guard found == expected else { throw PipelineRunError.csvShapeMismatch(path: csv.path, expected: "\(expected)", found: "\(found)") }
            }
            let all = try CSVSeriesReader.readAll(path: csv.path, options: csv.readOptions)
            list = all.keys.sorted().map { key in StoredSeries(all[key]!, container: key.container, metric: key.metric) }
        case .generate(let generate):
            var random = SplitMix64(seed: generate.seed)
            let all = try WorkloadGenerator(config: generate.workload).series(random: &random)
            list = all.keys.sorted().map { key in StoredSeries(all[key]!, container: key.container, metric: key.metric) }
        case .collect(let collect):
            list = try collected(collect)
        case .prometheus(let prometheus):
            list = try fetched(prometheus, now: Date().timeIntervalSince1970)
        }
        return StageResult(product: .series(list))
    }

    /// `collect.seconds` of this machine's counters, one sample per `collect.interval`.
    static func collected(_ collect: CollectSource) throws -> [StoredSeries] {
        let reader = CounterReader()
        let container = try collect.container ?? reader.hostName()
        let collector = try ResourceCollector(reader: reader, clock: SystemClock(), interval: collect.interval, container: container)
        var timestamps: [Double] = []
        var values = ResourceMetric.allCases.map { _ in [Double]() }
        try collector.collect(samples: max(1, Int((collect.seconds / collect.interval).rounded()))) { (time, sample) throws(IngestError) in
            timestamps.append(time)
            for (m, metric) in ResourceMetric.allCases.enumerated() { values[m].append(sample[metric]) }
        }
        return ResourceMetric.allCases.enumerated().map { m, metric in
            StoredSeries(name: "\(container)/\(metric.rawValue)", container: container, metric: metric.rawValue,
                         timestamps: timestamps, values: values[m])
        }
    }

    /// The six metrics of `source.fetch.container` from Prometheus over the range resolved at `now`.
    static func fetched(_ source: PrometheusSource, now: Double) throws -> [StoredSeries] {
        let history = try source.fetch.history(now: now)
        let container = history.container
        return history.series.keys.sorted { $0.rawValue < $1.rawValue }.map { metric in
            StoredSeries(history.series[metric]!, container: container, metric: metric.rawValue)
        }
    }
}
