@testable import Forecasting
import Foundation
import Kernels
import Series
import Testing

/// Global training (one model across many series, `GlobalForecaster`) through the LSTM and
/// the protocol's `ModelSpec.evaluateGlobal`. Small networks on short seeded series: debug
/// builds are slow.
@Suite struct GlobalTrainingTests {
    /// a + b·sin(2πk/48) + noise·ε_k on a 5-minute grid; series differ in level and amplitude.
    static func raw(_ index: Int, count: Int = 400, seed: UInt64 = 11) -> TimeSeries {
        var rng = SplitMix64(seed: seed &+ UInt64(index))
        let level = 10 + 15 * Double(index), amplitude = 2 + 3 * Double(index)
        let values = (0..<count).map { k in level + amplitude * sin(2 * Double.pi * Double(k) / 48) + 0.3 * rng.nextGaussian() }
        return TimeSeries(name: "s\(index)", timestamps: (0..<count).map { 1_704_067_200 + Double($0) * 300 }, values: values)
    }

    static let spec = ModelSpec(LSTMTrainingTests.configuration(epochs: 3))

    @Test func oneSeriesGloballyIsThePerSeriesFitBitForBit() throws {
        let s = LSTMTrainingTests.series()
        let data = FitData(series: s.prefix(255), trainCount: 210)
        let forecaster = LSTMForecaster(configuration: LSTMTrainingTests.configuration(epochs: 2))
        let single = try forecaster.fit(data)
        let global = try forecaster.fitGlobal([data])
        #expect(global.count == 1)
        #expect(global[0].artifact.parameters.map(\.bitPattern) == single.artifact.parameters.map(\.bitPattern))
        #expect(global[0].artifact.shrinkage == single.artifact.shrinkage)
        #expect(global[0].artifact.normalization == single.artifact.normalization)
    }

    @Test func sharesWeightsAndKeepsEachSeriesOwnScaleAndShrinkage() throws {
        let plans = try (0..<3).map { try EvaluationPlan(series: Self.raw($0)) }
        let outcomes = try Self.spec.evaluateGlobal(on: plans, with: Evaluator())
        #expect(outcomes.count == 3)
        let states = try outcomes.map { outcome -> LSTMArtifact in
            guard let state = outcome.artifact.state.value as? LSTMArtifact else { throw TestFailure("not an LSTM state") }
            return state
        }
        #expect(Set(states.map { $0.parameters.map(\.bitPattern) }).count == 1, "one network for all series")
        #expect(Set(states.map(\.normalization.scale)).count == 3, "each series keeps the scale of its own train part")
        try GlobalTrainingChecks.expectScoredAsTheArtifactsForecast(outcomes, on: plans)
    }

    @Test func noSeriesTestPartReachesTheFit() throws {
        let (a, b) = try GlobalTrainingChecks.expectNoTestPartReachesTheFit(Self.spec, series: (0..<3).map { Self.raw($0) })
        let stateA = a.artifact.state.value as? LSTMArtifact, stateB = b.artifact.state.value as? LSTMArtifact
        #expect(stateA?.parameters == stateB?.parameters)
    }

    @Test func familiesWithoutGlobalTrainingSaySoAndNameThoseWithIt() throws {
        let plans = try (0..<2).map { try EvaluationPlan(series: Self.raw($0)) }
        #expect(throws: ModelSpecError.globalTrainingNotOffered(model: "arima", offeredBy: ["lstm", "nhits", "gbt"])) {
            try ModelSpec(kind: .arima).evaluateGlobal(on: plans, with: Evaluator())
        }
        #expect(ModelKind.allCases.filter(\.offersGlobalTraining) == [.lstm, .nhits, .gbt])
    }

    @Test func seriesOnDifferentGridsAreRefused() throws {
        var other = Self.raw(1)
        other.timestamps = other.timestamps.map { ($0 - 1_704_067_200) * 2 + 1_704_067_200 }
        let plans = [try EvaluationPlan(series: Self.raw(0), horizonMinutes: [30, 60]),
                     try EvaluationPlan(series: other, horizonMinutes: [30, 60])]
        do {
            _ = try Self.spec.evaluateGlobal(on: plans, with: Evaluator())
            Issue.record("a 600 s series trained with a 300 s one")
        } catch let error as ModelSpecError {
            guard case .globalTrainingNeedsOneGrid(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains("series 1 has a 600.0 s grid"))
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
