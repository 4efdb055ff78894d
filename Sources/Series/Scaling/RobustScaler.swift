/// Median / interquartile-range scaling, insensitive to a few extreme values:
///
///     s = (v − Q(0.5)) / (Q(0.75) − Q(0.25))
///
/// with Q the numpy-default linear-interpolated quantile of the training part
/// (`LinearQuantiles`), as scikit-learn's `RobustScaler` with its defaults; divisor 1
/// when the IQR is 0. Fitted on train only.
public struct RobustScaler: Scaler, Codable, Equatable {
    public let offset: Double
    public let divisor: Double

    public init(offset: Double, divisor: Double) {
        self.offset = offset
        self.divisor = divisor
    }

    /// Fits on `train`; `train` must be non-empty and finite.
    public init(fittingOn train: some Collection<Double>) throws(ScalerError) {
        let values = try checkedTrainingValues(train)
        guard let quantiles = LinearQuantiles(values) else { throw .emptyTrainingData }
        let iqr = quantiles.quantile(0.75) - quantiles.quantile(0.25)
        offset = quantiles.median
        divisor = iqr > 0 ? iqr : 1
    }
}
