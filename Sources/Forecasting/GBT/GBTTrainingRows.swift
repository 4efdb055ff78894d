import Series

/// The rows of one series' training matrices: origins from `first` whose target lies in
/// the train part (t + h < trainCount), in validation (trainCount ≤ t + h < n), or in either.
struct GBTTrainingRows: Sendable {
    let builder: GBTFeatureBuilder
    let first: Int
    /// Where validation starts: `FitData.trainCount`, or ⌊0.85 n⌋ when that leaves fewer than
    /// `GBTForecaster.minimumValidationRows` validation rows for the longest step.
    let trainCount: Int

    init(builder: GBTFeatureBuilder, first: Int, trainCount: Int) {
        self.builder = builder
        self.first = first
        self.trainCount = trainCount
    }

    /// The rows of `data` for the booster `steps`, after the fallback to the last 15 % as
    /// validation; throws `GBTError.tooFewSamples` naming the part and step that lack rows.
    init(data: FitData, spec: GBTFeatureSpec, steps: [Int]) throws(GBTError) {
        let n = data.series.count
        let longest = steps.last ?? 1
        var trainCount = data.trainCount
        if n - trainCount < GBTForecaster.minimumValidationRows + longest - 1 { trainCount = n * 85 / 100 }
        self.init(builder: GBTFeatureBuilder(spec: spec, series: data.series), first: spec.firstTrainingOrigin, trainCount: trainCount)
        for h in steps {
            guard train(h).count >= GBTForecaster.minimumTrainingRows else {
                throw .tooFewSamples(part: "train", step: h, needed: GBTForecaster.minimumTrainingRows, got: train(h).count)
            }
            guard validation(h).count >= GBTForecaster.minimumValidationRows else {
                throw .tooFewSamples(part: "validation", step: h, needed: GBTForecaster.minimumValidationRows, got: validation(h).count)
            }
        }
    }

    var count: Int { builder.values.count }

    func train(_ h: Int) -> Range<Int> { first..<max(first, trainCount - h) }
    func validation(_ h: Int) -> Range<Int> { max(first, trainCount - h)..<max(first, count - h) }
    func all(_ h: Int) -> Range<Int> { first..<max(first, count - h) }

    func rows(_ h: Int, _ part: GBTRowPart) -> Range<Int> {
        switch part {
        case .train: train(h)
        case .validation: validation(h)
        case .all: all(h)
        }
    }
}

/// Which rows of a series a matrix takes: those whose target is in the train part, in
/// validation, or in either.
enum GBTRowPart: Sendable {
    case train, validation, all
}

/// The rows of many series stacked (global training): the matrix of step h and a part is
/// the series' matrices one under the other, series 0 first, each series' rows built from
/// its own values (scaled on its own train part by the caller). With one series it is that
/// series' matrix, so a global fit of one series is its per-series fit.
struct GBTStackedRows: Sendable {
    let series: [GBTTrainingRows]

    /// Features and `target` labels of `part`'s rows of every series for step `h`:
    /// Σ rows × columns, row-major.
    func matrix(_ h: Int, _ part: GBTRowPart, _ target: GBTTarget) throws -> XGBoostMatrix {
        var features = [Float]()
        var labels = [Float]()
        for rows in series {
            let origins = rows.rows(h, part)
            features += rows.builder.matrix(step: h, origins: origins)
            labels += rows.builder.targets(step: h, origins: origins, target: target)
        }
        return try XGBoostMatrix(features: features, rows: labels.count, columns: series[0].builder.spec.columnCount, labels: labels)
    }
}
