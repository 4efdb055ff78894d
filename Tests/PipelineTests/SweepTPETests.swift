import Foundation
import Testing
@testable import Pipeline

/// The TPE sampler: its Parzen estimators against Optuna 5.1's `_ParzenEstimator`, the
/// split of the history, and search quality against random search.
@Suite("Sweep TPE")
struct SweepTPETests {
    /// log densities printed by Optuna 5.1.0 (`_ParzenEstimator` with prior weight 1,
    /// magic clip, no endpoints, default weights) for the same observations and points.
    struct DensityCase: Sendable, CustomTestStringConvertible {
        let domain: SearchDomain
        let observations: [Double]
        let points: [Double]
        let expected: [Double]
        var testDescription: String { domain.description }
    }

    static let densityCases: [DensityCase] = [
        DensityCase(domain: .uniform(low: 0, high: 10), observations: [1.0, 2.5, 7.0], points: [0.5, 3.0, 9.9],
                    expected: [-2.0018712285608546, -2.0857662506364325, -2.8483384671766494]),
        DensityCase(domain: .logUniform(low: 1e-4, high: 1e-1), observations: [1e-3, 2e-3, 5e-2], points: [1e-4, 3e-3, 0.09],
                    expected: [-2.4189105256823233, -1.7484718788872784, -2.2064169028923324]),
        DensityCase(domain: .int(low: 1, high: 10, log: false), observations: [2, 3, 9], points: [1, 3, 10],
                    expected: [-2.108713759199237, -2.0330226047608724, -2.65687527422421]),
        DensityCase(domain: .int(low: 16, high: 256, log: true), observations: [16, 64, 100], points: [16, 70, 256],
                    expected: [-3.9947469824253092, -5.084774855666056, -7.1001318284295225]),
        DensityCase(domain: .choice([.string("a"), .string("b"), .string("c")]), observations: [0, 2, 2], points: [0, 1, 2],
                    expected: [-1.0986122886681098, -1.6582280766035324, -0.7419373447293772]),
        DensityCase(domain: .uniform(low: 0, high: 10), observations: [], points: [5.0], expected: [-2.261607292503096]),
        DensityCase(domain: .uniform(low: 0, high: 1), observations: (0..<30).map { 0.01 + 0.98 * Double($0) / 29 },
                    points: [0.3], expected: [0.06860211729543919]),
    ]

    @Test("Parzen estimator densities equal Optuna's", arguments: densityCases)
    func parzenMatchesOptuna(_ c: DensityCase) {
        let (domain, observations, points, expected) = (c.domain, c.observations, c.points, c.expected)
        let scale = ParameterScale(domain)
        let isContinuous = domain.isContinuous
        // Internal coordinates: log on a log scale (reals and integers alike).
        let internalObservations = scale.isLog ? observations.map { log($0) } : observations
        let estimator = ParzenEstimator(observations: internalObservations, observationWeights: TPESampler.weights(observations.count), domain: domain)
        for (x, want) in zip(points, expected) {
            let got = estimator.logPDF(isContinuous && scale.isLog ? log(x) : x)
            #expect(abs(got - want) < 1e-9, "log p(\(x)) = \(got), Optuna \(want)")
        }
    }

    @Test("γ, the weights and the split follow Optuna (pruned after complete, deepest first)")
    func splitAndWeights() {
        #expect([0, 1, 10, 11, 50, 250, 251, 1000].map(TPESampler.gamma) == [0, 1, 1, 2, 5, 25, 25, 25])
        #expect(TPESampler.weights(3) == [1, 1, 1])
        let w = TPESampler.weights(30)
        #expect(w.count == 30 && abs(w[0] - 1.0 / 30) < 1e-15 && w[4] == 1 && w[5] == 1 && w[29] == 1)
        let p = TrialParameters([("x", .double(0))])
        let trials = [
            CompletedTrial(number: 0, parameters: p, value: 5, state: .complete),
            CompletedTrial(number: 1, parameters: p, value: 0.1, state: .pruned, lastStep: 2),
            CompletedTrial(number: 2, parameters: p, value: 3, state: .complete),
            CompletedTrial(number: 3, parameters: p, value: 0.9, state: .pruned, lastStep: 5),
            CompletedTrial(number: 4, parameters: p, value: nil, state: .failed),
            CompletedTrial(number: 5, parameters: p, value: nil, state: .pruned),
        ]
        let observed = TPESampler.observed(trials)
        #expect(observed.map(\.number) == [0, 1, 2, 3, 5])
        let (below, above) = TPESampler.split(observed, below: 3)
        // complete 2 (3), 0 (5), then the pruned at step 5 before the one at step 2.
        #expect(below.map(\.number) == [0, 2, 3])
        #expect(above.map(\.number) == [1, 5])
    }

    static func branin(_ x1: Double, _ x2: Double) -> Double {
        let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
        let u = x2 - b * x1 * x1 + c * x1 - 6
        return u * u + 10 * (1 - t) * cos(x1) + 10
    }

    /// The best value after `trials` trials of `sampler` on `f`.
    static func best(_ sampler: any SweepSampler, _ space: SearchSpace, trials: Int, _ f: (TrialParameters) -> Double) throws -> Double {
        var history: [CompletedTrial] = []
        for k in 0..<trials {
            let p = try sampler.suggest(space: space, history: history, trialNumber: k)
            history.append(CompletedTrial(number: k, parameters: p, value: f(p), state: .complete))
        }
        return history.compactMap(\.value).min() ?? .infinity
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func real(_ p: TrialParameters, _ name: String) -> Double {
        if case .double(let v) = p[name] { return v }
        return .nan
    }

    @Test("TPE beats random search on Branin and a 1-D quadratic (median best of 10 seeds × 50 trials)")
    func tpeBeatsRandom() throws {
        let branin = try SearchSpace([SearchParameter("x1", .uniform(low: -5, high: 10)), SearchParameter("x2", .uniform(low: 0, high: 15))])
        let quadratic = try SearchSpace([SearchParameter("x", .uniform(low: -10, high: 10))])
        let problems: [(String, SearchSpace, (TrialParameters) -> Double)] = [
            ("branin", branin, { Self.branin(Self.real($0, "x1"), Self.real($0, "x2")) }),
            ("quadratic", quadratic, { pow(Self.real($0, "x") - 2, 2) }),
        ]
        for (name, space, f) in problems {
            var tpe: [Double] = [], random: [Double] = []
            for seed in UInt64(0)..<10 {
                tpe.append(try Self.best(TPESampler(seed: seed), space, trials: 50, f))
                random.append(try Self.best(RandomSampler(seed: seed), space, trials: 50, f))
            }
            let (t, r) = (Self.median(tpe), Self.median(random))
            #expect(t < r, "\(name): TPE median best \(t), random \(r)")
            #expect(t < (name == "branin" ? 0.9 : 0.01), "\(name): TPE median best \(t)")
        }
    }

    @Test("TPE draws stay in their domains on a mixed space, and use the history")
    func tpeMixedSpace() throws {
        let space = SweepSamplerTests.mixed
        let sampler = TPESampler(seed: 5)
        var history: [CompletedTrial] = []
        for k in 0..<30 {
            let p = try sampler.suggest(space: space, history: history, trialNumber: k)
            guard case .double(let lr) = p["training.learning_rate"], case .int(let layers) = p["model.num_layers"],
                  case .int(let window) = p["data.window_size"], case .double(let dropout) = p["model.dropout"] else {
                Issue.record("unexpected types in \(p)")
                return
            }
            #expect(lr >= 1e-4 && lr <= 1e-2 && (1...3).contains(layers) && (60...480).contains(window) && dropout >= 0 && dropout <= 0.5)
            // Best with 128 units, the largest rate, one layer.
            let size: Double = p["model.hidden_size"] == .int(128) ? 0 : 1
            let value = size + abs(log10(lr) + 2) + Double(layers - 1) + dropout
            history.append(CompletedTrial(number: k, parameters: p, value: value, state: .complete))
        }
        let late = history.suffix(20).filter { $0.parameters["model.hidden_size"] == .int(128) }.count
        #expect(late >= 10, "TPE chose 128 units in \(late) of the last 20 trials")
    }
}
