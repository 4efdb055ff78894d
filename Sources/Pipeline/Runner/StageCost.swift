import Forecasting

/// Which ready stage the runner starts first. With `--jobs 2` and stages of very different
/// lengths, plan order can leave the longest fit for last, alone on one core while the other
/// idles; starting the longest expected stage first (the LPT rule) keeps both busy to the end.
///
/// Expected cost is a rank, not seconds: a sweep (many fits) > LSTM > Prophet family >
/// AutoARIMA > ARIMA > the baselines > every other kind (ingest, preprocess, split, select,
/// register, report: milliseconds). An `evaluate` or `backtest` stage costs what the train
/// stage it reads costs (it replays that model's rolling forecasts). The thread-demand rule is unchanged: a
/// stage starts only when its demand fits in the free threads.
enum StageCost {
    /// The rank of each stage of `plan`, in plan order.
    static func expected(_ plan: PipelinePlan) -> [Int] {
        let index = Dictionary(uniqueKeysWithValues: plan.stages.enumerated().map { ($1.id, $0) })
        var costs = plan.stages.map(ownCost)
        for (i, stage) in plan.stages.enumerated() where stage.kind == .evaluate || stage.kind == .backtest {
            costs[i] = stage.inputs.compactMap { index[$0].map { costs[$0] } }.max() ?? 0
        }
        return costs
    }

    /// `ready` (indices into the plan) ordered costliest first; equal costs keep plan order.
    static func launchOrder(_ ready: [Int], costs: [Int]) -> [Int] {
        ready.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
    }

    static func ownCost(_ stage: PlannedStage) -> Int {
        guard case .train(let train) = stage.section else { return 0 }
        if train.sweep != nil { return 7 }
        return modelCost(train.model.kind)
    }

    static func modelCost(_ kind: ModelKind) -> Int {
        switch kind {
        case .lstm, .nhits: 6
        // Each member twice (train-only and protocol fits), two at a time.
        case .ensemble: 5
        case .gbt: 5
        case .prophet, .prophetAR: 5
        case .autoarima, .autoarimaDaily: 4
        case .arima: 3
        case .snaive: 2
        case .naive: 1
        }
    }
}
