import Foundation
import Testing
@testable import Pipeline

/// The TPE's settings beyond Optuna's: the bandwidth rule's clip scale and factor, l's
/// rank weights, the defaults per mode against `TPESampler.optuna`, and the search
/// quality they buy (on seeds 100–119, away from the 0–9 the benchmark's target reports).
@Suite("Sweep TPE settings")
struct SweepTPESettingsTests {
    @Test("ParzenBandwidth: Optuna's neighbour rule and clip, a lower floor with clipScale, reals narrowed by factor")
    func bandwidthRule() {
        // Sorted with the bounds: 0 | 1, 2.5, 7 | 10. Neighbour rule: 1.5 (inner neighbour,
        // an end), max(1.5, 4.5) = 4.5, 4.5 (inner neighbour, an end).
        let mus = [7.0, 1.0, 2.5]
        // Optuna: floor 10/min(100, 3 + 2) = 2.
        #expect(ParzenBandwidth.optuna.sigmas(mus, low: 0, high: 10, discrete: false) == [4.5, 2, 4.5])
        // clipScale 3: floor 10/15 ≈ 0.667, below 1.5.
        #expect(ParzenBandwidth(clipScale: 3).sigmas(mus, low: 0, high: 10, discrete: false) == [4.5, 1.5, 4.5])
        let narrowed = ParzenBandwidth(clipScale: 3, factor: 0.7).sigmas(mus, low: 0, high: 10, discrete: false)
        for (got, want) in zip(narrowed, [3.15, 1.05, 3.15]) { #expect(abs(got - want) < 1e-12, "\(narrowed)") }
        // An integer domain keeps its widths whatever the factor.
        #expect(ParzenBandwidth(clipScale: 3, factor: 0.7).sigmas(mus, low: 0, high: 10, discrete: true) == [4.5, 1.5, 4.5])
        // Never wider than the range: one observation takes max(1, 9) = 9, factor 2 → 18 → 10.
        #expect(ParzenBandwidth(factor: 2).sigmas([1], low: 0, high: 10, discrete: false) == [10])
    }

    @Test("l's rank weights: (m − r)/m for the r-th best, complete before pruned; equal weights without rankWeighting")
    func rankWeights() {
        let p = TrialParameters([("x", .double(0))])
        let trials = [
            CompletedTrial(number: 0, parameters: p, value: 5, state: .complete),
            CompletedTrial(number: 1, parameters: p, value: 0.5, state: .pruned, lastStep: 3),
            CompletedTrial(number: 2, parameters: p, value: 1, state: .complete),
            CompletedTrial(number: 3, parameters: p, value: 3, state: .complete),
        ]
        #expect(TPESampler.ranks(trials) == [2, 3, 0, 1])
        #expect(TPESampler(seed: 0).belowWeights(trials) == [0.5, 0.25, 1, 0.75])
        #expect(TPESampler.optuna(seed: 0).belowWeights(trials) == [1, 1, 1, 1])
        #expect(TPESampler(seed: 0, multivariate: false).belowWeights(trials) == [1, 1, 1, 1])
    }

    @Test("TPESampler.optuna has Optuna 5.1's settings; the defaults differ only in l's weights and widths")
    func defaultsAgainstOptuna() {
        let optuna = TPESampler.optuna(seed: 7)
        #expect(optuna.startupTrials == 10 && optuna.candidates == 24 && optuna.priorWeight == 1 && optuna.gammaFraction == 0.1)
        #expect(!optuna.rankWeighting && optuna.belowBandwidth == .optuna && optuna.aboveBandwidth == .optuna && optuna.multivariate)
        var ours = TPESampler(seed: 7)
        #expect(ours.rankWeighting && ours.belowBandwidth == ParzenBandwidth(clipScale: 3, factor: 0.7))
        ours.rankWeighting = false
        ours.belowBandwidth = .optuna
        #expect(ours == optuna)
        var univariate = TPESampler(seed: 7, multivariate: false)
        #expect(!univariate.rankWeighting && univariate.belowBandwidth == ParzenBandwidth(clipScale: 2))
        univariate.belowBandwidth = .optuna
        #expect(univariate == TPESampler.optuna(seed: 7, multivariate: false))
    }

    /// `Benchmarks/Sweep/Problems.swift`'s mixed space: f = (log10 lr + 3)² + 0.1·(layers − 3)²
    /// + {adam: 0, rmsprop: 0.2, sgd: 0.5}; minimum 0.
    static func mixed(_ p: TrialParameters) -> Double {
        let optimizer: Double = switch p["optimizer"] {
        case .string("adam"): 0
        case .string("rmsprop"): 0.2
        default: 0.5
        }
        guard case .double(let lr) = p["lr"], case .int(let layers) = p["layers"] else { return .infinity }
        return pow(log10(lr) + 3, 2) + 0.1 * pow(Double(layers - 3), 2) + optimizer
    }

    @Test("the defaults find better values than Optuna's settings (median best of seeds 100–119 × 50 trials), multivariate and univariate")
    func defaultsBeatOptunaSettings() throws {
        let branin = try SearchSpace([SearchParameter("x1", .uniform(low: -5, high: 10)), SearchParameter("x2", .uniform(low: 0, high: 15))])
        let hartmann = try SearchSpace((0..<6).map { SearchParameter("x\($0)", .uniform(low: 0, high: 1)) })
        let mixedSpace = try SearchSpace([
            SearchParameter("lr", .logUniform(low: 1e-5, high: 1e-1)), SearchParameter("layers", .int(low: 1, high: 8, log: false)),
            SearchParameter("optimizer", .choice([.string("adam"), .string("sgd"), .string("rmsprop")])),
        ])
        typealias T = SweepTPETests
        let problems: [(String, SearchSpace, (TrialParameters) -> Double)] = [
            ("branin", branin, { T.branin(T.real($0, "x1"), T.real($0, "x2")) }),
            ("hartmann6", hartmann, { p in T.hartmann6((0..<6).map { T.real(p, "x\($0)") }) }),
            ("mixed", mixedSpace, Self.mixed),
        ]
        for multivariate in [true, false] {
            for (name, space, f) in problems {
                var ours: [Double] = [], optuna: [Double] = []
                for seed in UInt64(100)..<120 {
                    ours.append(try T.best(TPESampler(seed: seed, multivariate: multivariate), space, trials: 50, f))
                    optuna.append(try T.best(TPESampler.optuna(seed: seed, multivariate: multivariate), space, trials: 50, f))
                }
                let (mine, theirs) = (T.median(ours), T.median(optuna))
                #expect(mine < theirs, "\(name), multivariate \(multivariate): defaults' median best \(mine), Optuna's settings \(theirs)")
            }
        }
    }
}
