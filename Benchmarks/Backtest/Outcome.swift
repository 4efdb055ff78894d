import Serving

/// Under-provisioned minutes and slack replica-hours of one strategy on one part of a trace.
struct Cost {
    var under = 0.0
    var slack = 0.0

    static func + (a: Cost, b: Cost) -> Cost { Cost(under: a.under + b.under, slack: a.slack + b.slack) }
}

/// One strategy's cost on a trace's two parts: `tune` (the first `fraction` of its evaluated
/// steps, where choices are made) and `report` (the rest, where they are reported).
struct SplitCost {
    var tune: Cost
    var report: Cost

    init(_ result: StrategyResult, of report: BacktestReport, fraction: Double) {
        let n = report.demand.count
        let cut = min(max(Int(Double(n) * fraction), 0), n)
        func cost(_ range: Range<Int>) -> Cost {
            let part = result.part(range, demand: report.demand, c: report.capacityPerReplica, step: report.intervalSeconds)
            return Cost(under: part.underProvisionedMinutes, slack: part.slackReplicaHours)
        }
        tune = cost(0..<cut)
        self.report = cost(cut..<n)
    }
}

/// The target on one trace: at least 50 % fewer under-provisioned minutes than HPA
/// at no more slack. With HPA never short, only 0 minutes meet it.
func meetsTarget(_ predictive: Cost, hpa: Cost) -> Bool {
    reduction(predictive, hpa: hpa) >= 0.5 && predictive.slack <= hpa.slack
}

/// 1 − predictive / HPA under-provisioned minutes (1 when both are 0, −1 when only HPA's is).
func reduction(_ predictive: Cost, hpa: Cost) -> Double {
    hpa.under > 0 ? 1 - predictive.under / hpa.under : (predictive.under == 0 ? 1 : -1)
}
