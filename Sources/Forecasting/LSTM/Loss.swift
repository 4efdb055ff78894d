/// Training loss per head, averaged over the B × n outputs of the head; the total is
/// Σ_k w_k·L_k over heads with per-horizon weights w_k. With d = ŷ − y:
///
/// - mse:   ℓ = d²,                              ∂ℓ/∂ŷ = 2d
/// - mae:   ℓ = |d|,                             ∂ℓ/∂ŷ = sign d
/// - huber: ℓ = d²/2 if |d| < δ, else δ(|d| − δ/2); ∂ℓ/∂ŷ = d or δ·sign d (PyTorch's HuberLoss)
public enum LSTMLoss: Codable, Sendable, Hashable {
    case mse
    case mae
    case huber(delta: Double)

    /// Returns L = mean ℓ over `count` values and writes ∂(w·L)/∂ŷ into `gradient`.
    public func evaluate(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
        weight: Float, gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        var sum: Double = 0
        let scale = weight / Float(count)
        for k in 0..<count {
            let (value, slope) = valueAndSlope(predictions[k] - targets[k])
            sum += Double(value)
            gradient?[k] = scale * slope
        }
        return sum / Double(count)
    }

    /// ℓ(d) and ∂ℓ/∂ŷ at d = ŷ − y (the table above).
    func valueAndSlope(_ d: Float) -> (value: Float, slope: Float) {
        switch self {
        case .mse: return (d * d, 2 * d)
        case .mae: return (abs(d), d > 0 ? 1 : (d < 0 ? -1 : 0))
        case .huber(let delta):
            let dl = Float(delta)
            return abs(d) < dl ? (0.5 * d * d, d) : (dl * (abs(d) - 0.5 * dl), d > 0 ? dl : -dl)
        }
    }
}
