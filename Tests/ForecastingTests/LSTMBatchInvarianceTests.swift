@testable import Forecasting
import Kernels
import Testing

/// A window's forecast must not depend on the batch it was computed in: the serving layer
/// batches many containers' windows into one call, and a container's scaling decision must
/// not change with its neighbours. Every inference product runs through `PackedGEMM`, whose
/// rows are each one fixed-order chain (see `KernelsSIMD.PackedGEMM`), so the outputs of a
/// window alone, in a batch of 10 and in a batch of 160 (past `LSTMSequence.blasRows`, where
/// training hands recurrent products to OpenBLAS, and into the AVX-512 build's 8 × 32 tiles)
/// must be the same bits, whatever
/// windows keep it company — on every build this process may run
/// (`AUTOSCALE_INSTRUCTION_SET` pins lower ones; `.ci/run` runs each).
@Suite struct LSTMBatchInvarianceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let hidden: Int, layers: Int, bidirectional: Bool
        var testDescription: String { "H \(hidden), \(layers) layer(s)\(bidirectional ? ", bidirectional" : "")" }
    }
    /// H = 128 (the default, whole lane blocks), H = 20 (partial panels and lane blocks).
    static let cases = [Case(hidden: 128, layers: 1, bidirectional: true), Case(hidden: 20, layers: 2, bidirectional: false)]
    static let builds = InstructionSet.allCases.filter(\.isSupported)

    @Test(arguments: builds, cases)
    func forecastsAreTheSameBitsInEveryBatch(build: InstructionSet, shape: Case) {
        let steps = 6, features = 5, pool = 160
        let arch = LSTMArchitecture(inputSize: features, hiddenSize: shape.hidden, layers: shape.layers,
                                    bidirectional: shape.bidirectional, headHidden: 16, headOutputs: [1, 3, 7])
        var rng = SplitMix64(seed: 77)
        let network = LSTMNetwork(architecture: arch, rng: &rng)
        // Window w is [steps × features]; a batch is time-major (row t·B + b).
        let windows = (0..<pool).map { _ in (0..<(steps * features)).map { _ in Float(rng.nextGaussian()) } }
        func outputs(of members: [Int]) -> [[[UInt32]]] {
            let b = members.count
            var x = [Float](repeating: 0, count: steps * b * features)
            for (slot, w) in members.enumerated() {
                for t in 0..<steps {
                    for f in 0..<features { x[(t * b + slot) * features + f] = windows[w][t * features + f] }
                }
            }
            let ws = NetworkWorkspace(architecture: arch, steps: steps, maxBatch: b, training: false, instructionSet: build)
            var noDropout: SplitMix64? = nil
            network.forward(input: x, batch: b, workspace: ws, dropout: &noDropout)
            return members.indices.map { slot in
                arch.headOutputs.indices.map { k in
                    let n = arch.headOutputs[k]
                    return (0..<n).map { ws.output(head: k)[slot * n + $0].bitPattern }
                }
            }
        }
        let everyWindow = outputs(of: Array(0..<pool))
        let watched = [0, 159]
        for w in watched {
            let alone = outputs(of: [w])[0]
            #expect(alone == everyWindow[w], "window \(w): alone vs in a batch of \(pool)")
            // Batches of 10 with different companions, the window at different places.
            for companions in [Array(1...9), Array(100..<109)] {
                for slot in [0, 9] {
                    var members = companions.filter { $0 != w }.prefix(9).map { $0 }
                    members.insert(w, at: min(slot, members.count))
                    let batch = outputs(of: members)
                    #expect(batch[members.firstIndex(of: w)!] == alone, "window \(w) at slot \(slot) among \(companions)")
                }
            }
        }
        // The whole batch in a shuffled order gives every window its own bits.
        var order = Array(0..<pool)
        order.shuffle(using: &rng)
        let shuffled = outputs(of: order)
        for (slot, w) in order.enumerated() where shuffled[slot] != everyWindow[w] {
            Issue.record("window \(w) changed when the batch of \(pool) was reordered")
            break
        }
    }
}
