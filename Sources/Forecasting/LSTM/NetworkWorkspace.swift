import Kernels

/// Every buffer one forward (and, when `training`, backward) pass needs for sequences
/// of `steps` steps and batches of up to `maxBatch`, allocated once and reused for
/// every batch. Layouts are time-major: row t·B + b.
public final class NetworkWorkspace: @unchecked Sendable {
    public let architecture: LSTMArchitecture
    public let steps: Int
    public let maxBatch: Int
    public let training: Bool
    /// The build of the vector kernels (cell and packed recurrent products) this workspace runs.
    public let instructionSet: InstructionSet
    /// [layer][direction]
    let directions: [[DirectionWorkspace]]
    /// h of every layer [T × B × D·H] (forward direction in columns 0…H−1).
    let layerOutputs: [FloatBuffer]
    /// Input of layer l+1 after dropout, and its mask [T × B × D·H] (training, p > 0).
    let droppedOutputs: [FloatBuffer], dropoutMasks: [FloatBuffer]
    /// ∂L/∂h of every layer [T × B × D·H] (training).
    let layerOutputGradients: [FloatBuffer]
    /// r = [h→_{T−1}; h←_0] [B × D·H] and ∂L/∂r.
    let representation: FloatBuffer, representationGradient: FloatBuffer
    let heads: [HeadWorkspace]
    /// Whether the last `forward` applied inter-layer dropout (backward must follow it).
    var dropoutApplied = false
    /// Batch size whose nonzero rows the last layer's ∂L/∂h holds (nil: all zero so far).
    var lastLayerGradientBatch: Int?
    /// Inference: the network and θ generation whose weights the direction workspaces hold
    /// packed (nil: none yet). A forward with the same network at the same generation skips
    /// packing (one window: 2 × 36 µs for W_hhᵀ and 72 µs for layer 2's W_ihᵀ per thread).
    var packedWeightsSource: (network: LSTMNetwork, generation: Int)?

    public convenience init(
        architecture a: LSTMArchitecture, steps: Int, maxBatch: Int, training: Bool,
        instructionSet: InstructionSet = .detected
    ) {
        self.init(architecture: a, steps: steps, maxBatch: maxBatch, training: training,
                  instructionSet: instructionSet, blockRows: nil)
    }

    /// `blockRows`: rows per input-projection / weight-gradient block (nil: the default;
    /// see `DirectionWorkspace`), for tests that compare block sizes.
    init(
        architecture a: LSTMArchitecture, steps: Int, maxBatch: Int, training: Bool,
        instructionSet: InstructionSet, blockRows: Int?
    ) {
        precondition(instructionSet.isSupported, "this process cannot run the \(instructionSet.rawValue) kernels (CPU: \(InstructionSet.cpuSupported.rawValue), running: \(InstructionSet.detected.rawValue))")
        precondition(steps > 0 && maxBatch > 0, "workspace needs positive steps and batch, got \(steps) and \(maxBatch)")
        architecture = a
        self.steps = steps
        self.maxBatch = maxBatch
        self.training = training
        self.instructionSet = instructionSet
        let width = steps * maxBatch * a.outputWidth
        directions = (0..<a.layers).map { l in
            (0..<a.directions).map { _ in
                DirectionWorkspace(steps: steps, maxBatch: maxBatch, hidden: a.hiddenSize, inputSize: a.layerInputSize(l),
                                   training: training, needsInputGradient: l > 0, instructionSet: instructionSet,
                                   blockRows: blockRows)
            }
        }
        layerOutputs = (0..<a.layers).map { _ in FloatBuffer(count: width) }
        let dropping = training && a.dropout > 0
        droppedOutputs = (0..<(a.layers - 1)).map { _ in FloatBuffer(count: dropping ? width : 0) }
        dropoutMasks = (0..<(a.layers - 1)).map { _ in FloatBuffer(count: dropping ? width : 0) }
        layerOutputGradients = (0..<a.layers).map { _ in FloatBuffer(count: training ? width : 0) }
        representation = FloatBuffer(count: maxBatch * a.outputWidth)
        representationGradient = FloatBuffer(count: training ? maxBatch * a.outputWidth : 0)
        heads = a.headOutputs.map {
            HeadWorkspace(maxBatch: maxBatch, width: a.outputWidth, hidden: a.headHidden, outputs: $0,
                          training: training, instructionSet: instructionSet)
        }
    }

    /// Head k's predictions [B × n_k] after `forward`.
    public func output(head k: Int) -> UnsafeMutablePointer<Float> { heads[k].output.pointer }

    /// Where the loss writes ∂L/∂ŷ of head k [B × n_k] before `backward`.
    public func outputGradient(head k: Int) -> UnsafeMutablePointer<Float> { heads[k].outputGradient.pointer }
}
