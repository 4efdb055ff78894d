import Forecasting
import Foundation

/// Aggregates of one model over a folder of series, as TARGETS.md §1 reports them.
struct AccuracySummary: Encodable {
    let folder: String
    let model: String
    let series: Int
    /// Geometric mean over series of MAE(model) / MAE(naive), per horizon minutes.
    let relMAE: [String: Double]
    let meanMASE: [String: Double]
    let medianMASE: [String: Double]
    let fitSeconds: Double
    let forecastSeconds: Double

    /// `reports[i]` and `naive[i]` are the same series.
    init(folder: String, model: String, reports: [EvaluationReport], naive: [EvaluationReport]) {
        self.folder = folder
        self.model = model
        series = reports.count
        var rel: [String: Double] = [:], mean: [String: Double] = [:], median: [String: Double] = [:]
        for key in reports.first?.horizons.keys.sorted() ?? [] {
            let ratios = zip(reports, naive).compactMap { r, n -> Double? in
                guard let a = r.horizons[key]?.mae, let b = n.horizons[key]?.mae, b > 0 else { return nil }
                return a / b
            }
            rel[key] = exp(ratios.map { log($0) }.reduce(0, +) / Double(ratios.count))
            let mases = reports.compactMap { $0.horizons[key]?.mase }.filter(\.isFinite).sorted()
            mean[key] = mases.reduce(0, +) / Double(mases.count)
            median[key] = mases.count % 2 == 1 ? mases[mases.count / 2] : (mases[mases.count / 2 - 1] + mases[mases.count / 2]) / 2
        }
        relMAE = rel
        meanMASE = mean
        medianMASE = median
        fitSeconds = reports.map(\.fitSeconds).reduce(0, +)
        forecastSeconds = reports.map(\.forecastSeconds).reduce(0, +)
    }
}
