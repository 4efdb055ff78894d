/// The shapes of an N-HiTS network. For block b (one block per stack, b = 0 … S−1):
///
///     pooled length  P_b = ⌈L / k_b⌉           (max pool, kernel = stride = k_b, ceil mode)
///     knots          n_b = max(⌊h / f_b⌋, 1)    (per output, interpolated to h steps)
///     θ size         T_b = L + O·n_b            (backcast L, then O rows of n_b knots)
///     MLP            P_b → H → … → H (hiddenLayers Linear + ReLU), then Linear H → T_b
///
/// with L input steps, h horizon steps, O outputs (the point forecast, then the quantiles
/// ascending) and H hidden units.
public struct NHITSArchitecture: Codable, Hashable, Sendable {
    public var inputSteps: Int
    public var horizonSteps: Int
    public var outputs: Int
    public var hiddenSize: Int
    public var hiddenLayers: Int
    public var poolKernelSizes: [Int]
    public var downsampleFactors: [Int]

    public var blocks: Int { poolKernelSizes.count }
    public func pooledLength(_ b: Int) -> Int { (inputSteps + poolKernelSizes[b] - 1) / poolKernelSizes[b] }
    public func knots(_ b: Int) -> Int { max(horizonSteps / downsampleFactors[b], 1) }
    public func thetaSize(_ b: Int) -> Int { inputSteps + outputs * knots(b) }

    /// The weights of F.interpolate(mode='linear', align_corners=False) from n knots to
    /// h steps, [n × h] row-major: step i reads knot position s = max((i + ½)·n/h − ½, 0),
    /// weight 1 − (s − ⌊s⌋) on knot ⌊s⌋ and s − ⌊s⌋ on knot min(⌊s⌋ + 1, n − 1).
    public static func interpolation(knots n: Int, steps h: Int) -> [Float] {
        var m = [Float](repeating: 0, count: n * h)
        let scale = Double(n) / Double(h)
        for i in 0..<h {
            let source = max((Double(i) + 0.5) * scale - 0.5, 0)
            let i0 = min(Int(source), n - 1)
            let i1 = min(i0 + 1, n - 1)
            let lambda1 = Float(min(max(source - Double(i0), 0), 1))
            m[i0 * h + i] += 1 - lambda1
            m[i1 * h + i] += lambda1
        }
        return m
    }
}

/// Where each tensor lives in the flat parameter vector θ, in PyTorch's `state_dict`
/// order of the reference module (`blocks.b.layers.i.weight` [out × in], `….bias`,
/// `blocks.b.output.weight` [T_b × H], `blocks.b.output.bias`).
public struct NHITSParameterLayout: Sendable {
    public struct Tensor: Sendable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
        /// Inputs of the Linear layer the tensor belongs to.
        public let fanIn: Int
    }

    /// Offsets of one block's layers: `weights[i]`, `biases[i]` for the hidden layers, then the output layer.
    public struct Block: Sendable {
        public let weights: [Int]
        public let biases: [Int]
        public let outputWeight: Int
        public let outputBias: Int
    }

    public let tensors: [Tensor]
    public let blocks: [Block]
    public let count: Int

    public init(_ a: NHITSArchitecture) {
        var tensors: [Tensor] = []
        var blocks: [Block] = []
        var offset = 0
        func add(_ name: String, _ shape: [Int], fanIn: Int) -> Int {
            tensors.append(Tensor(name: name, shape: shape, offset: offset, fanIn: fanIn))
            defer { offset += shape.reduce(1, *) }
            return offset
        }
        for b in 0..<a.blocks {
            var weights: [Int] = [], biases: [Int] = []
            for i in 0..<a.hiddenLayers {
                let fanIn = i == 0 ? a.pooledLength(b) : a.hiddenSize
                weights.append(add("blocks.\(b).layers.\(i).weight", [a.hiddenSize, fanIn], fanIn: fanIn))
                biases.append(add("blocks.\(b).layers.\(i).bias", [a.hiddenSize], fanIn: fanIn))
            }
            let w = add("blocks.\(b).output.weight", [a.thetaSize(b), a.hiddenSize], fanIn: a.hiddenSize)
            let bias = add("blocks.\(b).output.bias", [a.thetaSize(b)], fanIn: a.hiddenSize)
            blocks.append(Block(weights: weights, biases: biases, outputWeight: w, outputBias: bias))
        }
        self.tensors = tensors
        self.blocks = blocks
        count = offset
    }
}
