import Series
import Synchronization

/// Wraps a `HistorySource` and keeps every history it hands out, so that after
/// `Predictor.predictAll` the caller still has the raw data each forecast started from
/// (for the current usage a scaling policy counts as horizon 0).
final class RecordingHistorySource: HistorySource {
    let source: any HistorySource
    private let recorded = Mutex<[String: TimeSeries]>([:])

    init(_ source: any HistorySource) {
        self.source = source
    }

    func history(container: String, metric: String) throws -> TimeSeries {
        let series = try source.history(container: container, metric: metric)
        recorded.withLock { $0[metric] = series }
        return series
    }

    /// Metric → the history given for it.
    var histories: [String: TimeSeries] { recorded.withLock { $0 } }
}
