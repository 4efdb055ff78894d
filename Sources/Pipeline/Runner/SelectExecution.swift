import Tracking

/// `kind: select`: the best evaluated run by a validation metric (`best: min
/// metrics.val_mase_15m`), among those that pass `filter` (read through the tracker,
/// in the `runs list --filter` language). A run without a finite value of the metric is
/// not a candidate.
enum SelectExecution {
    static func run(_ stage: SelectStage, _ input: StageInput) throws -> StageResult {
        var candidates = merged(input.products { product -> EvaluateProduct? in
            if case .evaluated(let evaluated) = product { return evaluated }
            return nil
        }.map(\.value))
        if let filter = stage.filter, !candidates.isEmpty {
            let ids = candidates.map { "'\($0.run.rawValue)'" }.joined(separator: ", ")
            let found = try input.tracking.tracker.searchRuns(RunSearch(filter: "(\(filter)) and attributes.id in (\(ids))"))
            let passing = Set(found.runs.map(\.id))
            candidates = candidates.filter { passing.contains($0.run) }
        }
        let metric = stage.objective.metric
        let scored = candidates.compactMap { c -> (EvaluateProduct, Double)? in
            guard let value = c.metrics[metric], value.isFinite else { return nil }
            return (c, value)
        }
        let ranked = scored.sorted { a, b in
            stage.objective.direction == .min ? a.1 < b.1 : a.1 > b.1
        }
        guard let best = ranked.first else {
            let known = Set(candidates.flatMap(\.metrics.keys)).filter { $0.hasPrefix("val_") }.sorted()
            throw PipelineRunError.noCandidate(stage: input.stage.id, objective: stage.objective.description,
                                               candidates: candidates.count, knownMetrics: known)
        }
        return StageResult(product: .selection(SelectProduct(
            run: best.0.run, model: best.0.model, series: best.0.series, metric: best.0.metric,
            objective: stage.objective.description, value: best.1,
            ranking: ranked.map { SelectProduct.Candidate(run: $0.0.run, model: $0.0.model, value: $0.1) })))
    }

    /// One candidate per run, in first-seen order: an `evaluate` and a `backtest` of the same
    /// model both need-ed by `select` give one run with both stages' metrics.
    static func merged(_ products: [EvaluateProduct]) -> [EvaluateProduct] {
        var order: [RunID] = []
        var byRun: [RunID: EvaluateProduct] = [:]
        for product in products {
            if var seen = byRun[product.run] {
                seen.metrics.merge(product.metrics) { first, _ in first }
                byRun[product.run] = seen
            } else {
                order.append(product.run)
                byRun[product.run] = product
            }
        }
        return order.compactMap { byRun[$0] }
    }
}
