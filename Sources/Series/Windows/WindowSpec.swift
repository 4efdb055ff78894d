/// Shape of supervised samples cut from a feature matrix: `length` L steps of input
/// ending at the origin t (rows t−L+1 … t), targets at t + h for each horizon h (steps),
/// origins `stride` apart.
public struct WindowSpec: Sendable, Equatable, Hashable {
    public let length: Int
    /// Horizons in steps, each ≥ 1, distinct, in the order targets are laid out.
    public let horizons: [Int]
    public let stride: Int
    /// Also collect the whole path s_{t+1} … s_{t+h_max} per sample.
    public let includePaths: Bool

    public init(length: Int, horizons: [Int], stride: Int = 1, includePaths: Bool = false) throws(WindowError) {
        guard length >= 1 else { throw .invalidLength(length) }
        guard stride >= 1 else { throw .invalidStride(stride) }
        guard !horizons.isEmpty else { throw .noHorizons }
        for h in horizons where h < 1 { throw .invalidHorizon(h) }
        guard Set(horizons).count == horizons.count else { throw .duplicateHorizons(horizons) }
        self.length = length
        self.horizons = horizons
        self.stride = stride
        self.includePaths = includePaths
    }

    /// h_max, the furthest horizon.
    public var maxHorizon: Int { horizons.max() ?? 0 }
}

/// Which origins t may be used: t ≥ `firstOrigin` and t + h_max ≤ `lastTargetIndex`
/// (plus t − L + 1 ≥ 0, always). EVALUATION.md §7:
///
/// - train:      `OriginRange.train(count: n_train)`            → t + h_max ≤ n_train − 1
/// - validation: `OriginRange.validation(trainCount:validationCount:)`
///                                                              → t ≥ n_train, t + h_max ≤ n_train + n_val − 1
public struct OriginRange: Sendable, Equatable, Hashable {
    public let firstOrigin: Int
    /// Index of the last value a target may read.
    public let lastTargetIndex: Int

    public init(firstOrigin: Int, lastTargetIndex: Int) {
        self.firstOrigin = firstOrigin
        self.lastTargetIndex = lastTargetIndex
    }

    /// Inputs and targets inside [0, count).
    public static func train(count: Int) -> OriginRange {
        OriginRange(firstOrigin: 0, lastTargetIndex: count - 1)
    }

    /// Origins in validation, targets inside validation; inputs may reach back into train.
    public static func validation(trainCount: Int, validationCount: Int) -> OriginRange {
        OriginRange(firstOrigin: trainCount, lastTargetIndex: trainCount + validationCount - 1)
    }

    /// The usable origins for `spec`, ascending, `spec.stride` apart starting at the first
    /// valid one: t from max(firstOrigin, L − 1) through lastTargetIndex − h_max.
    /// Empty when the range is too short.
    public func origins(for spec: WindowSpec) -> [Int] {
        let first = Swift.max(firstOrigin, spec.length - 1)
        let last = lastTargetIndex - spec.maxHorizon
        guard first <= last else { return [] }
        return Array(Swift.stride(from: first, through: last, by: spec.stride))
    }
}

/// Why windows could not be cut.
public enum WindowError: Error, Equatable, CustomStringConvertible {
    case invalidLength(Int)
    case invalidStride(Int)
    case noHorizons
    case invalidHorizon(Int)
    case duplicateHorizons([Int])
    /// The target vector must have one value per feature row.
    case targetLengthMismatch(rows: Int, targets: Int)
    /// The origin range reads past the end of the series.
    case rangeBeyondSeries(lastTargetIndex: Int, count: Int)

    public var description: String {
        switch self {
        case .invalidLength(let length):
            return "window length \(length) is not positive; use at least 1 step"
        case .invalidStride(let stride):
            return "window stride \(stride) is not positive; use 1 for every origin"
        case .noHorizons:
            return "no forecast horizons given; list at least one horizon in steps"
        case .invalidHorizon(let h):
            return "horizon \(h) is not a positive number of steps; use horizons ≥ 1"
        case .duplicateHorizons(let horizons):
            return "horizons \(horizons) repeat a value; list each horizon once"
        case .targetLengthMismatch(let rows, let targets):
            return "the feature matrix has \(rows) rows but the target has \(targets) values; build both from the same series"
        case .rangeBeyondSeries(let last, let count):
            return "the origin range reads index \(last), past the end of a series of \(count) points; shorten the range"
        }
    }
}
