import Testing
@testable import Pipeline

/// Asynchronous successive halving against Optuna 5.1's `SuccessiveHalvingPruner` on a
/// hand-worked example.
@Suite("Sweep pruner")
struct SweepPrunerTests {
    /// Validation losses per epoch (1…4) of eight trials run one after another. Optuna
    /// 5.1.0 (min_resource 1, reduction_factor 3, min_early_stopping_rate 0, report then
    /// should_prune after every epoch) prunes trials 2 and 3 at epoch 1, 4 at epoch 3 and 6
    /// (NaN) at epoch 1. By hand, rungs at epochs 1, 3, 9:
    /// - trial 2, epoch 1: rung 0 holds 0.9, 0.5, 0.95 → ⌊3/3⌋ − 1 = 0 → cutoff 0.5 < 0.95;
    /// - trial 3, epoch 1: 0.9, 0.5, 0.95, 0.6 → index 0 → cutoff 0.5 < 0.6;
    /// - trial 4 passes rung 0 (0.3 is the best), then at epoch 3 rung 1 holds 0.7, 0.4,
    ///   0.45 → index 0 → cutoff 0.4 < 0.45;
    /// - trial 5, epoch 1: six values → index 1 → cutoff 0.4 = 0.4, promoted; epoch 3:
    ///   0.7, 0.4, 0.45, 0.35 → cutoff 0.35, promoted.
    static let curves: [[Double]] = [
        [0.9, 0.8, 0.7, 0.6],
        [0.5, 0.45, 0.4, 0.35],
        [0.95, 0.9, 0.85, 0.8],
        [0.6, 0.55, 0.5, 0.45],
        [0.3, 0.35, 0.45, 0.4],
        [0.4, 0.38, 0.35, 0.3],
        [.nan, 0.1, 0.1, 0.1],
        [0.2, 0.2, 0.3, 0.3],
    ]

    @Test("prunes exactly the trials Optuna prunes, at the same epochs")
    func handWorkedExample() throws {
        let pruner = try SuccessiveHalvingPruner()
        var finished: [[Int: Double]] = []
        var prunedAt: [Int: Int] = [:]
        var decisions: [String] = []
        for (trial, curve) in Self.curves.enumerated() {
            var reported: [Int: Double] = [:]
            for (i, value) in curve.enumerated() {
                let step = i + 1
                reported[step] = value
                let decision = pruner.shouldPrune(trialNumber: trial, step: step, value: value, intermediateValuesOfOtherTrials: finished)
                if decision.prune {
                    prunedAt[trial] = step
                    decisions.append(decision.reason)
                    break
                }
            }
            finished.append(reported)
        }
        #expect(prunedAt == [2: 1, 3: 1, 4: 3, 6: 1])
        #expect(decisions == [
            "trial 2 rung 0 (step 1): value 0.95 > cutoff 0.5 (the 1st best of 3 values at this rung, η = 3)",
            "trial 3 rung 0 (step 1): value 0.6 > cutoff 0.5 (the 1st best of 4 values at this rung, η = 3)",
            "trial 4 rung 1 (step 3): value 0.45 > cutoff 0.4 (the 1st best of 3 values at this rung, η = 3)",
            "trial 6 rung 0 (step 1): the value is NaN",
        ])
    }

    @Test("rung steps, a step between rungs, and a step that reaches two rungs at once")
    func rungs() throws {
        let pruner = try SuccessiveHalvingPruner(minResource: 2, reductionFactor: 3)
        #expect([0, 1, 2].map(pruner.rungStep) == [2, 6, 18])
        let between = pruner.shouldPrune(trialNumber: 0, step: 4, value: 1, intermediateValuesOfOtherTrials: [])
        #expect(!between.prune && between.rung == nil)
        #expect(between.reason == "trial 0 step 4: no rung reached; rung 1 is at step 6")
        // Reported only at step 6: judged at rung 0 (others 0.1, 0.2 → cutoff 0.1) first.
        let others: [[Int: Double]] = [[2: 0.1, 6: 0.1], [2: 0.2, 6: 0.3]]
        let jump = pruner.shouldPrune(trialNumber: 2, step: 6, value: 0.15, intermediateValuesOfOtherTrials: others, previousStep: 0)
        #expect(jump.prune && jump.rung == 0 && jump.cutoff == 0.1)
        let best = pruner.shouldPrune(trialNumber: 2, step: 6, value: 0.05, intermediateValuesOfOtherTrials: others, previousStep: 0)
        #expect(!best.prune && best.rung == 1 && best.cutoff == 0.05)
        #expect(throws: PrunerError.reductionFactor(1)) { try SuccessiveHalvingPruner(reductionFactor: 1) }
    }
}
