import Series

/// A trained LSTM conditioned on a history. Forecasts run through the inference path
/// (`LSTMInference`), all origins batched. Intervals come from the quantile outputs of its
/// heads when it has them (`LSTMArtifact.quantileHeads`), else from its residual calibration.
public struct FittedLSTM: FittedForecaster {
    public let artifact: LSTMArtifact
    public let history: RegularSeries
    let network: LSTMNetwork
    let window: Int
    let horizons: [Int]

    /// Rebuilds the network from an artifact (for example one loaded from disk).
    public init(artifact: LSTMArtifact, history: RegularSeries) throws {
        let (window, horizons) = try artifact.configuration.steps(interval: artifact.intervalSeconds)
        guard history.interval == artifact.intervalSeconds else {
            throw LSTMError.artifactMismatch(field: "interval_seconds", expected: "\(history.interval)", got: "\(artifact.intervalSeconds)")
        }
        self.artifact = artifact
        self.history = history
        self.window = window
        self.horizons = horizons
        let blocks = artifact.quantileHeads?.outputsPerStep ?? 1
        guard artifact.architecture.headOutputs == horizons.map({ $0 * blocks }) else {
            throw LSTMError.artifactMismatch(field: "architecture.headOutputs", expected: "\(horizons.map { $0 * blocks }) (horizon steps × \(blocks) paths)",
                                             got: "\(artifact.architecture.headOutputs)")
        }
        network = try LSTMNetwork(architecture: artifact.architecture, parameters: artifact.parameters)
    }

    public func predict(steps: Int) throws -> [Double] {
        guard history.count > 0 else { throw ForecastingError.emptyHistory(model: "lstm") }
        return try rollingForecasts(over: history, origins: (history.count - 1)..<history.count, steps: steps)[0]
    }

    public func apply(to history: RegularSeries) throws -> FittedLSTM {
        try FittedLSTM(artifact: artifact, history: history)
    }

    /// Features are built once on s_0 … s_{last origin} (they are causal), then every
    /// origin's window goes through the network in batches.
    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        guard !origins.isEmpty else { return [] }
        return LSTMInference.forecasts(network: network, inputs: try inputs(series, upTo: origins), origins: Array(origins),
                                       horizons: horizons, steps: steps, shrinkage: artifact.shrinkage)
    }

    /// With quantile heads, for each origin the bounds of every level from its quantile paths
    /// (`LSTMInference.quantilePaths`, sorted per step, so they never cross and the levels
    /// nest); a level not trained throws `IntervalError.levelNotTrained`. Without them, the
    /// point paths plus the calibrated residual quantiles (`ResidualCalibration`). Causal as
    /// `rollingForecasts`.
    public func rollingIntervals(over series: RegularSeries, origins: Range<Int>, steps: Int, levels: [Double]) throws -> [PathIntervals] {
        guard let layout = artifact.quantileHeads else {
            let calibration = try requireCalibration()
            _ = try calibration.intervals(around: [], levels: levels, model: calibratedModelName)
            let paths = try rollingForecasts(over: series, origins: origins, steps: steps)
            return try calibration.intervals(around: paths, levels: levels, model: calibratedModelName)
        }
        let rows = try layout.quantileIndices(levels: levels)
        guard !origins.isEmpty else { return [] }
        let paths = LSTMInference.quantilePaths(network: network, inputs: try inputs(series, upTo: origins), origins: Array(origins),
                                                horizons: horizons, steps: steps, quantiles: layout.quantiles.count)
        return paths.map { q in PathIntervals(levels: levels, lower: rows.map { q[$0.lower] }, upper: rows.map { q[$0.upper] }) }
    }

    /// The intervals at `levels` of the path after the last point of `history` (nil when
    /// `levels` is empty, or without quantile heads and calibration for `steps`).
    func pathIntervals(steps: Int, around mean: [Double], levels: [Double]) throws -> PathIntervals? {
        guard artifact.quantileHeads != nil else { return try calibratedIntervals(around: mean, levels: levels) }
        guard !levels.isEmpty else { return nil }
        return try rollingIntervals(over: history, origins: (history.count - 1)..<history.count, steps: steps, levels: levels).first
    }

    /// Features built once on s_0 … s_{last origin} (they are causal).
    private func inputs(_ series: RegularSeries, upTo origins: Range<Int>) throws -> LSTMInputs {
        try LSTMInputs(series: series.prefix(origins.upperBound), features: artifact.configuration.features, window: window,
                       step: artifact.configuration.inputStep(window: window), normalization: artifact.normalization)
    }

    public var parameters: [String: ParameterValue] {
        var p: [String: ParameterValue] = [
            "window_steps": .integer(window),
            "horizon_steps": .integers(horizons),
            "level": .text(artifact.normalization.mode.rawValue),
            "level_scale": .number(artifact.normalization.scale),
            "parameter_count": .integer(artifact.parameters.count),
        ]
        if let quantiles = artifact.quantileHeads?.quantiles {
            p["quantiles"] = .numbers(quantiles)
        }
        if let shrinkage = artifact.shrinkage {
            p["shrinkage_at_horizons"] = .numbers(shrinkage.map { $0.last ?? 1 })
        }
        if let t = artifact.training {
            p["best_epoch"] = .integer(t.bestEpoch)
            p["epochs_run"] = .integer(t.epochsRun)
            p["best_validation_loss"] = .number(t.bestValidationLoss)
        }
        return p
    }
}

extension FittedLSTM: ResidualCalibrated {
    public var calibration: ResidualCalibration? { artifact.calibration }
    public var calibratedModelName: String { "lstm" }
}

/// The LSTM forecaster (EVALUATION.md §7 reference design with the level fix of
/// `LevelMode.relativeToLast` by default): a configuration (the catalog's settings) bound
/// to the training hooks of one fit. The hooks are not part of the settings; the catalog
/// (`ModelSpec`) binds them when it fits.
public struct LSTMForecaster: GlobalForecaster {
    public var configuration: LSTMConfiguration
    public var hooks: TrainingHooks

    public init(configuration: LSTMConfiguration = .init(), hooks: TrainingHooks = .silent) {
        self.configuration = configuration
        self.hooks = hooks
    }

    public var name: String { "lstm" }

    /// Trains on `data` (`LSTMTrainer`), then, unless its heads output quantiles,
    /// calibrates interval residuals of the trained network on the validation part for its
    /// longest head (`ResidualCalibration`).
    public func fit(_ data: FitData) throws -> FittedLSTM {
        try calibrated(LSTMTrainer.fit(configuration: configuration, series: data.series, trainCount: data.trainCount, hooks: hooks), on: data)
    }

    /// One network across all of `data` (`LSTMTrainer.fitGlobal`), each series' intervals
    /// calibrated on its own validation part.
    public func fitGlobal(_ data: [FitData]) throws -> [FittedLSTM] {
        let fitted = try LSTMTrainer.fitGlobal(configuration: configuration, series: data.map(\.series),
                                               trainCounts: data.map(\.trainCount), hooks: hooks)
        return try zip(fitted, data).map { try calibrated($0, on: $1) }
    }

    /// `fitted` with its residual calibration on `data`'s validation part (unchanged when
    /// there is too little validation to calibrate, or with quantile heads).
    private func calibrated(_ fitted: FittedLSTM, on data: FitData) throws -> FittedLSTM {
        guard fitted.artifact.quantileHeads == nil,
              let calibration = try ResidualCalibration.calibrate(fitted, on: data, steps: fitted.horizons.max() ?? 1) else {
            return fitted
        }
        var artifact = fitted.artifact
        artifact.calibration = calibration
        return try FittedLSTM(artifact: artifact, history: fitted.history)
    }

    /// Seconds of monotonic uptime (`TrainingHooks.monotonicSeconds`).
    @Sendable public static func monotonicSeconds() -> Double {
        TrainingHooks.monotonicSeconds()
    }
}
