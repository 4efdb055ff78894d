/// Whether to stop a trial after a step, and why (for the run's record).
public struct PruneDecision: Sendable, Hashable, CustomStringConvertible {
    public var prune: Bool
    /// The last rung judged at this step; nil when the step reached no new rung.
    public var rung: Int?
    /// The value the trial had to beat (be ≤) at that rung.
    public var cutoff: Double?
    public var reason: String

    public init(prune: Bool, rung: Int?, cutoff: Double?, reason: String) {
        self.prune = prune
        self.rung = rung
        self.cutoff = cutoff
        self.reason = reason
    }

    public var description: String { (prune ? "prune: " : "continue: ") + reason }
}

/// Why a pruner's settings are unusable.
public enum PrunerError: Error, Sendable, Hashable, CustomStringConvertible {
    case minResource(Int)
    case reductionFactor(Int)
    case minEarlyStoppingRate(Int)

    public var description: String {
        switch self {
        case .minResource(let v): "min_epochs \(v) is out of range; use at least 1 epoch"
        case .reductionFactor(let v): "reduction_factor \(v) is out of range; use 2 or more (3 keeps the best third)"
        case .minEarlyStoppingRate(let v): "min_early_stopping_rate \(v) is out of range; use 0 or more"
        }
    }
}

/// Asynchronous successive halving (ASHA, Li et al. 2020) with Optuna's
/// `SuccessiveHalvingPruner` rule, as a pure function of what the registry holds.
///
/// Rung r is reached at step s_r = r_min · η^(s + r) (r_min = `minResource` epochs,
/// η = `reductionFactor`, s = `minEarlyStoppingRate`). When a trial reports value v at a
/// step that reaches rung r, v is compared with the rung-r values of the other trials,
/// V_r (each trial's value at its first reported step ≥ s_r, NaN values left out), plus v
/// itself: with the m = |V_r| + 1 values sorted ascending, the trial is promoted when
/// v ≤ the value at index ⌊m/η⌋ − 1 (index 0 when that is −1, so that the first η − 1
/// trials to reach a rung are promoted only when they are the best so far), and pruned
/// otherwise. A NaN value at a rung is pruned. A step that reaches several rungs at once
/// is judged at each in turn. Values are minimised (the caller negates a `max` objective).
///
/// The trial's earlier rungs are those with s_r ≤ `previousStep` (default step − 1, i.e.
/// the caller asks after every epoch); this matches Optuna's record of completed rungs
/// when every trial reports every epoch, which the LSTM's per-epoch validation does.
public struct SuccessiveHalvingPruner: Sendable, Hashable, Codable {
    public let minResource: Int
    public let reductionFactor: Int
    public let minEarlyStoppingRate: Int

    public init(minResource: Int = 1, reductionFactor: Int = 3, minEarlyStoppingRate: Int = 0) throws(PrunerError) {
        guard minResource >= 1 else { throw .minResource(minResource) }
        guard reductionFactor >= 2 else { throw .reductionFactor(reductionFactor) }
        guard minEarlyStoppingRate >= 0 else { throw .minEarlyStoppingRate(minEarlyStoppingRate) }
        self.minResource = minResource
        self.reductionFactor = reductionFactor
        self.minEarlyStoppingRate = minEarlyStoppingRate
    }

    /// s_r, the step at which rung r is reached (saturating at Int.max).
    public func rungStep(_ rung: Int) -> Int {
        var step = minResource
        for _ in 0..<(minEarlyStoppingRate + rung) {
            let (next, overflow) = step.multipliedReportingOverflow(by: reductionFactor)
            if overflow { return .max }
            step = next
        }
        return step
    }

    /// Whether trial `trialNumber`, which reported `value` at `step`, should stop.
    /// `intermediateValuesOfOtherTrials` holds every other trial's step → value (running,
    /// complete or pruned); `previousStep` is the trial's previous reported step.
    public func shouldPrune(
        trialNumber: Int, step: Int, value: Double,
        intermediateValuesOfOtherTrials others: [[Int: Double]], previousStep: Int? = nil
    ) -> PruneDecision {
        let previous = previousStep ?? step - 1
        var rung = 0
        while rungStep(rung) <= previous { rung += 1 }
        guard rungStep(rung) <= step else {
            return PruneDecision(prune: false, rung: nil, cutoff: nil,
                                 reason: "trial \(trialNumber) step \(step): no rung reached; rung \(rung) is at step \(rungStep(rung))")
        }
        var lastCutoff: Double?
        var lastRung = rung
        while rungStep(rung) <= step {
            let at = "trial \(trialNumber) rung \(rung) (step \(rungStep(rung)))"
            guard !value.isNaN else {
                return PruneDecision(prune: true, rung: rung, cutoff: nil, reason: "\(at): the value is NaN")
            }
            var competing = others.compactMap { rungValue($0, rung: rung) } + [value]
            competing.sort()
            let index = max(competing.count / reductionFactor - 1, 0)
            let cutoff = competing[index]
            let rank = "the \(ordinal(index + 1)) best of \(competing.count) values at this rung, η = \(reductionFactor)"
            guard value <= cutoff else {
                return PruneDecision(prune: true, rung: rung, cutoff: cutoff, reason: "\(at): value \(value) > cutoff \(cutoff) (\(rank))")
            }
            (lastRung, lastCutoff) = (rung, cutoff)
            rung += 1
        }
        return PruneDecision(prune: false, rung: lastRung, cutoff: lastCutoff,
                             reason: "trial \(trialNumber) rung \(lastRung) (step \(rungStep(lastRung))): value \(value) ≤ cutoff \(lastCutoff ?? value), promoted")
    }

    /// A trial's rung-r value: its value at the first reported step ≥ s_r, unless NaN.
    func rungValue(_ values: [Int: Double], rung: Int) -> Double? {
        let target = rungStep(rung)
        guard let first = values.keys.filter({ $0 >= target }).min(), let value = values[first], !value.isNaN else { return nil }
        return value
    }

    private func ordinal(_ n: Int) -> String {
        let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
        return "\(n)\(suffix)"
    }
}
