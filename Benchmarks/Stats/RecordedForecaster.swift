import Forecasting
import Series
import Synchronization

/// What the benchmark reads back from one evaluation besides the protocol's report: the
/// fitted model, the fit's CPU seconds on the calling thread, and the rolling forecast
/// paths the evaluator scored (so coverage is computed on exactly those paths).
final class FitRecord<Fitted: FittedForecaster>: Sendable {
    struct State {
        var fitted: Fitted?
        var fitCPUSeconds = 0.0
        var paths: [[Double]] = []
    }
    private let state = Mutex(State())

    var fitted: Fitted? { state.withLock { $0.fitted } }
    var fitCPUSeconds: Double { state.withLock { $0.fitCPUSeconds } }
    var paths: [[Double]] { state.withLock { $0.paths } }

    func recordFit(_ fitted: Fitted, cpuSeconds: Double) {
        state.withLock { $0.fitted = fitted; $0.fitCPUSeconds = cpuSeconds }
    }

    func recordPaths(_ paths: [[Double]]) { state.withLock { $0.paths = paths } }
}

/// A forecaster that behaves exactly like `inner` and writes what it fitted and forecast
/// into `record`, so `Forecasting.Evaluator` stays the one scorer (EVALUATION.md).
struct RecordedForecaster<Inner: Forecaster>: Forecaster {
    let inner: Inner
    let record: FitRecord<Inner.Fitted>

    var name: String { inner.name }

    func fit(_ data: FitData) throws -> RecordedFit<Inner.Fitted> {
        let start = threadCPUSeconds()
        let fitted = try inner.fit(data)
        record.recordFit(fitted, cpuSeconds: threadCPUSeconds() - start)
        return RecordedFit(inner: fitted, record: record)
    }
}

struct RecordedFit<Inner: FittedForecaster>: FittedForecaster {
    let inner: Inner
    let record: FitRecord<Inner>

    func predict(steps: Int) throws -> [Double] { try inner.predict(steps: steps) }

    func apply(to history: RegularSeries) throws -> RecordedFit<Inner> {
        RecordedFit(inner: try inner.apply(to: history), record: record)
    }

    func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        let paths = try inner.rollingForecasts(over: series, origins: origins, steps: steps)
        record.recordPaths(paths)
        return paths
    }

    var parameters: [String: ParameterValue] { inner.parameters }
}
