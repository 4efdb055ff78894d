/// A statistic over a trailing window s_{k−w+1} … s_k (fewer points at the start).
public enum RollingStatistic: String, CaseIterable, Sendable, Hashable {
    case mean
    /// Population standard deviation (divisor = number of points in the window).
    case std
    case min
    case max
}

/// One rolling feature: `statistic` over the last `width` steps including k.
public struct RollingFeature: Sendable, Equatable, Hashable {
    public let statistic: RollingStatistic
    public let width: Int

    public init(_ statistic: RollingStatistic, width: Int) {
        self.statistic = statistic
        self.width = width
    }

    /// Column name, e.g. `rolling_max_24`.
    public var name: String { "rolling_\(statistic.rawValue)_\(width)" }
}

/// Which feature columns to build. The 8 reference features of EVALUATION.md §7 come
/// first, always, in this order:
///
/// | column | name | value at step k |
/// | --- | --- | --- |
/// | 0 | `value` | s_k |
/// | 1 | `hour_sin` | sin(2π·(hour + minute/60)/24) of g_k in UTC |
/// | 2 | `hour_cos` | cos(2π·(hour + minute/60)/24) |
/// | 3 | `weekday_sin` | sin(2π·d/7), d = day of week, Monday = 0 |
/// | 4 | `weekday_cos` | cos(2π·d/7) |
/// | 5 | `diff` | s_k − s_{k−1}, 0 at k = 0 |
/// | 6 | `rolling_mean_12` | mean of s_{max(0,k−11)} … s_k |
/// | 7 | `rolling_std_12` | population std of the same window |
///
/// then one column per lag L in `lags` (`lag_L` = s_{k−L}, and s_0 when k < L: the
/// earliest known value, so the column stays causal and finite), then one per entry
/// of `rolling` (`rolling_<stat>_<width>`, fewer points at the start).
public struct FeatureSpec: Sendable, Equatable, Hashable {
    /// Width of the reference rolling mean and std.
    public static let referenceWidth = 12
    /// Names of the 8 reference columns.
    public static let referenceNames = [
        "value", "hour_sin", "hour_cos", "weekday_sin", "weekday_cos", "diff", "rolling_mean_12", "rolling_std_12",
    ]

    public let lags: [Int]
    public let rolling: [RollingFeature]

    /// Lags and widths must be ≥ 1 and appear once each.
    public init(lags: [Int] = [], rolling: [RollingFeature] = []) throws(FeatureError) {
        for lag in lags where lag < 1 { throw .invalidLag(lag) }
        for feature in rolling where feature.width < 1 { throw .invalidWidth(feature.width) }
        if let lag = Self.firstDuplicate(lags) { throw .duplicateFeature("lag_\(lag)") }
        if let feature = Self.firstDuplicate(rolling) { throw .duplicateFeature(feature.name) }
        self.lags = lags
        self.rolling = rolling
    }

    /// The 8 reference features only.
    public static var reference: FeatureSpec { FeatureSpec(uncheckedLags: [], rolling: []) }

    private init(uncheckedLags lags: [Int], rolling: [RollingFeature]) {
        self.lags = lags
        self.rolling = rolling
    }

    /// f = 8 + lags.count + rolling.count.
    public var featureCount: Int { Self.referenceNames.count + lags.count + rolling.count }

    /// Column names in column order.
    public var featureNames: [String] {
        Self.referenceNames + lags.map { "lag_\($0)" } + rolling.map(\.name)
    }

    private static func firstDuplicate<T: Hashable>(_ items: [T]) -> T? {
        var seen: Set<T> = []
        for item in items where !seen.insert(item).inserted { return item }
        return nil
    }
}

/// Why features could not be built.
public enum FeatureError: Error, Equatable, CustomStringConvertible {
    case invalidLag(Int)
    case invalidWidth(Int)
    case duplicateFeature(String)
    case nonFiniteValue(index: Int, value: Double)
    case nonFiniteTimestamp(index: Int, value: Double)

    public var description: String {
        switch self {
        case .invalidLag(let lag):
            return "lag \(lag) is not a positive number of steps; use lags ≥ 1"
        case .invalidWidth(let width):
            return "rolling width \(width) is not a positive number of steps; use widths ≥ 1"
        case .duplicateFeature(let name):
            return "feature `\(name)` is requested twice; list each lag and rolling feature once"
        case .nonFiniteValue(let index, let value):
            return "series value at index \(index) is \(value); features need finite values, so fill or drop it first"
        case .nonFiniteTimestamp(let index, let value):
            return "grid timestamp at index \(index) is \(value); give the series a finite start and interval"
        }
    }
}
