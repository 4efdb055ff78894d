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
                // Eight lanes at a time with the scalar loop's operations in the same order
                // (square root and division are exact per lane), so both give the same bits.
                let count = parameters.count, whole = count - count % 8
                let (p, g, mp, vp) = (parameters.baseAddress!, gradients.baseAddress!, m.baseAddress!, v.baseAddress!)
                var i = 0
                while i < whole {
                    let theta = Self.load(p + i)
                    let grad = Self.load(g + i) + wd * theta
                    let mi = b1 * Self.load(mp + i) + (1 - b1) * grad
                    let vi = b2 * Self.load(vp + i) + (1 - b2) * grad * grad
                    Self.store(mi, mp + i)
                    Self.store(vi, vp + i)
                    Self.store(theta - stepSize * mi / (vi.squareRoot() / correction2Root + eps), p + i)
                    i += 8
                }
                while i < count {
                    let grad = g[i] + wd * p[i]
                    mp[i] = b1 * mp[i] + (1 - b1) * grad
                    vp[i] = b2 * vp[i] + (1 - b2) * grad * grad
                    p[i] -= stepSize * mp[i] / (vp[i].squareRoot() / correction2Root + eps)
                    i += 1
                }
            }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> { load(UnsafePointer(p)) }

    @inline(__always)
    private static func store(_ value: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}
