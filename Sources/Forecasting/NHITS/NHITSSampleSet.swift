import Series

/// One training or validation window: series `series` of a fit, origin `origin`.
struct NHITSSample: Hashable, Sendable {
    var series: Int
    var origin: Int
}

/// The windows of one fit over one or more series (global training). Series i has its own
/// `NHITSWindows` (its own train scaler under `robustTrain`; every window is scaled on its
/// own under `robustWindow`). Train windows are the origins t of every series with
/// t − L + 1 ≥ 0 and t + h ≤ n_train,i − 1, series after series, each in time order;
/// validation origins are t ≥ n_train,i with t + h ≤ n_i − 1, evenly spaced, at most
/// `validationSamples` in all (a single series keeps up to the whole budget; several share
/// it in proportion to their validation windows, at least 1 each).
struct NHITSSampleSet {
    let windows: [NHITSWindows]
    let trainScalers: [RobustScaler?]
    let train: [NHITSSample]
    let validation: [[Int]]
    /// Per series, the naive forecast's MAE over its validation origins and all h steps,
    /// mean |s_{t+1+k} − s_t| (1 when that is 0): the scale of the global early-stopping criterion.
    let naiveValidationMAE: [Double]

    init(series: [RegularSeries], trainCounts: [Int], settings: NHITSSettings, architecture: NHITSArchitecture) throws {
        let L = architecture.inputSteps, h = architecture.horizonSteps
        var windows: [NHITSWindows] = [], scalers: [RobustScaler?] = [], train: [NHITSSample] = [], validation: [[Int]] = []
        for (i, s) in series.enumerated() {
            let scaler = settings.scaling == .robustTrain ? try RobustScaler(fittingOn: s.values[0..<trainCounts[i]]) : nil
            scalers.append(scaler)
            windows.append(NHITSWindows(values: s.values, inputSteps: L, scaling: settings.scaling, trainScaler: scaler))
            train += stride(from: L - 1, through: trainCounts[i] - 1 - h, by: 1).map { NHITSSample(series: i, origin: $0) }
            validation.append(Array(stride(from: max(trainCounts[i], L - 1), through: s.count - 1 - h, by: 1)))
        }
        guard !train.isEmpty else { throw NHITSError.tooFewWindows(split: "training", got: 0, inputSteps: L, horizonSteps: h) }
        if let empty = validation.firstIndex(where: \.isEmpty) {
            throw NHITSError.tooFewWindows(split: series.count == 1 ? "validation" : "validation (series \(empty))", got: 0,
                                           inputSteps: L, horizonSteps: h)
        }
        let total = validation.reduce(0) { $0 + $1.count }
        let limit = settings.training.validationSamples
        self.validation = validation.map { origins in
            LSTMTrainer.evenlySpaced(origins, atMost: limit.map { series.count == 1 ? $0 : max(1, $0 * origins.count / max(total, 1)) })
        }
        naiveValidationMAE = zip(series, self.validation).map { s, origins in
            var sum: Double = 0
            for t in origins { for k in 0..<h { sum += abs(s.values[t + 1 + k] - s.values[t]) } }
            let mae = sum / Double(max(origins.count * h, 1))
            return mae > 0 ? mae : 1
        }
        self.windows = windows
        trainScalers = scalers
        self.train = train
    }

    /// Writes the scaled windows of `samples` into `x` [B × L], their targets into `y` [B × h]
    /// (B = samples.count, row n = samples[n]) and each window's (c, d) into `centres`.
    func gather(_ samples: [NHITSSample], steps h: Int, into x: UnsafeMutablePointer<Float>, targets y: UnsafeMutablePointer<Float>,
                centres: inout [(centre: Float, scale: Float)], scratch: inout [Float]) {
        centres.removeAll(keepingCapacity: true)
        for (n, sample) in samples.enumerated() {
            let w = windows[sample.series]
            let stats = w.write(origin: sample.origin, into: x + n * w.inputSteps, window: &scratch)
            w.writeTargets(origin: sample.origin, steps: h, stats: stats, into: y + n * h)
            centres.append(stats)
        }
    }
}
