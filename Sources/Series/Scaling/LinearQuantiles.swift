/// Quantiles with linear interpolation between order statistics, numpy's default
/// (`np.quantile(x, q, method="linear")`, Hyndman & Fan type 7):
///
///     x_(0) ≤ … ≤ x_(n−1) sorted,  h = (n − 1)·q,  j = ⌊h⌋,
///     Q(q) = x_(j) + (h − j)·(x_(j+1) − x_(j))      (Q(1) = x_(n−1))
public struct LinearQuantiles: Sendable {
    /// The sorted sample.
    public let sorted: [Double]

    /// `values` must be non-empty; callers check finiteness (NaN has no order).
    public init?(_ values: some Collection<Double>) {
        guard !values.isEmpty else { return nil }
        sorted = values.sorted()
    }

    /// Q(q) for q in [0, 1] (clamped into it).
    public func quantile(_ q: Double) -> Double {
        let n = sorted.count
        let h = Double(n - 1) * min(max(q, 0), 1)
        let j = Int(h.rounded(.down))
        guard j + 1 < n else { return sorted[n - 1] }
        let fraction = h - Double(j)
        let a = sorted[j], b = sorted[j + 1]
        // numpy's _lerp: a + t·(b − a), evaluated from the nearer end for t ≥ 0.5.
        return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction
    }

    /// Q(0.5).
    public var median: Double { quantile(0.5) }
}
