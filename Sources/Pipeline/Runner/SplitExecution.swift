/// `kind: split` and `kind: window`: the series with the fractions, then the window the
/// learnt models use. Both only record settings; the protocol applies them when a model
/// is fitted and scored (docs/EVALUATION.md §3, `TrainExecution`).
enum SplitExecution {
    static func run(_ stage: SplitStage, _ input: StageInput) throws -> StageResult {
        let all = input.products(\.seriesList).flatMap(\.value)
        guard all.count == 1, let series = all.first else {
            throw PipelineRunError.notOneSeries(stage: input.stage.id, names: all.map(\.name))
        }
        return StageResult(product: .split(SplitProduct(series: series, train: stage.train, validation: stage.validation, test: stage.test)))
    }

    static func run(_ stage: WindowStage, _ input: StageInput) throws -> StageResult {
        let splits = input.products { product -> SplitProduct? in
            if case .split(let split) = product { return split }
            return nil
        }
        guard splits.count == 1, let split = splits.first?.value else {
            throw PipelineRunError.wrongInputCount(stage: input.stage.id, expected: "one split", found: splits.count)
        }
        return StageResult(product: .windows(WindowProduct(split: split, windowSize: stage.windowSize, horizons: stage.horizons, stride: stage.stride)))
    }
}
