/// Where each tensor lives in the model's one flat parameter vector θ (and, at the
/// same offsets, in the gradient vector), in PyTorch's `state_dict` order so a torch
/// model maps 1:1: for each layer l and direction, `weight_ih_l{l}[_reverse]` [4H × I_l],
/// `weight_hh_l{l}[_reverse]` [4H × H], `bias_ih…` [4H], `bias_hh…` [4H] with gate rows
/// ordered [i f g o]; then per head k, `heads.{k}.0.weight` [P × D·H], `.0.bias` [P],
/// `.3.weight` [n_k × P], `.3.bias` [n_k].
public struct ParameterLayout: Sendable, Equatable {
    public struct Recurrent: Sendable, Equatable {
        public let inputWeights: Int
        public let recurrentWeights: Int
        public let inputBias: Int
        public let recurrentBias: Int
        public let inputSize: Int
    }

    public struct Head: Sendable, Equatable {
        public let hiddenWeights: Int
        public let hiddenBias: Int
        public let outputWeights: Int
        public let outputBias: Int
        public let outputs: Int
    }

    /// A named tensor: offset into θ, its shape ([rows, columns] or [count]) and the
    /// fan-in that sets its PyTorch initialisation bound 1/√fan_in.
    public struct Tensor: Sendable, Equatable {
        public let name: String
        public let offset: Int
        public let shape: [Int]
        public let fanIn: Int
        public var count: Int { shape.reduce(1, *) }
    }

    /// recurrent[l][d], d = 0 forward, 1 backward.
    public let recurrent: [[Recurrent]]
    public let heads: [Head]
    public let tensors: [Tensor]
    public let count: Int

    public init(_ a: LSTMArchitecture) {
        var offset = 0
        var tensors: [Tensor] = []
        func take(_ name: String, _ shape: [Int], fanIn: Int) -> Int {
            let start = offset
            tensors.append(Tensor(name: name, offset: start, shape: shape, fanIn: fanIn))
            offset += shape.reduce(1, *)
            return start
        }
        let h = a.hiddenSize
        var recurrent: [[Recurrent]] = []
        for l in 0..<a.layers {
            let input = a.layerInputSize(l)
            recurrent.append((0..<a.directions).map { d in
                let suffix = "l\(l)" + (d == 1 ? "_reverse" : "")
                return Recurrent(
                    inputWeights: take("lstm.weight_ih_\(suffix)", [4 * h, input], fanIn: h),
                    recurrentWeights: take("lstm.weight_hh_\(suffix)", [4 * h, h], fanIn: h),
                    inputBias: take("lstm.bias_ih_\(suffix)", [4 * h], fanIn: h),
                    recurrentBias: take("lstm.bias_hh_\(suffix)", [4 * h], fanIn: h),
                    inputSize: input
                )
            })
        }
        let heads = a.headOutputs.enumerated().map { k, n in
            Head(
                hiddenWeights: take("heads.\(k).0.weight", [a.headHidden, a.outputWidth], fanIn: a.outputWidth),
                hiddenBias: take("heads.\(k).0.bias", [a.headHidden], fanIn: a.outputWidth),
                outputWeights: take("heads.\(k).3.weight", [n, a.headHidden], fanIn: a.headHidden),
                outputBias: take("heads.\(k).3.bias", [n], fanIn: a.headHidden),
                outputs: n
            )
        }
        self.recurrent = recurrent
        self.heads = heads
        self.tensors = tensors
        count = offset
    }
}
