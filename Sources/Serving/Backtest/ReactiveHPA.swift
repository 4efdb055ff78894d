import Foundation

/// Kubernetes' HPA on one resource, as its controller computes it every sync period:
///
///     ratio = (y / (r·c)) / u          usage per replica over the target
///     wanted = r                       if |ratio − 1| ≤ tolerance
///            = ⌈r · ratio⌉             otherwise
///
/// clamped to [min, max]; a scale-down goes only to the largest wanted count of the last
/// `stabilizationSeconds` (300 s by default). Scale-ups are immediate.
public struct ReactiveHPA: Sendable {
    public var target: Double
    public var tolerance: Double
    public var stabilizationSeconds: Double
    public var bounds: ClosedRange<Int>
    var recent: [(time: Double, replicas: Int)] = []

    public init(target: Double, tolerance: Double, stabilizationSeconds: Double, bounds: ClosedRange<Int>) {
        self.target = target
        self.tolerance = tolerance
        self.stabilizationSeconds = stabilizationSeconds
        self.bounds = bounds
    }

    /// Replicas after seeing demand `y` at `time` with `current` replicas of capacity `c`.
    public mutating func decide(current: Int, demand y: Double, c: Double, time: Double) -> Int {
        let ratio = current > 0 ? (y / (Double(current) * c)) / target : .infinity
        var wanted = current
        if abs(ratio - 1) > tolerance {
            wanted = current > 0 ? Int((Double(current) * ratio - 1e-9).rounded(.up)) : Int((y / (c * target) - 1e-9).rounded(.up))
        }
        wanted = min(max(wanted, bounds.lowerBound), bounds.upperBound)
        recent.append((time, wanted))
        recent.removeAll { time - $0.time > stabilizationSeconds }
        if wanted < current { return min(current, recent.map(\.replicas).max() ?? wanted) }
        return wanted
    }
}
