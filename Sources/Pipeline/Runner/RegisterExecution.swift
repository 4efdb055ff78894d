import Tracking

/// `kind: register`: the selected run's `model.json` becomes a new version of `model` and
/// `alias` moves to it, in one transaction (`Tracker.promote`, as `runs promote`).
enum RegisterExecution {
    static func run(_ stage: RegisterStage, _ input: StageInput) throws -> StageResult {
        let selections = input.products { product -> SelectProduct? in
            if case .selection(let selection) = product { return selection }
            return nil
        }
        guard selections.count == 1, let selection = selections.first?.value else {
            throw PipelineRunError.wrongInputCount(stage: input.stage.id, expected: "one selection", found: selections.count)
        }
        let reason = stage.reason ?? "\(selection.objective) = \(selection.value) in pipeline \(input.tracking.pipeline)"
        let promotion = try input.tracking.tracker.promote(
            run: selection.run, model: stage.model, artifact: "model.json", alias: stage.alias, reason: reason)
        return StageResult(product: .registered(RegisterProduct(
            run: selection.run, model: promotion.model, version: promotion.version, alias: promotion.alias)))
    }
}
