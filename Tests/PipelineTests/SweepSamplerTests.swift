import Foundation
import Testing
@testable import Pipeline

/// Search spaces, trial parameters and the grid and random samplers.
@Suite("Sweep samplers")
struct SweepSamplerTests {
    static let mixed = try! SearchSpace([
        SearchParameter("model.hidden_size", .choice([.int(32), .int(64), .int(128)])),
        SearchParameter("training.learning_rate", .logUniform(low: 1e-4, high: 1e-2)),
        SearchParameter("model.dropout", .uniform(low: 0, high: 0.5)),
        SearchParameter("model.num_layers", .int(low: 1, high: 3, log: false)),
        SearchParameter("data.window_size", .int(low: 60, high: 480, log: true)),
        SearchParameter("training.optimizer", .choice([.string("adam"), .string("sgd")])),
    ])

    /// A made-up history of `count` complete trials drawn by `sampler`.
    static func history(_ sampler: any SweepSampler, count: Int, space: SearchSpace = mixed) throws -> [CompletedTrial] {
        var trials: [CompletedTrial] = []
        for k in 0..<count {
            let p = try sampler.suggest(space: space, history: trials, trialNumber: k)
            trials.append(CompletedTrial(number: k, parameters: p, value: Double((k * 7919) % 13), state: .complete))
        }
        return trials
    }

    @Test("the same seed and history give the same suggestions; another seed differs")
    func reproducible() throws {
        let samplers: [(any SweepSampler, any SweepSampler)] = [
            (RandomSampler(seed: 1), RandomSampler(seed: 2)),
            (TPESampler(seed: 1), TPESampler(seed: 2)),
            (TPESampler(seed: 1, multivariate: false), TPESampler(seed: 2, multivariate: false)),
        ]
        for (a, b) in samplers {
            let history = try Self.history(a, count: 15)
            for k in [0, 3, 15, 16] {
                let first = try a.suggest(space: Self.mixed, history: Array(history.prefix(min(k, 15))), trialNumber: k)
                let again = try a.suggest(space: Self.mixed, history: Array(history.prefix(min(k, 15))), trialNumber: k)
                #expect(first == again)
                #expect(first.canonicalJSON == again.canonicalJSON)
                #expect(first != (try b.suggest(space: Self.mixed, history: Array(history.prefix(min(k, 15))), trialNumber: k)))
            }
            // Trial k does not depend on what ran before it (with no history, any order).
            let direct = try a.suggest(space: Self.mixed, history: [], trialNumber: 7)
            for k in 0..<7 { _ = try a.suggest(space: Self.mixed, history: [], trialNumber: k) }
            #expect(direct == (try a.suggest(space: Self.mixed, history: [], trialNumber: 7)))
        }
        let grid = try Self.gridSpace()
        #expect(try GridSampler(seed: 1).suggest(space: grid, history: [], trialNumber: 4)
                == GridSampler(seed: 1).suggest(space: grid, history: [], trialNumber: 4))
        #expect(try GridSampler(seed: 1).permutation(24) != GridSampler(seed: 2).permutation(24))
    }

    static func gridSpace() throws -> SearchSpace {
        try SearchSpace([
            SearchParameter("model.hidden_size", .choice([.int(32), .int(64)])),
            SearchParameter("training.learning_rate", .logUniform(low: 1e-4, high: 1e-2), gridPoints: 3),
            SearchParameter("model.num_layers", .int(low: 1, high: 4, log: false)),
        ])
    }

    @Test("grid search visits every point exactly once, then stops")
    func gridCoversEveryPoint() throws {
        let space = try Self.gridSpace()
        #expect(try GridSampler.total(of: space) == 24)
        let sampler = GridSampler(seed: 3)
        var seen = Set<TrialParameters>()
        for k in 0..<24 { seen.insert(try sampler.suggest(space: space, history: [], trialNumber: k)) }
        #expect(seen.count == 24)
        let rates = Set(seen.compactMap { $0["training.learning_rate"] })
        #expect(rates == [.double(1e-4), .double(1e-2), .double(exp((log(1e-4) + log(1e-2)) / 2))])
        #expect(Set(seen.compactMap { $0["model.num_layers"] }) == [.int(1), .int(2), .int(3), .int(4)])
        #expect(throws: SamplerError.gridExhausted(trialNumber: 24, total: 24)) {
            try sampler.suggest(space: space, history: [], trialNumber: 24)
        }
        let spec = SweepSpec(method: .grid, seed: 3, space: space, budget: SweepBudget(trials: 100),
                             objective: try SweepObjective(parsing: "min metrics.val_mae_15m"))
        #expect(try spec.maximumTrials() == 24)
    }

    @Test("grid search refuses a continuous parameter without a grid count, naming it")
    func gridRefusesContinuous() throws {
        let space = try SearchSpace([SearchParameter("model.dropout", .uniform(low: 0, high: 0.5))])
        #expect(throws: SamplerError.continuousWithoutGrid(parameter: "model.dropout", domain: "{uniform: [0.0, 0.5]}")) {
            try GridSampler(seed: 0).suggest(space: space, history: [], trialNumber: 0)
        }
        #expect(SamplerError.continuousWithoutGrid(parameter: "model.dropout", domain: "{uniform: [0.0, 0.5]}").description
                == "grid search needs a finite set of values, but `model.dropout` is {uniform: [0.0, 0.5]}; add `grid: N` (N evenly spaced values) or list the values")
    }

    @Test("random draws stay in range, and log-uniform is uniform in log space")
    func randomRangeAndLogUniform() throws {
        let sampler = RandomSampler(seed: 11)
        var logs: [Double] = []
        var layers: [Int: Int] = [:]
        let n = 4000
        for k in 0..<n {
            let p = try sampler.suggest(space: Self.mixed, history: [], trialNumber: k)
            guard case .double(let lr) = p["training.learning_rate"], case .double(let dropout) = p["model.dropout"],
                  case .int(let layer) = p["model.num_layers"], case .int(let window) = p["data.window_size"],
                  let size = p["model.hidden_size"], let optimizer = p["training.optimizer"] else {
                Issue.record("unexpected types in \(p)")
                return
            }
            #expect(lr >= 1e-4 && lr <= 1e-2)
            #expect(dropout >= 0 && dropout <= 0.5)
            #expect((1...3).contains(layer) && (60...480).contains(window))
            #expect([ParamValue.int(32), .int(64), .int(128)].contains(size))
            #expect([ParamValue.string("adam"), .string("sgd")].contains(optimizer))
            logs.append((log(lr) - log(1e-4)) / (log(1e-2) - log(1e-4)))
            layers[layer, default: 0] += 1
        }
        // Kolmogorov–Smirnov distance of the log-scaled draws from U[0, 1]; the 1 % critical
        // value for n = 4000 is 1.63/√n ≈ 0.026.
        logs.sort()
        var ks = 0.0
        for (i, u) in logs.enumerated() {
            let above: Double = abs(Double(i + 1) / Double(n) - u)
            let below: Double = abs(u - Double(i) / Double(n))
            ks = max(ks, above, below)
        }
        #expect(ks < 0.026)
        // Every integer about equally often (expected n/3 each, ±5 σ).
        for count in layers.values { #expect(abs(Double(count) - Double(n) / 3) < 5 * (Double(n) * 2 / 9).squareRoot()) }
    }

    @Test("trial parameters: canonical JSON with sorted keys, read back exactly; Codable")
    func canonicalJSON() throws {
        let p = TrialParameters([("training.learning_rate", .double(0.001)), ("model.hidden_size", .int(64)),
                                 ("model.dropout", .double(1.0)), ("training.optimizer", .string("a\"b")), ("model.bidirectional", .bool(true))])
        #expect(p.canonicalJSON == #"{"model.bidirectional":true,"model.dropout":1.0,"model.hidden_size":64,"training.learning_rate":0.001,"training.optimizer":"a\"b"}"#)
        let back = try TrialParameters(canonicalJSON: p.canonicalJSON)
        #expect(back == p)
        #expect(back["model.dropout"] == .double(1.0))
        #expect(back.canonicalJSON == p.canonicalJSON)
        #expect(TrialParameters([("b", .int(1)), ("a", .int(2))]) == TrialParameters([("a", .int(2)), ("b", .int(1))]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let q = TrialParameters([("b", .double(0.5)), ("a", .string("x"))])
        #expect(try JSONDecoder().decode(TrialParameters.self, from: encoder.encode(q)) == q)
        #expect(throws: TrialParametersError.duplicateName("a")) { try TrialParameters(canonicalJSON: #"{"a":1,"a":2}"#) }
        #expect(throws: TrialParametersError.invalidJSON(problem: "expected }", offset: 6)) { try TrialParameters(canonicalJSON: #"{"a":1"#) }
    }

    @Test("search spaces refuse bad domains with the offending value")
    func searchSpaceErrors() {
        #expect(throws: SearchSpaceError.nonPositiveLogBound(parameter: "lr", low: "0.0")) {
            try SearchSpace([SearchParameter("lr", .logUniform(low: 0, high: 1))])
        }
        #expect(throws: SearchSpaceError.emptyRange(parameter: "n", low: "3", high: "1")) {
            try SearchSpace([SearchParameter("n", .int(low: 3, high: 1, log: false))])
        }
        #expect(throws: SearchSpaceError.repeatedChoice(parameter: "c", value: .int(1))) {
            try SearchSpace([SearchParameter("c", .choice([.int(1), .int(1)]))])
        }
        #expect(throws: SearchSpaceError.duplicateName("c")) {
            try SearchSpace([SearchParameter("c", .choice([.int(1)])), SearchParameter("c", .choice([.int(2)]))])
        }
    }

    @Test("objectives reuse the select stage's rule; max is negated")
    func objective() throws {
        let max = try SweepObjective(parsing: "max metrics.val_r2_15m")
        #expect(max.minimised(0.8) == -0.8)
        #expect(try SweepObjective(parsing: "min metrics.val_mae_15m").minimised(0.2) == 0.2)
        #expect(throws: SweepObjectiveError(text: "min metrics.mae_15m", reason: "selection reads validation metrics so that the test part stays an honest estimate; write metrics.val_mae_15m")) {
            try SweepObjective(parsing: "min metrics.mae_15m")
        }
        let budget = SweepBudget(trials: 5, seconds: 60)
        #expect(budget.allowsTrial(started: 4, elapsedSeconds: 10))
        #expect(!budget.allowsTrial(started: 5, elapsedSeconds: 10))
        #expect(!budget.allowsTrial(started: 1, elapsedSeconds: 60))
        #expect(!SweepBudget(seconds: 60).allowsTrial(started: 3, elapsedSeconds: 0, gridTotal: 3))
    }
}
