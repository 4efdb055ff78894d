import Kernels

/// Every buffer one forward (and, when training, backward) pass over up to `maxBatch`
/// windows needs, allocated once. Shapes (row-major, B = batch):
///
///     residual r        [B × L]        x, then r − backcast after each block
///     output ŷ          [B × O × h]    scaled units
///     outputGradient    [B × O × h]    ∂loss/∂ŷ, written by the loss
///     per block b: pooled [B × P_b], argmax [B × P_b], hidden[i] [B × H], theta [B × T_b]
///     backward: dTheta [B × T_max], dHidden ×2 [B × H], dPooled [B × P_max], dResidual [B × L]
public final class NHITSWorkspace: @unchecked Sendable {
    public let maxBatch: Int
    let residual: FloatBuffer
    let output: FloatBuffer
    let outputGradient: FloatBuffer
    let pooled: [FloatBuffer]
    let argmax: [UnsafeMutablePointer<Int32>]
    let hidden: [[FloatBuffer]]
    let theta: [FloatBuffer]
    let dTheta: FloatBuffer
    let dHidden: (FloatBuffer, FloatBuffer)
    let dPooled: FloatBuffer
    let dResidual: FloatBuffer

    public init(architecture a: NHITSArchitecture, maxBatch: Int, training: Bool) {
        self.maxBatch = maxBatch
        let B = maxBatch
        residual = FloatBuffer(count: B * a.inputSteps)
        output = FloatBuffer(count: B * a.outputs * a.horizonSteps)
        outputGradient = FloatBuffer(count: training ? B * a.outputs * a.horizonSteps : 0)
        pooled = (0..<a.blocks).map { FloatBuffer(count: B * a.pooledLength($0)) }
        argmax = (0..<a.blocks).map { b in
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(B * a.pooledLength(b), 1))
            p.initialize(repeating: 0, count: max(B * a.pooledLength(b), 1))
            return p
        }
        hidden = (0..<a.blocks).map { _ in (0..<a.hiddenLayers).map { _ in FloatBuffer(count: B * a.hiddenSize) } }
        theta = (0..<a.blocks).map { FloatBuffer(count: B * a.thetaSize($0)) }
        let thetaMax = (0..<a.blocks).map(a.thetaSize).max() ?? 0
        let pooledMax = (0..<a.blocks).map(a.pooledLength).max() ?? 0
        dTheta = FloatBuffer(count: training ? B * thetaMax : 0)
        dHidden = (FloatBuffer(count: training ? B * a.hiddenSize : 0), FloatBuffer(count: training ? B * a.hiddenSize : 0))
        dPooled = FloatBuffer(count: training ? B * pooledMax : 0)
        dResidual = FloatBuffer(count: training ? B * a.inputSteps : 0)
    }

    deinit { argmax.forEach { $0.deallocate() } }

    /// ŷ [B × O × h] of the last forward pass.
    public var outputs: UnsafeMutablePointer<Float> { output.pointer }
    /// Where the loss writes ∂loss/∂ŷ [B × O × h] before `backward`.
    public var outputGradients: UnsafeMutablePointer<Float> { outputGradient.pointer }
}
