/// The linear design of prophet's additive model with linear growth, in prophet's own
/// scaled units (t ∈ [0, 1] over the history, y / max|y|):
///
///   ŷ(t) = k t + m + Σ_j δ_j (t − s_j)₊ + Σ_l β_l f_l(t)
///
/// which is prophet's `piecewise_linear` g(t) = (k + a(t)ᵀδ) t + (m − a(t)ᵀ(s ∘ δ)),
/// a_j(t) = [t ≥ s_j], rewritten as one row x(t) = (t, 1, (t − s_j)₊ …, f_l(t) …) so the
/// whole model is ŷ = X θ with θ = (k, m, δ, β).
public struct ProphetDesign: Sendable, Codable, Equatable {
    /// Epoch seconds of the first history point and the history span (prophet's t_scale).
    public var start: Double
    public var timeScale: Double
    /// Changepoints s_j in scaled time.
    public var changepoints: [Double]
    public var seasonalities: [ProphetSeasonality]

    public var columnCount: Int { 2 + changepoints.count + seasonalities.reduce(0) { $0 + 2 * $1.order } }

    /// prophet's `set_changepoints`: the first `range` of the history (by index),
    /// `count` points at linspace(0, ⌊n·range⌋ − 1, count + 1) rounded half-to-even,
    /// dropping the first; fewer when the history is short.
    public init(timestamps: [Double], changepointCount: Int, changepointRange: Double, seasonalities: [ProphetSeasonality]) {
        let n = timestamps.count
        start = timestamps.first ?? 0
        let span = (timestamps.last ?? 0) - start
        timeScale = span > 0 ? span : 1
        self.seasonalities = seasonalities.filter { $0.order > 0 }
        let histSize = Int((Double(n) * changepointRange).rounded(.down))
        let count = min(changepointCount, max(histSize - 1, 0))
        var points: [Double] = []
        if count > 0 {
            for i in 1...count {
                let position = Double(i) * Double(histSize - 1) / Double(count)
                let index = Int(position.rounded(.toNearestOrEven))
                points.append((timestamps[index] - (timestamps.first ?? 0)) / timeScale)
            }
        }
        changepoints = points
    }

    /// Scaled time of an epoch timestamp.
    public func scaledTime(_ seconds: Double) -> Double { (seconds - start) / timeScale }

    /// x(t) for one timestamp (epoch seconds).
    public func row(at seconds: Double) -> [Double] {
        let t = scaledTime(seconds)
        var row: [Double] = [t, 1]
        row.reserveCapacity(columnCount)
        for s in changepoints { row.append(max(t - s, 0)) }
        for season in seasonalities { season.appendFeatures(at: seconds, to: &row) }
        return row
    }

    /// X, row-major (timestamps.count × columnCount).
    public func matrix(at timestamps: [Double]) -> [Double] {
        var x: [Double] = []
        x.reserveCapacity(timestamps.count * columnCount)
        for ts in timestamps { x.append(contentsOf: row(at: ts)) }
        return x
    }

    /// Index ranges of θ: k, m, δ, β.
    var deltaRange: Range<Int> { 2..<(2 + changepoints.count) }
    var betaRange: Range<Int> { (2 + changepoints.count)..<columnCount }
}
