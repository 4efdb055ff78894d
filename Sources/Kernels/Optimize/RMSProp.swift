/// RMSprop (Hinton 2012) with coupled L2 weight decay, as `torch.optim.RMSprop`
/// (not centred, no momentum):
///
///     g ← g + λ·θ
///     a ← α·a + (1 − α)·g²
///     θ ← θ − η·g / (√a + ε)
public struct RMSProp: Optimizer {
    public let alpha: Float
    public let epsilon: Float
    public let weightDecay: Float
    private var meanSquare: [Float]

    public init(parameterCount: Int, alpha: Float = 0.99, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        meanSquare = [Float](repeating: 0, count: parameterCount)
    }

    public mutating func step(parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>, learningRate: Float) {
        precondition(parameters.count == meanSquare.count && gradients.count == meanSquare.count, "RMSProp built for \(meanSquare.count) parameters, got \(parameters.count) and \(gradients.count) gradients")
        let (a, eps, wd) = (alpha, epsilon, weightDecay)
        meanSquare.withUnsafeMutableBufferPointer { s in
            for i in 0..<parameters.count {
                let g = gradients[i] + wd * parameters[i]
                s[i] = a * s[i] + (1 - a) * g * g
                parameters[i] -= learningRate * g / (s[i].squareRoot() + eps)
            }
        }
    }
}
