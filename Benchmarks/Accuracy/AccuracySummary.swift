import Foundation

/// One model over a folder of series (ours or a reference tool's), the row of the tables.
///
///     relMAE_h   = exp( (1/S) Σ_series log( MAE_h / MAE_naive,h ) )   (series with MAE_naive,h > 0)
///     coverage_h = (1/S) Σ_series share of test targets inside the interval, per level
///
/// MASE mean and median are over series with a finite MASE (ours only).
struct AccuracySummary: Encodable {
    let folder: String
    let model: String
    /// "ours" or the reference tool (`ReferenceModel.label`).
    let tool: String
    let series: Int
    /// Per horizon minutes.
    let relMAE: [String: Double]
    let meanMASE: [String: Double]?
    let medianMASE: [String: Double]?
    let fitSeconds: Double
    let medianFitSeconds: Double
    let cpuSeconds: Double
    /// Horizon minutes → level ("0.8", "0.95") → mean share over series; nil when some
    /// series has no intervals.
    let coverage: [String: [String: Double]]?

    init(folder: String, model: String, tool: String, rows: [SeriesScore]) {
        self.folder = folder
        self.model = model
        self.tool = tool
        series = rows.count
        var rel: [String: Double] = [:]
        for key in rows.first?.mae.keys.sorted() ?? [] {
            let logs = rows.compactMap { row -> Double? in
                guard let a = row.mae[key], let b = row.naiveMAE[key], b > 0 else { return nil }
                return log(a / b)
            }
            rel[key] = exp(logs.reduce(0, +) / Double(logs.count))
        }
        relMAE = rel
        if rows.allSatisfy({ $0.mase != nil }) {
            var mean: [String: Double] = [:], median: [String: Double] = [:]
            for key in rel.keys {
                let mases = rows.compactMap { $0.mase?[key] }.filter(\.isFinite)
                mean[key] = mases.reduce(0, +) / Double(mases.count)
                median[key] = Self.median(mases)
            }
            meanMASE = mean
            medianMASE = median
        } else {
            meanMASE = nil
            medianMASE = nil
        }
        fitSeconds = rows.map(\.fitSeconds).reduce(0, +)
        medianFitSeconds = Self.median(rows.map(\.fitSeconds))
        cpuSeconds = rows.map(\.cpuSeconds).reduce(0, +)
        let coverages = rows.compactMap(\.coverage)
        if !rows.isEmpty, coverages.count == rows.count, let first = coverages.first {
            var mean: [String: [String: Double]] = [:]
            for (horizon, levels) in first {
                for level in levels.keys {
                    let shares = coverages.map { $0[horizon]?[level] ?? .nan }
                    mean[horizon, default: [:]][level] = shares.reduce(0, +) / Double(shares.count)
                }
            }
            coverage = mean
        } else {
            coverage = nil
        }
    }

    /// The middle value (mean of the two middle ones for an even count); NaN when empty.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
