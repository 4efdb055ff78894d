/// The shape of the network: a stacked, optionally bidirectional LSTM over
/// `inputSize` features per step, and one head per horizon.
///
/// Representation r = [h→_{T−1}; h←_0] of the last layer ([B × D·H], D = 2 when
/// bidirectional), head k: Linear(D·H, headHidden) → ReLU → Dropout → Linear(headHidden, n_k),
/// where n_k = `headOutputs[k]` is the length of the path it predicts.
public struct LSTMArchitecture: Codable, Sendable, Equatable {
    public var inputSize: Int
    public var hiddenSize: Int
    public var layers: Int
    public var bidirectional: Bool
    /// Dropout probability on each layer's output except the last (PyTorch's `dropout`).
    public var dropout: Double
    public var headHidden: Int
    public var headDropout: Double
    public var headOutputs: [Int]

    public init(inputSize: Int = 8, hiddenSize: Int = 128, layers: Int = 2, bidirectional: Bool = true,
                dropout: Double = 0.3, headHidden: Int = 64, headDropout: Double = 0.3, headOutputs: [Int]) {
        precondition(inputSize > 0 && hiddenSize > 0 && layers > 0 && headHidden > 0, "LSTM sizes must be positive")
        precondition(!headOutputs.isEmpty && headOutputs.allSatisfy { $0 > 0 }, "every head needs at least one output, got \(headOutputs)")
        precondition((0..<1).contains(dropout) && (0..<1).contains(headDropout), "dropout must be in [0, 1)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.bidirectional = bidirectional
        self.dropout = dropout
        self.headHidden = headHidden
        self.headDropout = headDropout
        self.headOutputs = headOutputs
    }

    /// D = 2 for a bidirectional network, 1 otherwise.
    public var directions: Int { bidirectional ? 2 : 1 }

    /// Width of each layer's output and of the representation: D·H.
    public var outputWidth: Int { directions * hiddenSize }

    /// Input width of layer `l`: the features for l = 0, D·H above.
    public func layerInputSize(_ layer: Int) -> Int { layer == 0 ? inputSize : outputWidth }
}
