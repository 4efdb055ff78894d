import Series

/// A trained N-HiTS model (M networks whose outputs are averaged) conditioned on a history:
/// point forecasts (`rollingForecasts`) and quantile intervals (`rollingIntervals`) from any
/// origin, all origins batched.
public struct FittedNHITS: IntervalForecaster {
    public let state: NHITSState
    public let history: RegularSeries
    let networks: [NHITSNetwork]

    /// Origins per forward pass of inference.
    static let inferenceBatch = 512

    public init(state: NHITSState, history: RegularSeries) throws {
        guard history.interval == state.intervalSeconds else {
            throw NHITSError.artifactMismatch(field: "interval_seconds", expected: "\(history.interval)", got: "\(state.intervalSeconds)")
        }
        self.state = state
        self.history = history
        let count = NHITSParameterLayout(state.architecture).count
        guard state.members >= 1, state.parameters.count == state.members * count else {
            throw NHITSError.artifactMismatch(field: "parameters", expected: "\(state.members) × \(count) values", got: "\(state.parameters.count)")
        }
        networks = try (0..<state.members).map { m in
            try NHITSNetwork(architecture: state.architecture, parameters: Array(state.parameters[(m * count)..<((m + 1) * count)]))
        }
    }

    public func predict(steps: Int) throws -> [Double] {
        guard history.count > 0 else { throw ForecastingError.emptyHistory(model: "nhits") }
        return try rollingForecasts(over: history, origins: (history.count - 1)..<history.count, steps: steps)[0]
    }

    public func apply(to history: RegularSeries) throws -> FittedNHITS {
        try FittedNHITS(state: state, history: history)
    }

    /// Origins go through the network 512 at a time; OpenBLAS sums in an order that depends on
    /// the batch size, so one origin alone agrees with it in a batch to ~1e-7, not bit for bit.
    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        try NHITSInference.outputs(networks: networks, state: state, series: series, origins: origins, steps: steps).map { $0[0] }
    }

    /// The quantile outputs (1 − c)/2 and (1 + c)/2 of every level c asked for, sorted per
    /// step so they never cross; a level the network was not trained for throws
    /// `IntervalError.levelNotTrained`.
    public func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals] {
        let rows = try NHITSInference.quantileRows(levels: levels, settings: state.settings)
        return try NHITSInference.outputs(networks: networks, state: state, series: series, origins: origins, steps: steps).map { outputs in
            PathIntervals(levels: levels, lower: rows.map { outputs[$0.lower] }, upper: rows.map { outputs[$0.upper] })
        }
    }

    public var parameters: [String: ParameterValue] {
        var p: [String: ParameterValue] = [
            "input_steps": .integer(state.architecture.inputSteps),
            "horizon_steps": .integer(state.architecture.horizonSteps),
            "scaling": .text(state.settings.scaling.rawValue),
            "quantiles": .numbers(state.settings.quantiles),
            "parameter_count": .integer(state.parameters.count),
            "members": .integer(state.members),
        ]
        if let t = state.training {
            p["best_step"] = .integer(t.bestStep)
            p["steps_run"] = .integer(t.stepsRun)
            p["best_validation_loss"] = .number(t.bestValidationLoss)
        }
        return p
    }
}

/// The forecast side of the network: windows of the origins → forward pass → outputs in
/// the model's units.
enum NHITSInference {
    /// For each origin t, the O × steps outputs (row 0 the point forecast, rows 1 … O−1 the
    /// quantiles ascending in τ, sorted per step) in the series' units, from s_0 … s_t only;
    /// with several networks, the mean of their outputs ŷ = (1/M) Σ_m ŷ_m (scaled units)
    /// before scaling back and sorting.
    static func outputs(networks: [NHITSNetwork], state: NHITSState, series: RegularSeries, origins: Range<Int>,
                        steps: Int) throws -> [[[Double]]] {
        try outputs(networks: networks, scaling: state.settings.scaling, trainScaler: state.trainScaler, series: series,
                    origins: Array(origins), steps: steps)
    }

    /// The same for any origins (ascending or not), reading s_0 … s_{max origin} only.
    static func outputs(networks: [NHITSNetwork], scaling: NHITSScaling, trainScaler: RobustScaler?, series: RegularSeries,
                        origins all: [Int], steps: Int) throws -> [[[Double]]] {
        let a = networks[0].architecture
        guard steps <= a.horizonSteps else { throw NHITSError.stepsBeyondHorizon(asked: steps, trained: a.horizonSteps) }
        guard let last = all.max(), let first = all.min() else { return [] }
        guard first >= 0, last < series.count else {
            throw ForecastingError.historyTooShort(model: "nhits", needed: last + 1, got: series.count)
        }
        let windows = NHITSWindows(values: Array(series.values[0...last]), inputSteps: a.inputSteps,
                                   scaling: scaling, trainScaler: trainScaler)
        let batch = min(FittedNHITS.inferenceBatch, all.count)
        let workspace = NHITSWorkspace(architecture: a, maxBatch: batch, training: false)
        let x = UnsafeMutablePointer<Float>.allocate(capacity: batch * a.inputSteps)
        defer { x.deallocate() }
        let size = batch * a.outputs * a.horizonSteps
        let mean = UnsafeMutablePointer<Float>.allocate(capacity: networks.count > 1 ? size : 0)
        defer { mean.deallocate() }
        var centres: [(centre: Float, scale: Float)] = []
        var result: [[[Double]]] = []
        result.reserveCapacity(all.count)
        for start in stride(from: 0, to: all.count, by: batch) {
            let slice = all[start..<min(start + batch, all.count)]
            windows.gather(origins: slice, into: x, centres: &centres)
            let y = Self.meanOutputs(networks, input: x, batch: slice.count, workspace: workspace, into: mean)
            let O = a.outputs, h = a.horizonSteps
            for n in 0..<slice.count {
                let (c, d) = (Double(centres[n].centre), Double(centres[n].scale))
                var rows = (0..<O).map { o in (0..<steps).map { Double(y[(n * O + o) * h + $0]) * d + c } }
                if O > 2 {
                    for s in 0..<steps {
                        let sorted = (1..<O).map { rows[$0][s] }.sorted()
                        for o in 1..<O { rows[o][s] = sorted[o - 1] }
                    }
                }
                result.append(rows)
            }
        }
        return result
    }

    /// ŷ [B × O × h] of one network (in `workspace.outputs`), or the mean over several (in
    /// `mean`, summed in member order and divided by M).
    static func meanOutputs(_ networks: [NHITSNetwork], input x: UnsafePointer<Float>, batch: Int, workspace: NHITSWorkspace,
                            into mean: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        networks[0].forward(input: x, batch: batch, workspace: workspace)
        guard networks.count > 1 else { return UnsafePointer(workspace.outputs) }
        let a = networks[0].architecture, size = batch * a.outputs * a.horizonSteps
        mean.update(from: workspace.outputs, count: size)
        for network in networks.dropFirst() {
            network.forward(input: x, batch: batch, workspace: workspace)
            for e in 0..<size { mean[e] += workspace.outputs[e] }
        }
        let scale = 1 / Float(networks.count)
        for e in 0..<size { mean[e] *= scale }
        return UnsafePointer(mean)
    }

    /// For each level asked for, the output rows of its lower (1 − c)/2 and upper (1 + c)/2 quantile.
    static func quantileRows(levels: [Double], settings: NHITSSettings) throws -> [(lower: Int, upper: Int)] {
        let taus = settings.quantiles
        func row(_ tau: Double) -> Int? { taus.firstIndex { abs($0 - tau) < 1e-9 }.map { $0 + 1 } }
        return try levels.map { level in
            guard level > 0, level < 1 else { throw IntervalError.levelOutOfRange(level) }
            guard let lower = row((1 - level) / 2), let upper = row((1 + level) / 2) else {
                throw IntervalError.levelNotTrained(model: "nhits", level: level, trained: settings.levels)
            }
            return (lower, upper)
        }
    }
}
