import Kernels
import Series

/// One training or validation sample: the window of series `series` ending at `origin`.
struct LSTMSample: Hashable, Sendable {
    var series: Int
    var origin: Int
}

/// The samples of one fit over one or more series (global training): each series' inputs,
/// built with its own level normalization, and the samples drawn from them. A batch of
/// samples is written series by series (in the order each series first appears in the
/// batch, each series' origins in batch order), so a batch from one series is laid out
/// exactly as the single-series trainer laid it out.
struct LSTMSampleSet {
    let inputs: [LSTMInputs]

    /// Writes the windows of `samples` into `x` [S × B × C] and the targets of each head
    /// path `heads[k].steps` long into `heads[k].pointer` [B × steps], B = samples.count.
    func gather(_ samples: ArraySlice<LSTMSample>, into x: UnsafeMutablePointer<Float>,
                heads: [(steps: Int, pointer: UnsafeMutablePointer<Float>)]) {
        var offset = 0
        for (series, origins) in Self.grouped(samples) {
            inputs[series].gather(origins: origins[...], into: x, batch: samples.count, offset: offset)
            for head in heads {
                inputs[series].gatherTargets(origins: origins[...], steps: head.steps, into: head.pointer, offset: offset)
            }
            offset += origins.count
        }
    }

    /// The samples' origins per series, series in order of first appearance.
    static func grouped(_ samples: ArraySlice<LSTMSample>) -> [(series: Int, origins: [Int])] {
        var groups: [(series: Int, origins: [Int])] = []
        var position: [Int: Int] = [:]
        for sample in samples {
            if let i = position[sample.series] {
                groups[i].origins.append(sample.origin)
            } else {
                position[sample.series] = groups.count
                groups.append((sample.series, [sample.origin]))
            }
        }
        return groups
    }
}
