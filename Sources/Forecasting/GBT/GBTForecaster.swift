import Foundation
import Kernels
import Series

/// Gradient-boosted trees over causal features (XGBoost), direct multi-horizon: one
/// booster per forecast step for the point forecast (absolute error); intervals from the
/// validation residuals (conformal) or from one pinball-loss booster per step and quantile.
/// docs/ARCHITECTURE.md, "gbt".
///
/// `fitGlobal` on series i = 0 … S−1, each s_0 … s_{n_i−1} with validation from its
/// `trainCount` (`fit` is `fitGlobal` of one series):
/// 1. rows: per series, origins t ≥ `firstTrainingOrigin` with the target s_{t+h} in the
///    train part (t + h < n_train) train, those with it in validation (t + h ≥ n_train)
///    validate; the series' rows are stacked into one matrix per step and part;
/// 2. point boosters per step, for the level and/or the difference target, early-stopped
///    on validation MAE; with `target: auto` each step keeps the target with the lower
///    validation MAE;
/// 3. intervals: `conformal` calibrates, per series, the validation residuals of these
///    train-only boosters (`ResidualCalibration`, steps 1 … H); `quantile` trains quantile
///    boosters per step for the kept target, early-stopped on validation pinball loss;
/// 4. with `refit`, every booster again on all rows (train + validation) with the rounds
///    early stopping chose.
/// When a series' `trainCount` leaves fewer than `minimumValidationRows` validation rows
/// for the last step, the last 15 % of that series (⌊0.85 n⌋ onwards) serves as validation.
public struct GBTForecaster: GlobalForecaster {
    public let settings: GBTSettings
    /// The steps whose forecasts are scored or asked for (horizons in steps), ascending.
    public let horizonSteps: [Int]

    /// Fewest validation rows per step for early stopping and the target choice.
    static let minimumValidationRows = 20
    /// Fewest training rows per step.
    static let minimumTrainingRows = 30

    public init(settings: GBTSettings, horizonSteps: [Int]) {
        self.settings = settings
        self.horizonSteps = Array(Set(horizonSteps)).sorted()
    }

    public var name: String { "gbt" }

    /// Steps with boosters: 1 … min(H, maxDirectSteps) and every horizon step (H the longest).
    public var boosterSteps: [Int] {
        let longest = horizonSteps.last ?? 1
        return Array(Set(Array(1...min(longest, settings.maxDirectSteps)) + horizonSteps)).sorted()
    }

    public func fit(_ data: FitData) throws -> FittedGBT {
        try fitGlobal([data])[0]
    }

    /// One booster set trained on the rows of every series of `data` (all on one grid),
    /// conditioned on each series in turn; each keeps its own residual calibration.
    public func fitGlobal(_ data: [FitData]) throws -> [FittedGBT] {
        try settings.validate()
        guard let interval = data.first?.series.interval else { return [] }
        if let other = data.firstIndex(where: { $0.series.interval != interval }) {
            throw ModelSpecError.globalTrainingNeedsOneGrid(
                reason: "series \(other) has a \(data[other].series.interval) s grid, the first \(interval) s; resample the series to one interval")
        }
        let spec = try GBTFeatureSpec(settings, interval: interval)
        let steps = boosterSteps
        let parts = try data.map { try GBTTrainingRows(data: $0, spec: spec, steps: steps) }
        let rows = GBTStackedRows(series: parts)
        let training = GBTBoosterTraining(settings: settings)
        let worker = PairedWorker()
        let point = GBTObjective(settings.objective, huberSlope: settings.huberSlope)

        // 2. Point boosters per step and candidate target.
        let candidates: [GBTTarget] = settings.target == .auto ? [.level, .difference] : [settings.target]
        let pointJobs = steps.flatMap { h in candidates.map { (h, $0) } }
        let points = try runGBTJobs(pointJobs.count, worker: worker) { i in
            let (h, target) = pointJobs[i]
            return try training.train(point, train: rows.matrix(h, .train, target),
                                      validation: rows.matrix(h, .validation, target), rounds: settings.maxRounds)
        }
        let chosen = steps.indices.map { s in
            let options = candidates.indices.map { points[s * candidates.count + $0] }
            let best = options.indices.min { (options[$0].validationLoss ?? .infinity) < (options[$1].validationLoss ?? .infinity) }!
            return (target: candidates[best], booster: options[best])
        }

        // 3. Quantile boosters for the kept target (none with conformal intervals).
        let quantiles = settings.quantiles
        let quantileJobs = steps.indices.flatMap { s in quantiles.map { (steps[s], chosen[s].target, $0) } }
        let quantileBoosters = try runGBTJobs(quantileJobs.count, worker: worker) { i in
            let (h, target, alpha) = quantileJobs[i]
            return try training.train(.pinball(alpha), train: rows.matrix(h, .train, target),
                                      validation: rows.matrix(h, .validation, target), rounds: settings.maxRounds)
        }

        // 4. Refit on train + validation with the chosen rounds.
        var finalPoint = chosen.map(\.booster.booster)
        var finalQuantile = quantileBoosters.map(\.booster)
        if settings.refit {
            let refitJobs = steps.indices.map { (steps[$0], chosen[$0].target, point, chosen[$0].booster.rounds) }
                + quantileJobs.enumerated().map { ($1.0, $1.1, GBTObjective.pinball($1.2), quantileBoosters[$0].rounds) }
            let refitted = try runGBTJobs(refitJobs.count, worker: worker) { i in
                let (h, target, objective, rounds) = refitJobs[i]
                return try training.train(objective, train: rows.matrix(h, .all, target), validation: nil, rounds: max(rounds, 1))
            }
            finalPoint = Array(refitted.prefix(steps.count).map(\.booster))
            finalQuantile = Array(refitted.dropFirst(steps.count).map(\.booster))
        }

        let stepStates = try steps.indices.map { s in
            GBTStepState(
                step: steps[s], target: chosen[s].target, rounds: chosen[s].booster.rounds,
                validationMAE: chosen[s].booster.validationLoss ?? .nan,
                point: Data(try finalPoint[s].saved()).base64EncodedString(),
                quantileRounds: quantiles.indices.map { quantileBoosters[s * quantiles.count + $0].rounds },
                quantiles: try quantiles.indices.map { Data(try finalQuantile[s * quantiles.count + $0].saved()).base64EncodedString() })
        }
        let shared = GBTState(
            intervalSeconds: interval, features: spec, horizonSteps: horizonSteps, quantiles: quantiles,
            intervalLevels: settings.intervalLevels.sorted(), refitted: settings.refit, calibration: nil, steps: stepStates)
        let boosters = GBTLoadedBoosters(point: finalPoint, quantiles: steps.indices.map { s in
            quantiles.indices.map { finalQuantile[s * quantiles.count + $0] }
        })
        guard settings.intervalMethod == .conformal else {
            return data.map { FittedGBT(state: shared, boosters: boosters, history: $0.series) }
        }
        // 3. (conformal) Each series' validation residuals of the train-only point boosters.
        let trainOnly = GBTLoadedBoosters(point: chosen.map(\.booster.booster), quantiles: steps.map { _ in [] })
        let calibrations = try runGBTJobs(data.count, worker: worker) { i in
            let validated = FitData(series: data[i].series, trainCount: parts[i].trainCount)
            let model = FittedGBT(state: shared, boosters: trainOnly, history: data[i].series)
            guard let calibration = try ResidualCalibration.calibrate(
                model, on: validated, steps: steps.last ?? 1, levels: shared.intervalLevels, firstOrigin: spec.firstTrainingOrigin)
            else { throw GBTError.tooFewSamples(part: "validation", step: 1, needed: 1, got: 0) }
            return calibration
        }
        return zip(data, calibrations).map { part, calibration in
            var state = shared
            state.calibration = calibration
            return FittedGBT(state: state, boosters: boosters, history: part.series)
        }
    }
}
