import Foundation

/// A first-order update rule over one flat parameter vector θ with gradient g
/// (every model keeps all its weights in one contiguous block, so one optimiser
/// state covers the whole model).
public protocol Optimizer: Sendable {
    /// θ ← update(θ, g) with learning rate η; `parameters` and `gradients` have the
    /// length the optimiser was created for.
    mutating func step(parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>, learningRate: Float)
}

/// Adam (Kingma & Ba 2015) with coupled L2 weight decay, as `torch.optim.Adam`:
///
///     g  ← g + λ·θ
///     m  ← β₁·m + (1 − β₁)·g
///     v  ← β₂·v + (1 − β₂)·g²
///     θ  ← θ − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
public struct Adam: Optimizer {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public private(set) var stepCount = 0
    private var m: [Float]
    private var v: [Float]

    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        m = [Float](repeating: 0, count: parameterCount)
        v = [Float](repeating: 0, count: parameterCount)
    }

    public mutating func step(parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>, learningRate: Float) {
        precondition(parameters.count == m.count && gradients.count == m.count, "Adam built for \(m.count) parameters, got \(parameters.count) and \(gradients.count) gradients")
        stepCount += 1
        let t = Float(stepCount)
        let correction1 = 1 - powf(beta1, t)
        let correction2Root = (1 - powf(beta2, t)).squareRoot()
        let stepSize = learningRate / correction1
        let (b1, b2, eps, wd) = (beta1, beta2, epsilon, weightDecay)
        m.withUnsafeMutableBufferPointer { m in
            v.withUnsafeMutableBufferPointer { v in
                for i in 0..<parameters.count {
                    let g = gradients[i] + wd * parameters[i]
                    m[i] = b1 * m[i] + (1 - b1) * g
                    v[i] = b2 * v[i] + (1 - b2) * g * g
                    parameters[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + eps)
                }
            }
        }
    }
}
