/// Stochastic gradient descent with heavy-ball momentum and coupled L2 weight decay,
/// as `torch.optim.SGD` (dampening 0, not Nesterov):
///
///     g ← g + λ·θ
///     b ← g (first step),  b ← μ·b + g (later steps)
///     θ ← θ − η·b          (μ = 0: plain SGD)
public struct SGD: Optimizer {
    public let momentum: Float
    public let weightDecay: Float
    private var buffer: [Float]
    private var started = false

    public init(parameterCount: Int, momentum: Float = 0, weightDecay: Float = 0) {
        self.momentum = momentum
        self.weightDecay = weightDecay
        buffer = [Float](repeating: 0, count: parameterCount)
    }

    public mutating func step(parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>, learningRate: Float) {
        precondition(parameters.count == buffer.count && gradients.count == buffer.count, "SGD built for \(buffer.count) parameters, got \(parameters.count) and \(gradients.count) gradients")
        let (mu, wd, first) = (momentum, weightDecay, !started)
        started = true
        buffer.withUnsafeMutableBufferPointer { b in
            for i in 0..<parameters.count {
                let g = gradients[i] + wd * parameters[i]
                b[i] = first ? g : mu * b[i] + g
                parameters[i] -= learningRate * (mu == 0 ? g : b[i])
            }
        }
    }
}
