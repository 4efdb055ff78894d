@testable import Forecasting
import Foundation
import Kernels
import Series
import Testing

/// Global training of `nhits` (one network across many series, `GlobalForecaster`) through
/// `NHITSTrainer.fitGlobal` and the protocol's `ModelSpec.evaluateGlobal`, as
/// `GlobalTrainingTests` does for the LSTM. Small networks on short seeded series: debug
/// builds are slow.
@Suite struct NHITSGlobalTrainingTests {
    static func settings(maxSteps: Int = 40, scaling: NHITSScaling = .robustWindow) -> NHITSSettings {
        NHITSSettings(inputSteps: 24, hiddenSize: 32, scaling: scaling,
                      training: NHITSTrainingOptions(batchSize: 32, maxSteps: maxSteps, validationInterval: 10, patience: 100, seed: 5,
                                                     members: 1))
    }

    /// GlobalTrainingTests' series (5-minute grid, levels and amplitudes differing per series).
    static func plans(_ count: Int = 3) throws -> [EvaluationPlan] {
        try (0..<count).map { try EvaluationPlan(series: GlobalTrainingTests.raw($0)) }
    }

    @Test func oneSeriesGloballyIsThePerSeriesFitBitForBit() throws {
        let plan = try Self.plans(1)[0]
        let data = Evaluator<ContinuousClock>.fitData(plan)
        let forecaster = NHITSForecaster(settings: NHITSModel.resolved(Self.settings(scaling: .robustTrain), context: ModelSpec.protocolContext(plan)))
        let single = try forecaster.fit(data)
        let global = try forecaster.fitGlobal([data])
        #expect(global.count == 1)
        #expect(global[0].state.parameters.map(\.bitPattern) == single.state.parameters.map(\.bitPattern))
        #expect(global[0].state.trainScaler == single.state.trainScaler && single.state.trainScaler != nil)
        #expect(global[0].state.training == single.state.training)
    }

    @Test func sharesWeightsAndKeepsEachSeriesOwnScale() throws {
        let plans = try Self.plans()
        let outcomes = try ModelSpec(Self.settings(scaling: .robustTrain)).evaluateGlobal(on: plans, with: Evaluator())
        #expect(outcomes.count == 3)
        let states = try outcomes.map { outcome -> NHITSState in
            guard let state = outcome.artifact.state.value as? NHITSState else { throw TestFailure("not an nhits state") }
            return state
        }
        #expect(Set(states.map { $0.parameters.map(\.bitPattern) }).count == 1, "one network for all series")
        #expect(Set(states.compactMap { $0.trainScaler?.divisor }).count == 3, "each series keeps the scaler of its own train part")
        try GlobalTrainingChecks.expectScoredAsTheArtifactsForecast(outcomes, on: plans)
    }

    @Test func noSeriesTestPartReachesTheFitButEveryTrainPartDoes() throws {
        let plans = try Self.plans()
        var changedTest = GlobalTrainingTests.raw(2), changedTrain = GlobalTrainingTests.raw(2)
        let split = plans[2].split
        for k in split.testStart..<changedTest.values.count { changedTest.values[k] += 1_000 }
        for k in 100..<200 { changedTrain.values[k] += 5 }
        let spec = ModelSpec(Self.settings())
        let a = try spec.evaluateGlobal(on: plans, with: Evaluator())
        let b = try spec.evaluateGlobal(on: [plans[0], plans[1], try EvaluationPlan(series: changedTest)], with: Evaluator())
        let c = try spec.evaluateGlobal(on: [plans[0], plans[1], try EvaluationPlan(series: changedTrain)], with: Evaluator())
        func parameters(_ outcome: ModelEvaluation) -> [Float]? { (outcome.artifact.state.value as? NHITSState)?.parameters }
        for i in 0..<2 {
            #expect(a[i].report.horizons.mapValues(\.mae) == b[i].report.horizons.mapValues(\.mae))
            #expect(a[i].paths == b[i].paths)
        }
        #expect(parameters(a[2]) != nil && parameters(a[2]) == parameters(b[2]))
        // Series 2's train part is part of the one network's training: the shared weights, and so
        // series 0's forecasts, move with it.
        #expect(parameters(a[0]) != parameters(c[0]))
        #expect(a[0].paths != c[0].paths)
    }

    /// A series whose train part holds no window of its own (n_train = 40 < L + h = 48 + 6)
    /// cannot be fitted alone, but is forecast by the network trained with another series of
    /// the same shape, better than naive on its part that no fit saw.
    @Test func aSeriesTooShortToTrainAloneIsForecastByTheNetworkOfTheOthers() throws {
        let settings = NHITSBehaviourTests.settings(maxSteps: 150)
        let long = NHITSBehaviourTests.series
        var rng = SplitMix64(seed: 8)
        let short = RegularSeries(name: "new", start: long.start, interval: long.interval,
                                  values: (0..<200).map { k in 0.45 + 0.25 * sin(2 * Double.pi * Double(k + 7) / 48) + 0.03 * rng.nextGaussian() })
        let shortData = FitData(series: short.prefix(120), trainCount: 40)
        #expect(throws: NHITSError.tooFewWindows(split: "training", got: 0, inputSteps: 48, horizonSteps: 6)) {
            try NHITSForecaster(settings: settings).fit(shortData)
        }
        let fitted = try NHITSForecaster(settings: settings).fitGlobal([FitData(series: long, trainCount: 420), shortData])
        #expect(fitted.count == 2 && fitted[1].history.count == 120)
        let origins = 120..<194
        let paths = try fitted[1].rollingForecasts(over: short, origins: origins, steps: 6)
        var model = 0.0, naive = 0.0
        for (i, path) in paths.enumerated() {
            let t = origins.lowerBound + i
            for s in 0..<6 {
                model += abs(path[s] - short.values[t + 1 + s])
                naive += abs(short.values[t] - short.values[t + 1 + s])
            }
        }
        print("nhits (global) MAE / naive MAE on the short series' unseen part: \(model / naive)")
        #expect(model < 0.7 * naive, "nhits \(model), naive \(naive)")
    }

    /// Global early stopping weighs every series by its own naive error: a series that is
    /// another one scaled by 0.1 (a tenth of the errors) counts as much as the other.
    @Test func globalEarlyStoppingIsTheMeanOfEachSeriesMAEOverItsNaiveMAE() throws {
        let settings = NHITSBehaviourTests.settings(maxSteps: 5)
        let a = NHITSBehaviourTests.series
        let b = a.with(values: a.values.map { 0.1 * $0 })
        let architecture = try settings.architecture(interval: a.interval)
        var rng = SplitMix64(seed: 1)
        let network = NHITSNetwork(architecture: architecture, rng: &rng)
        /// MAE ÷ naive MAE over series s's validation origins t = 420 … 593 − 6 and steps 1 … 6.
        func ratio(_ s: RegularSeries) throws -> Double {
            let origins = Array(420...(s.count - 7))
            let paths = try NHITSInference.outputs(networks: [network], scaling: settings.scaling, trainScaler: nil,
                                                   series: s, origins: origins, steps: 6)
            var model = 0.0, naive = 0.0
            for (path, t) in zip(paths, origins) {
                for k in 0..<6 {
                    model += abs(path[0][k] - s.values[t + 1 + k])
                    naive += abs(s.values[t] - s.values[t + 1 + k])
                }
            }
            return model / naive
        }
        let pair = try NHITSSampleSet(series: [a, b], trainCounts: [420, 420], settings: settings, architecture: architecture)
        let criterion = try NHITSTrainer.validationError(network: network, settings: settings, samples: pair, series: [a, b], steps: 6)
        let (ra, rb) = (try ratio(a), try ratio(b))
        #expect(abs(criterion - (ra + rb) / 2) < 1e-9 * criterion, "criterion \(criterion), ratios \(ra) \(rb)")
        #expect(abs(ra - rb) < 1e-3 * ra, "robust window scaling makes the two series alike: \(ra) vs \(rb)")
        // One series alone: its plain validation MAE (model units), as before global training.
        let single = try NHITSSampleSet(series: [a], trainCounts: [420], settings: settings, architecture: architecture)
        let alone = try NHITSTrainer.validationError(network: network, settings: settings, samples: single, series: [a], steps: 6)
        #expect(abs(alone - ra * single.naiveValidationMAE[0]) < 1e-9 * alone)
    }

    @Test func seriesOnDifferentGridsAreRefused() throws {
        let a = NHITSBehaviourTests.series
        let b = RegularSeries(name: "b", start: a.start, interval: 900, values: a.values)
        #expect(throws: NHITSError.mixedIntervals(first: 1800, series: 1, got: 900)) {
            try NHITSForecaster(settings: NHITSBehaviourTests.settings(maxSteps: 5))
                .fitGlobal([FitData(series: a, trainCount: 420), FitData(series: b, trainCount: 420)])
        }
    }
}
