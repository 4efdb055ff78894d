import Kernels

/// A point forecast path with central prediction intervals.
///
/// For coverage c the bounds are mean ± z_{(1+c)/2} · sd_h, sd_h the h-step forecast
/// standard deviation; `lower[i]` and `upper[i]` belong to `levels[i]`.
public struct ForecastIntervals: Sendable, Codable, Equatable {
    public var mean: [Double]
    public var standardDeviation: [Double]
    public var levels: [Double]
    public var lower: [[Double]]
    public var upper: [[Double]]

    public init(mean: [Double], standardDeviation: [Double], levels: [Double]) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.levels = levels
        lower = []
        upper = []
        for level in levels {
            let z = NormalDistribution.quantile(0.5 + level / 2)
            lower.append(zip(mean, standardDeviation).map { $0 - z * $1 })
            upper.append(zip(mean, standardDeviation).map { $0 + z * $1 })
        }
    }

    /// Bounds for one coverage, or nil when it was not requested.
    public func interval(level: Double) -> (lower: [Double], upper: [Double])? {
        guard let i = levels.firstIndex(where: { abs($0 - level) < 1e-12 }) else { return nil }
        return (lower[i], upper[i])
    }
}
