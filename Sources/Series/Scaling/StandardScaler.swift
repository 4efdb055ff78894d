import Foundation

/// z-scores: s = (v − μ) / σ with μ the mean and σ the population standard deviation
/// of the training part,
///
///     μ = (1/n)·Σ v_i,   σ = sqrt((1/n)·Σ (v_i − μ)²),
///
/// and divisor 1 when σ = 0 (constant train). Fitted on train only.
public struct StandardScaler: Scaler, Codable, Equatable {
    public let offset: Double
    public let divisor: Double

    public init(offset: Double, divisor: Double) {
        self.offset = offset
        self.divisor = divisor
    }

    /// Fits on `train`; `train` must be non-empty and finite.
    public init(fittingOn train: some Collection<Double>) throws(ScalerError) {
        let values = try checkedTrainingValues(train)
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let std = variance.squareRoot()
        offset = mean
        divisor = std > 0 ? std : 1
    }
}
