import Series

/// `kind: preprocess`: the series of one metric (and container) from the ingested ones,
/// turned into its per-second rate when the metric's preprocessing says its input is a
/// counter (`CounterRate`, as `autoscale evaluate --config` scores it). Clipping, scaling
/// and log1p are model-input transforms the protocol does not apply to the scored series
/// (docs/EVALUATION.md); the spec travels with the series.
enum PreprocessExecution {
    static func run(_ stage: PreprocessStage, _ input: StageInput) throws -> StageResult {
        let all = input.products(\.seriesList).flatMap(\.value)
        let chosen = try choose(stage, from: all, stage: input.stage.id)
        var series = chosen.timeSeries
        if stage.preprocessing.input == .counter {
            series = try CounterRate.rates(of: series).series
        }
        return StageResult(product: .series([StoredSeries(
            series, container: chosen.container, metric: stage.metric.rawValue, preprocessing: stage.preprocessing)]))
    }

    /// The one series of a single-series input, else the one of `stage.metric` (and
    /// `stage.container`, needed when several containers have the metric).
    static func choose(_ stage: PreprocessStage, from all: [StoredSeries], stage id: String) throws -> StoredSeries {
        if all.count == 1, let only = all.first { return only }
        let ofMetric = all.filter { $0.metric == stage.metric.rawValue }
        let matching = stage.container.map { container in ofMetric.filter { $0.container == container } } ?? ofMetric
        if matching.count == 1, let one = matching.first { return one }
        let metrics = Array(Set(all.compactMap(\.metric))).sorted()
        let containers = Array(Set(ofMetric.compactMap(\.container))).sorted()
        if ofMetric.isEmpty {
            throw PipelineRunError.seriesNotFound(stage: id, wanted: "metric \(stage.metric.rawValue)", available: metrics)
        }
        if matching.isEmpty {
            throw PipelineRunError.seriesNotFound(stage: id, wanted: "container \(stage.container ?? "")", available: containers)
        }
        throw PipelineRunError.ambiguousSeries(stage: id, metric: stage.metric.rawValue, containers: containers)
    }
}
