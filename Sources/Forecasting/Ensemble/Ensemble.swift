import Series

/// The `ensemble` forecaster: catalog models combined per step ahead, fitted without
/// letting any member's validation forecast see its target.
///
/// `fit(FitData(series: s_0 … s_{N−1}, trainCount: n))` (N = n_train + n_val under the
/// protocol):
///
/// 1. every member is fitted twice, all 2M fits two at a time (`MemberParallel`):
///    - on the train part only, `FitData(s_0 … s_{n−1}, trainCount: ⌊14n/17⌋)` (the
///      catalog's train-only refit, `ValidationFit.refitTrainCount`), and then forecasts
///      the validation origins t = n − 1 … N − 2 (`rollingForecasts`, K steps, K the
///      longest horizon in grid steps) — targets s_{t+k} with t + k ≤ N − 1, all in the
///      validation part, which that fit never saw;
///    - on all of `data` (the protocol fit), which the fitted ensemble forecasts with;
/// 2. for each step k = 1 … K, on the T_k = N − n − k + 1 validation targets: with
///    `combine: weights`, w_k = argmin over the simplex of the MAE of Σ_m w_{k,m} ŝ^m
///    (`EnsembleWeights`); then the residuals y − ŷ of the combination (weights or median)
///    are kept, sorted, for the intervals. A step with no target (n_val < k) reuses step
///    k − 1's weights and residuals.
///
/// The test part never reaches `fit`; changing values after s_{N−1} changes nothing fitted.
public struct Ensemble: Forecaster {
    public let settings: EnsembleSettings
    public let context: FitContext
    /// Reach the members' protocol fits (without the checkpoint sink, which one model
    /// owns); the train-only fits run silent.
    public let hooks: TrainingHooks

    public init(settings: EnsembleSettings, context: FitContext, hooks: TrainingHooks = .silent) throws(EnsembleError) {
        try settings.check()
        self.settings = settings
        self.context = context
        self.hooks = hooks
    }

    public var name: String { "ensemble" }

    /// K: the longest horizon of the context in grid steps, ⌈minutes · 60 / D⌉, at least 1.
    public var steps: Int {
        let minutes = context.horizonMinutes.max() ?? 0
        return max(1, Int((minutes * 60 / context.interval - 1e-9).rounded(.up)))
    }

    public func fit(_ data: FitData) throws -> FittedEnsemble {
        try fitDetailed(data).fitted
    }

    /// `fit`, and the validation forecasts the combination was fitted on:
    /// `validationPaths[m][i]` is member m's path (K steps, scaled units) from origin
    /// t = n − 1 + i, forecast by its train-only fit. For studies of combination rules
    /// (Benchmarks/EnsembleStudy); the fitted ensemble is the same as `fit`'s.
    public func fitDetailed(_ data: FitData) throws -> (fitted: FittedEnsemble, validationPaths: [[[Double]]]) {
        let n = data.trainCount, total = data.series.count
        let innerTrain = ValidationFit.refitTrainCount(trainCount: n)
        guard innerTrain >= 1, n >= 2, total > n else { throw EnsembleError.tooShortToCombine(count: total, trainCount: n) }
        let inner = FitData(series: data.train, trainCount: innerTrain)
        let members = settings.members
        let steps = steps
        var memberHooks = hooks
        memberHooks.checkpoint = nil
        let validationOrigins = (n - 1)..<(total - 1)

        let jobs = try MemberParallel.map(2 * members.count) { job -> (fit: FittedMember, paths: [[Double]]) in
            let m = job % members.count
            do {
                if job < members.count {
                    let fit = try members[m].fitMember(inner, context: context, hooks: .silent)
                    let paths = try fit.model.rollingForecasts(over: data.series, origins: validationOrigins, steps: steps)
                    try Self.checkFinite(paths, origins: validationOrigins, steps: steps)
                    return (fit, paths)
                }
                return (try members[m].fitMember(data, context: context, hooks: memberHooks), [])
            } catch {
                throw EnsembleError.memberFailed(member: m, kind: members[m].name, reason: "\(error)")
            }
        }
        let validationPaths = jobs.prefix(members.count).map(\.paths)
        let (weights, residuals) = calibrate(validationPaths, data: data, steps: steps)
        let fitted = jobs.suffix(members.count).map(\.fit)
        let state = EnsembleState(
            combine: settings.combine, intervalSeconds: context.interval, members: fitted.map(\.stored),
            weights: weights, residuals: residuals)
        return (FittedEnsemble(state: state, models: fitted.map(\.model)), validationPaths)
    }

    /// Per step k: the weights (none for median) and the sorted residuals y − ŷ of the
    /// combination on the validation targets. `paths[m][i]` is member m's path from origin
    /// t = n − 1 + i; its element k − 1 forecasts s_{t+k}.
    func calibrate(_ paths: [[[Double]]], data: FitData, steps: Int) -> (weights: [[Double]], residuals: [[Double]]) {
        let n = data.trainCount, values = data.series.values
        var weights: [[Double]] = []
        var residuals: [[Double]] = []
        for k in 1...steps {
            let targetCount = data.series.count - n - k + 1
            guard targetCount > 0 else {
                if settings.combine == .weights, let last = weights.last { weights.append(last) }
                residuals.append(residuals[residuals.count - 1])
                continue
            }
            let forecasts = paths.map { member in (0..<targetCount).map { member[$0][k - 1] } }
            let targets = (0..<targetCount).map { values[n - 1 + $0 + k] }
            var combined: [Double]
            switch settings.combine {
            case .weights:
                let w = EnsembleWeights.fit(forecasts: forecasts, targets: targets)
                weights.append(w)
                combined = (0..<targetCount).map { i in FittedEnsemble.weightedSum(forecasts.map { $0[i] }, weights: w) }
            case .median:
                combined = (0..<targetCount).map { i in FittedEnsemble.median(forecasts.map { $0[i] }) }
            }
            residuals.append(zip(targets, combined).map { $0 - $1 }.sorted())
        }
        return (weights, residuals)
    }

    /// Throws when a validation forecast is NaN or infinite (weights cannot be fitted on it).
    static func checkFinite(_ paths: [[Double]], origins: Range<Int>, steps: Int) throws(EvaluatorError) {
        for (i, path) in paths.enumerated() {
            if let k = path.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteForecast(model: "ensemble member", origin: origins.lowerBound + i, steps: k + 1)
            }
        }
    }
}
