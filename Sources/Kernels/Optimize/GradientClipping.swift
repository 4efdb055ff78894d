/// Gradient-norm clipping, as `torch.nn.utils.clip_grad_norm_`:
///
///     ‖g‖ = √(Σ gᵢ²);  if ‖g‖ > c:  g ← g · c / (‖g‖ + 1e-6)
public enum GradientClipping {
    /// Scales `gradients` in place so their L2 norm is at most `maxNorm`; returns the
    /// norm before clipping (accumulated in Double).
    @discardableResult
    public static func clipNorm(_ gradients: UnsafeMutableBufferPointer<Float>, maxNorm: Float) -> Float {
        var sum: Double = 0
        for g in gradients { sum += Double(g) * Double(g) }
        let norm = Float(sum.squareRoot())
        if norm > maxNorm {
            let scale = maxNorm / (norm + 1e-6)
            for i in gradients.indices { gradients[i] *= scale }
        }
        return norm
    }
}
