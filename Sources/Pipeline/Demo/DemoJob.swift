import Forecasting
import Ingest
import Kernels
import Series
import Tracking

/// The main job on the embedded defaults, end to end: generate a seeded container
/// workload, write it as long CSV, read it back, turn counters into rates per metric,
/// score every model on every series by the evaluation protocol, and record each
/// evaluation as a run in experiment `demo` of the tracker, when one is given, with the
/// fitted model as its `model` artifact (promotable with `runs promote`).
///
/// Counters (disk and network bytes) are scored on their bytes-per-second rate; gauges
/// (cpu, memory) as they are. Clipping and log1p, which help a model fit, are not
/// applied here: the protocol scores values in the units a user reads.
public struct DemoJob: Sendable {
    public var workload: WorkloadConfig
    public var seed: UInt64
    public var models: [ModelSpec]
    public var horizonMinutes: [Int]
    /// Where the generated CSV is written (the ingest step reads it back from there).
    public var dataPath: String

    public init(
        workload: WorkloadConfig = WorkloadConfig(),
        seed: UInt64 = WorkloadConfig.defaultSeed,
        models: [ModelSpec] = [ModelKind.naive, .snaive, .arima].map(ModelSpec.init(kind:)),
        horizonMinutes: [Int] = [5, 15, 30],
        dataPath: String = "data/generated.csv"
    ) {
        self.workload = workload
        self.seed = seed
        self.models = models
        self.horizonMinutes = horizonMinutes
        self.dataPath = dataPath
    }

    /// Runs the job; `progress(done, total, label)` is called before each evaluation, and
    /// `hooks(model)` gives the training hooks (epoch events) of each model that trains.
    public func run<C: Clock>(
        evaluator: Evaluator<C>,
        tracker: (any Tracker)? = nil,
        hooks: (ModelSpec) -> TrainingHooks = { _ in .silent },
        progress: (Int, Int, String) -> Void = { _, _, _ in }
    ) throws -> DemoReport {
        let logger = tracker.map { EvaluationLogger(tracker: $0, experiment: "demo") }
        var random = SplitMix64(seed: seed)
        try WorkloadGenerator(config: workload).writeCSV(to: .file(dataPath), random: &random)
        let series = try CSVSeriesReader.readAll(path: dataPath)
        var rows: [DemoReport.Row] = []
        let keys = series.keys.sorted()
        let total = keys.count * models.count
        for key in keys {
            guard let raw = series[key] else { continue }
            let metric = try MetricKind(parsing: key.metric)
            let prepared = try Self.prepare(raw, metric: metric)
            let plan = try EvaluationPlan(series: prepared, horizonMinutes: horizonMinutes)
            for model in models {
                progress(rows.count, total, "\(key.container)/\(key.metric) \(model.name)")
                let (report, artifact) = try model.evaluateWithArtifact(on: plan, with: evaluator, hooks: hooks(model))
                try logger?.log(report, artifact: artifact, seed: seed, tags: ["container": key.container, "metric": key.metric, "model": model.name])
                rows.append(DemoReport.Row(container: key.container, metric: key.metric, report: report))
            }
        }
        return DemoReport(dataPath: dataPath, seed: seed, rows: rows)
    }

    /// Counter → rate for counter metrics (the per-metric spec's first stage); gauges pass.
    static func prepare(_ raw: TimeSeries, metric: MetricKind) throws -> TimeSeries {
        switch PreprocessingSpec.recommended(for: metric).input {
        case .gauge: raw
        case .counter: try CounterRate.rates(of: raw).series
        }
    }
}

/// Every (container, metric, model) evaluation of a demo run, with MAE relative to the
/// naive forecast of the same series (relMAE < 1 beats the last value).
public struct DemoReport: Sendable, Encodable {
    public struct Row: Sendable, Encodable {
        public let container: String
        public let metric: String
        public let report: EvaluationReport
    }

    public let dataPath: String
    public let seed: UInt64
    public let rows: [Row]

    enum CodingKeys: String, CodingKey {
        case dataPath = "data_path"
        case seed, rows
    }

    /// MAE(model) / MAE(naive) per horizon minutes, for the row's series; nil without a naive row.
    public func relativeMAE(_ row: Row) -> [Int: Double]? {
        guard let naive = rows.first(where: { $0.container == row.container && $0.metric == row.metric && $0.report.model == "naive" })
        else { return nil }
        var result: [Int: Double] = [:]
        for (minutes, score) in row.report.orderedHorizons {
            if let base = naive.report.horizons[String(minutes)] { result[minutes] = score.mae / base.mae }
        }
        return result
    }
}
