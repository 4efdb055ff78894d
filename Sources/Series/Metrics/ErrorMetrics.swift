import Foundation

/// Point-forecast error metrics over paired targets y and forecasts f of equal length n.
///
/// Every function returns NaN for n = 0 rather than trapping; callers that print JSON
/// map NaN to null (EVALUATION.md §8).
public enum ErrorMetrics {
    /// MSE = (1/n) Σ (y_i − f_i)²
    public static func mse(_ y: [Double], _ f: [Double]) -> Double {
        mean(zip(y, f).map { ($0 - $1) * ($0 - $1) })
    }

    /// MAE = (1/n) Σ |y_i − f_i|
    public static func mae(_ y: [Double], _ f: [Double]) -> Double {
        mean(zip(y, f).map { abs($0 - $1) })
    }

    /// RMSE = √MSE
    public static func rmse(_ y: [Double], _ f: [Double]) -> Double {
        mse(y, f).squareRoot()
    }

    /// R² = 1 − Σ(y − f)² / Σ(y − ȳ)². NaN when y is constant (0/0 or x/0 is undefined).
    public static func r2(_ y: [Double], _ f: [Double]) -> Double {
        let yMean = mean(y)
        let residual = zip(y, f).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let total = y.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) }
        return total == 0 ? .nan : 1 - residual / total
    }

    /// SMAPE = 100 · (1/n) Σ 2|y − f| / (|y| + |f|); a 0/0 term counts 0.
    public static func smape(_ y: [Double], _ f: [Double]) -> Double {
        mean(zip(y, f).map { y, f in
            let denominator = abs(y) + abs(f)
            return denominator == 0 ? 0 : 2 * abs(y - f) / denominator
        }) * 100
    }

    /// MAPE = 100 · mean over i with y_i ≠ 0 of |y_i − f_i| / |y_i|. Zero targets are
    /// skipped and counted in `skippedZeroTargets`; value is NaN when all are zero.
    public static func mape(_ y: [Double], _ f: [Double]) -> (value: Double, skippedZeroTargets: Int) {
        let terms = zip(y, f).compactMap { y, f in y == 0 ? nil : abs(y - f) / abs(y) }
        return (mean(terms) * 100, y.count - terms.count)
    }

    /// MASE = MAE / scale, with scale = mean_{k=1…m−1} |x_k − x_{k−1}| over the
    /// training values x_0 … x_{m−1} (the in-sample one-step naive error).
    public static func mase(_ y: [Double], _ f: [Double], naiveScale: Double) -> Double {
        mae(y, f) / naiveScale
    }

    /// mean_{k=1…m−1} |x_k − x_{k−1}|; NaN for fewer than 2 values.
    public static func naiveScale(training x: [Double]) -> Double {
        guard x.count >= 2 else { return .nan }
        var sum = 0.0
        for k in 1..<x.count { sum += abs(x[k] - x[k - 1]) }
        return sum / Double(x.count - 1)
    }

    static func mean(_ xs: [Double]) -> Double {
        xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
    }
}
