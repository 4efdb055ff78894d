import Foundation
import Series

/// Builds the feature rows of `GBTFeatureSpec` for a series in O(n + rows · columns):
/// prefix sums P_i = Σ_{j<i} s_j and Q_i = Σ_{j<i} s_j² give each rolling mean
/// (P_{t+1} − P_{t+1−w})/w and variance (Q_{t+1} − Q_{t+1−w})/w − mean² in O(1). A row for
/// origin t reads s_0 … s_t only (and timestamps), so values after an origin never change
/// its row.
struct GBTFeatureBuilder {
    let spec: GBTFeatureSpec
    let values: [Double]
    let start: Double
    let interval: Double
    private let sums: [Double]
    private let squares: [Double]

    init(spec: GBTFeatureSpec, series: RegularSeries) {
        self.spec = spec
        values = series.values
        start = series.start
        interval = series.interval
        var sums = [Double](repeating: 0, count: values.count + 1)
        var squares = sums
        for (i, v) in values.enumerated() {
            sums[i + 1] = sums[i] + v
            squares[i + 1] = squares[i] + v * v
        }
        self.sums = sums
        self.squares = squares
    }

    /// s_i, or NaN before the series starts.
    private func value(_ i: Int) -> Double { i >= 0 ? values[i] : .nan }

    /// Row-major matrix (origins.count × spec.columnCount) of the rows of `origins` for
    /// the booster of step `step`, in Float32 as XGBoost takes them.
    func matrix(step: Int, origins: Range<Int>) -> [Float] {
        var out = [Float]()
        out.reserveCapacity(origins.count * spec.columnCount)
        for t in origins {
            let anchor = spec.relativeInputs ? values[t] : 0
            for k in spec.lags { out.append(Float(k == 1 ? values[t] : value(t - k + 1) - anchor)) }
            for k in spec.differences { out.append(Float(values[t] - value(t - k))) }
            for w in spec.rollingWindows {
                guard t + 1 >= w else {
                    out.append(.nan)
                    out.append(.nan)
                    continue
                }
                let mean = (sums[t + 1] - sums[t + 1 - w]) / Double(w)
                let variance = (squares[t + 1] - squares[t + 1 - w]) / Double(w) - mean * mean
                out.append(Float(mean - anchor))
                out.append(Float(max(variance, 0).squareRoot()))
            }
            for m in spec.seasonSteps {
                let back = (step + m - 1) / m * m
                let seasonal = value(t + step - back)
                out.append(Float(seasonal - anchor))
                out.append(Float(seasonal - value(t - back)))
            }
            if spec.calendar {
                let time = start + Double(t + step) * interval
                let dayTime = time - (time / 86_400).rounded(.down) * 86_400
                let day = Int((time / 86_400).rounded(.down)) + 3  // 1970-01-01 was a Thursday (3 with Monday = 0)
                out.append(Float(dayTime / 3_600))
                out.append(Float(((day % 7) + 7) % 7))
            }
        }
        return out
    }

    /// Targets of `origins` for step `step`: s_{t+h} (level) or s_{t+h} − s_t (difference).
    func targets(step: Int, origins: Range<Int>, target: GBTTarget) -> [Float] {
        origins.map { t in Float(target == .difference ? values[t + step] - values[t] : values[t + step]) }
    }

    /// What a prediction of `target` adds back to become a level: s_t or 0.
    func offset(origin t: Int, target: GBTTarget) -> Double {
        target == .difference ? values[t] : 0
    }
}
