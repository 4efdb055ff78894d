import Foundation
import Kernels
import Series

/// Gradient-boosted trees over causal features (XGBoost), direct multi-horizon: one
/// booster per forecast step for the point forecast (absolute error) and one per step
/// and quantile for the intervals (pinball loss). docs/ARCHITECTURE.md, "gbt".
///
/// `fit` on s_0 … s_{n−1} with validation from `trainCount`:
/// 1. rows: origins t ≥ `firstTrainingOrigin` with the target s_{t+h} in the train part
///    (t + h < n_train) train, those with it in validation (t + h ≥ n_train) validate;
/// 2. point boosters per step, for the level and/or the difference target, early-stopped
///    on validation MAE; with `target: auto` each step keeps the target with the lower
///    validation MAE;
/// 3. quantile boosters per step for the kept target, early-stopped on validation pinball loss;
/// 4. with `refit`, every booster again on all rows (train + validation) with the rounds
///    early stopping chose.
/// When `trainCount` leaves fewer than `minimumValidationRows` validation rows for the last
/// step, the last 15 % of the series (⌊0.85 n⌋ onwards) serves as validation instead.
public struct GBTForecaster: Forecaster {
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
        try settings.validate()
        let series = data.series
        let spec = try GBTFeatureSpec(settings, interval: series.interval)
        let steps = boosterSteps
        let n = series.count
        let longest = steps.last ?? 1
        let first = spec.firstTrainingOrigin
        var trainCount = data.trainCount
        if n - trainCount < Self.minimumValidationRows + longest - 1 { trainCount = n * 85 / 100 }
        let rows = GBTTrainingRows(builder: GBTFeatureBuilder(spec: spec, series: series), first: first, trainCount: trainCount)
        for h in steps {
            guard rows.train(h).count >= Self.minimumTrainingRows else {
                throw GBTError.tooFewSamples(part: "train", step: h, needed: Self.minimumTrainingRows, got: rows.train(h).count)
            }
            guard rows.validation(h).count >= Self.minimumValidationRows else {
                throw GBTError.tooFewSamples(part: "validation", step: h, needed: Self.minimumValidationRows, got: rows.validation(h).count)
            }
        }
        let training = GBTBoosterTraining(settings: settings)
        let worker = PairedWorker()

        // 2. Point boosters per step and candidate target.
        let candidates: [GBTTarget] = settings.target == .auto ? [.level, .difference] : [settings.target]
        let pointJobs = steps.flatMap { h in candidates.map { (h, $0) } }
        let points = try runGBTJobs(pointJobs.count, worker: worker) { i in
            let (h, target) = pointJobs[i]
            return try training.train(.absoluteError, train: rows.matrix(h, rows.train(h), target),
                                      validation: rows.matrix(h, rows.validation(h), target), rounds: settings.maxRounds)
        }
        let chosen = steps.indices.map { s in
            let options = candidates.indices.map { points[s * candidates.count + $0] }
            let best = options.indices.min { (options[$0].validationLoss ?? .infinity) < (options[$1].validationLoss ?? .infinity) }!
            return (target: candidates[best], booster: options[best])
        }

        // 3. Quantile boosters for the kept target.
        let quantiles = settings.quantiles
        let quantileJobs = steps.indices.flatMap { s in quantiles.map { (steps[s], chosen[s].target, $0) } }
        let quantileBoosters = try runGBTJobs(quantileJobs.count, worker: worker) { i in
            let (h, target, alpha) = quantileJobs[i]
            return try training.train(.pinball(alpha), train: rows.matrix(h, rows.train(h), target),
                                      validation: rows.matrix(h, rows.validation(h), target), rounds: settings.maxRounds)
        }

        // 4. Refit on train + validation with the chosen rounds.
        var finalPoint = chosen.map(\.booster.booster)
        var finalQuantile = quantileBoosters.map(\.booster)
        if settings.refit {
            let refitJobs = steps.indices.map { (steps[$0], chosen[$0].target, GBTObjective.absoluteError, chosen[$0].booster.rounds) }
                + quantileJobs.enumerated().map { ($1.0, $1.1, GBTObjective.pinball($1.2), quantileBoosters[$0].rounds) }
            let refitted = try runGBTJobs(refitJobs.count, worker: worker) { i in
                let (h, target, objective, rounds) = refitJobs[i]
                return try training.train(objective, train: rows.matrix(h, rows.all(h), target), validation: nil, rounds: max(rounds, 1))
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
        let state = GBTState(
            intervalSeconds: series.interval, features: spec, horizonSteps: horizonSteps, quantiles: quantiles,
            intervalLevels: settings.intervalLevels.sorted(), refitted: settings.refit, steps: stepStates)
        let boosters = GBTLoadedBoosters(point: finalPoint, quantiles: steps.indices.map { s in
            quantiles.indices.map { finalQuantile[s * quantiles.count + $0] }
        })
        return FittedGBT(state: state, boosters: boosters, history: series)
    }
}

/// The rows of each step's training matrices: origins from `first` whose target lies in
/// the train part (t + h < trainCount), in validation (trainCount ≤ t + h < n), or in either.
struct GBTTrainingRows: Sendable {
    let builder: GBTFeatureBuilder
    let first: Int
    let trainCount: Int

    var count: Int { builder.values.count }

    func train(_ h: Int) -> Range<Int> { first..<max(first, trainCount - h) }
    func validation(_ h: Int) -> Range<Int> { max(first, trainCount - h)..<max(first, count - h) }
    func all(_ h: Int) -> Range<Int> { first..<max(first, count - h) }

    /// Features and `target` labels of `rows` for step `h`.
    func matrix(_ h: Int, _ rows: Range<Int>, _ target: GBTTarget) throws -> XGBoostMatrix {
        try XGBoostMatrix(features: builder.matrix(step: h, origins: rows), rows: rows.count, columns: builder.spec.columnCount,
                          labels: builder.targets(step: h, origins: rows, target: target))
    }
}
