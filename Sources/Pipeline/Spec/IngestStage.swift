import Ingest
import Yams

/// `kind: ingest`: where the series come from; exactly one of `csv:`, `generate:`, `collect:`, `prometheus:`.
public struct IngestStage: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case csv(CSVSource)
        case generate(GenerateSource)
        case collect(CollectSource)
        case prometheus(PrometheusSource)
    }

    public var source: Source

    public init(source: Source) {
        self.source = source
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case csv, generate, collect, prometheus
    }

    static func decode(_ m: ConfigMapping<Key>, context: StageContext, diagnostics d: inout SpecDiagnostics) -> IngestStage? {
        let given: [Key] = [.csv, .generate, .collect, .prometheus].filter { m.node($0) != nil }
        guard given.count == 1, let key = given.first else {
            let reason = given.isEmpty ? "an ingest stage reads from one source" : "an ingest stage reads from one source, and this one names \(given.map(\.rawValue).joined(separator: " and "))"
            let at = given.count > 1 ? m.location(given[1]) : m.location
            d.add(ConfigError(.refused(value: "`kind: ingest`", reason: "\(reason); give exactly one of csv:, generate:, collect: or prometheus:"),
                              keyPath: given.count > 1 ? m.keyPath(given[1]) : m.path, location: at))
            return nil
        }
        let start = d.errors.count
        let source: Source?
        switch key {
        case .csv:
            source = d.section(m, .csv, keys: CSVSource.Key.self).flatMap { section in d.check { () throws(ConfigError) in Source.csv(try CSVSource(decoding: section)) } }
        case .generate:
            source = d.section(m, .generate, keys: GenerateSource.Key.self).flatMap { section in GenerateSource.decode(section, diagnostics: &d).map(Source.generate) }
        case .prometheus:
            source = d.section(m, .prometheus, keys: PrometheusSource.Key.self).flatMap { section in PrometheusSource.decode(section, diagnostics: &d).map(Source.prometheus) }
        default:
            source = d.section(m, .collect, keys: CollectSource.Key.self).flatMap { section in CollectSource.decode(section, diagnostics: &d).map(Source.collect) }
        }
        guard d.errors.count == start else { return nil }
        return source.map(IngestStage.init(source:))
    }
}

/// `csv:` — one series of a CSV file, chosen as `autoscale evaluate` chooses it
/// (docs/formats/csv-input.md). The path is kept as written: the runner reads it, relative
/// to the folder it runs in, so that `--set data=FILE` means what it says.
public struct CSVSource: Sendable, Equatable {
    public var path: String
    /// nil: told apart by the header.
    public var shape: CSVShape?
    public var selection: SeriesSelection
    /// Seconds between rows of a file without a timestamp column.
    public var interval: Double?
    public var onBadRow: BadRowPolicy

    public init(path: String, shape: CSVShape? = nil, selection: SeriesSelection = SeriesSelection(),
                interval: Double? = nil, onBadRow: BadRowPolicy = .fail) {
        self.path = path
        self.shape = shape
        self.selection = selection
        self.interval = interval
        self.onBadRow = onBadRow
    }

    /// The reader options of this source.
    public var readOptions: CSVReadOptions {
        CSVReadOptions(selection: selection, interval: interval, onBadRow: onBadRow)
    }

    /// `shape:` names in YAML.
    enum ShapeName: String, CaseIterable {
        case timestampValue = "timestamp_value", long, wide, noTimestamp = "no_timestamp"

        var shape: CSVShape {
            switch self {
            case .timestampValue: .timestampValue
            case .long: .long
            case .wide: .wide
            case .noTimestamp: .noTimestamp
            }
        }
    }

    enum Key: String, CaseIterable {
        case path, shape, column, container, metric, interval, onBadRow = "on_bad_row"
    }

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = CSVSource(path: "")
        path = try m.requiredString(.path, example: "path: ${params.data}")
        shape = try m.node(.shape) == nil ? nil : m.choice(.shape, default: ShapeName?.none).value.shape
        // An empty string means "not given", so a pipeline can pass an optional choice
        // through a parameter whose default is "" (Pipelines/single-series.yaml).
        func given(_ key: Key) throws(ConfigError) -> String? {
            guard let text = try m.string(key, default: nil).value, !text.isEmpty else { return nil }
            return text
        }
        selection = SeriesSelection(column: try given(.column), container: try given(.container), metric: try given(.metric))
        var intervalGiven = m.node(.interval) != nil
        if case .scalar(let scalar)? = m.node(.interval), scalar.string.isEmpty { intervalGiven = false }
        interval = intervalGiven ? try m.interval(.interval, default: nil, example: "interval: 5m") : nil
        onBadRow = try m.choice(.onBadRow, default: d.onBadRow).value
        if shape == .noTimestamp, interval == nil {
            throw m.error(.missingKey(example: "interval: 5m"), .interval)
        }
    }
}

/// `generate:` — the seeded synthetic workload (docs/formats/generated-workload.md), with
/// `WorkloadConfig`'s defaults.
public struct GenerateSource: Sendable, Equatable {
    public var workload: WorkloadConfig
    public var seed: UInt64

    public init(workload: WorkloadConfig = WorkloadConfig(), seed: UInt64 = WorkloadConfig.defaultSeed) {
        self.workload = workload
        self.seed = seed
    }

    enum Key: String, CaseIterable { case containers, days, interval, seed }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> GenerateSource? {
        let start = d.errors.count
        let defaults = GenerateSource()
        let containers = d.value(defaults.workload.containers) { () throws(ConfigError) in
            try m.int(.containers, default: defaults.workload.containers).requiring({ $0 >= 1 && $0 <= 10_000 }, "use 1 to 10000 containers")
        }
        let days = d.value(defaults.workload.days) { () throws(ConfigError) in
            try m.double(.days, default: defaults.workload.days).requiring({ $0 > 0 && $0 <= 3660 }, "use more than 0 and at most 3660 days")
        }
        let interval = d.value(defaults.workload.interval) { () throws(ConfigError) in
            let seconds = try m.interval(.interval, default: defaults.workload.interval, example: "interval: 15s")
            guard seconds >= 0.001, seconds <= 86_400 else {
                throw m.error(.outOfRange(value: seconds.secondsText + "s", advice: "use an interval from 1ms to 1d"), .interval)
            }
            return seconds
        }
        let seed = d.value(defaults.seed) { () throws(ConfigError) in
            UInt64(try m.int(.seed, default: Int(defaults.seed)).requiring({ $0 >= 0 }, "use a seed ≥ 0"))
        }
        guard d.errors.count == start else { return nil }
        let workload = WorkloadConfig(containers: containers, days: days, interval: interval)
        guard workload.stepCount >= 1 else {
            d.add(m.error(.outOfRange(value: "\(days)", advice: "generate at least one interval of data"), .days))
            return nil
        }
        return GenerateSource(workload: workload, seed: seed)
    }
}

/// `collect:` — this machine's counters for `seconds`, one sample per `interval`.
public struct CollectSource: Sendable, Equatable {
    /// The sampling interval when none is given (as `autoscale data collect`).
    public static let defaultInterval: Double = 15

    public var seconds: Double
    public var interval: Double
    /// Container name written in each row; nil: the host name.
    public var container: String?

    public init(seconds: Double, interval: Double = CollectSource.defaultInterval, container: String? = nil) {
        self.seconds = seconds
        self.interval = interval
        self.container = container
    }

    enum Key: String, CaseIterable { case seconds, interval, container }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> CollectSource? {
        let start = d.errors.count
        let seconds = d.value(0) { () throws(ConfigError) in
            guard m.node(.seconds) != nil else {
                throw ConfigError(.missingKey(example: "seconds: 600"), keyPath: m.keyPath(.seconds), location: m.location)
            }
            return try m.double(.seconds, default: 0).requiring({ $0 > 0 }, "collect for a positive number of seconds")
        }
        let interval = d.value(Self.defaultInterval) { () throws(ConfigError) in
            try m.interval(.interval, default: Self.defaultInterval, example: "interval: 15s")
        }
        let container = d.value(nil) { () throws(ConfigError) in try m.string(.container, default: nil).value }
        return d.errors.count == start ? CollectSource(seconds: seconds, interval: interval, container: container) : nil
    }
}
