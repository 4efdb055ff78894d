/// A per-series affine map s = (v − offset) / divisor fitted on the training part
/// only (docs/ARCHITECTURE.md, conventions), with its inverse v = s·divisor + offset.
public protocol Scaler: Sendable {
    var offset: Double { get }
    var divisor: Double { get }
}

extension Scaler {
    @inlinable public func transform(_ value: Double) -> Double { (value - offset) / divisor }
    @inlinable public func inverse(_ scaled: Double) -> Double { scaled * divisor + offset }
    public func transform(_ values: [Double]) -> [Double] { values.map(transform) }
    public func inverse(_ scaled: [Double]) -> [Double] { scaled.map(inverse) }
}

/// s = (v − min(train)) / (max(train) − min(train)); divisor 1 when train is constant
/// (EVALUATION.md §4).
public struct MinMaxScaler: Scaler, Codable, Equatable {
    public let offset: Double
    public let divisor: Double

    public init(offset: Double, divisor: Double) {
        self.offset = offset
        self.divisor = divisor
    }

    /// Fits on `train`; `train` must be non-empty and finite.
    public init(fittingOn train: some Collection<Double>) throws(ScalerError) {
        guard let lo = train.min(), let hi = train.max() else { throw ScalerError.emptyTrainingData }
        guard lo.isFinite, hi.isFinite else { throw ScalerError.nonFiniteTrainingData(lo.isFinite ? hi : lo) }
        offset = lo
        divisor = hi > lo ? hi - lo : 1
    }
}

public enum ScalerError: Error, Equatable, CustomStringConvertible {
    case emptyTrainingData
    case nonFiniteTrainingData(Double)

    public var description: String {
        switch self {
        case .emptyTrainingData:
            return "cannot fit a scaler on an empty training part; give the series more points"
        case .nonFiniteTrainingData(let v):
            return "cannot fit a scaler: the training part contains \(v); clean or skip non-finite values first"
        }
    }
}
