import Series

/// The protocol's output (EVALUATION.md §8), encoded with the snake_case keys the
/// reference tools' reports use. `parameters` adds what the model fitted; `validation`,
/// when computed, the validation scores a selection ranks on ("Validation scores (for
/// selection)"), written only when present; `coverage`, the test part's interval coverage
/// ("Interval coverage").
public struct EvaluationReport: Sendable, Encodable {
    public let series: String
    public let intervalSeconds: Double
    public let n: Int
    public let filled: Int
    public let collapsed: Int
    public let nTrain: Int
    public let nVal: Int
    public let nTest: Int
    public let model: String
    public let fitSeconds: Double
    public let forecastSeconds: Double
    /// Keyed by horizon minutes ("5", "15", "30").
    public let horizons: [String: HorizonScore]
    public let parameters: [String: ParameterValue]
    /// Scores on the validation part, keyed like `horizons`; nil when not computed
    /// (`ModelSpec.evaluateDetailed(…, validation: true)` or `ProtocolFit.report` fill it).
    public internal(set) var validation: [String: HorizonScore]? = nil
    /// Interval coverage on the test part: horizon minutes ("15") → level ("0.8") → share
    /// of targets inside the interval (`IntervalCoverage`); nil for a model without intervals.
    public internal(set) var coverage: [String: [String: Double]]? = nil

    enum CodingKeys: String, CodingKey {
        case series, n, filled, collapsed, model, horizons, parameters, validation, coverage
        case intervalSeconds = "interval_seconds"
        case nTrain = "n_train"
        case nVal = "n_val"
        case nTest = "n_test"
        case fitSeconds = "fit_seconds"
        case forecastSeconds = "forecast_seconds"
    }

    /// Horizons in increasing minutes.
    public var orderedHorizons: [(minutes: Int, score: HorizonScore)] { Self.ordered(horizons) }

    /// Validation scores in increasing minutes; empty when not computed.
    public var orderedValidation: [(minutes: Int, score: HorizonScore)] { Self.ordered(validation ?? [:]) }

    /// Coverage in increasing minutes, each with its levels in increasing order; empty without intervals.
    public var orderedCoverage: [(minutes: Int, levels: [(level: Double, share: Double)])] {
        (coverage ?? [:]).compactMap { key, byLevel in
            Int(key).map { minutes in
                (minutes, byLevel.compactMap { k, v in Double(k).map { ($0, v) } }.sorted { $0.0 < $1.0 })
            }
        }.sorted { $0.minutes < $1.minutes }
    }

    static func ordered(_ scores: [String: HorizonScore]) -> [(minutes: Int, score: HorizonScore)] {
        scores.compactMap { key, score in Int(key).map { ($0, score) } }.sorted { $0.minutes < $1.minutes }
    }
}

extension EvaluationReport {
    /// A report of `plan`'s series, grid and split with the model's scores and timings.
    init(plan: EvaluationPlan, model: String, fitSeconds: Double, forecastSeconds: Double,
         horizons: [String: HorizonScore], parameters: [String: ParameterValue]) {
        self.init(
            series: plan.grid.series.name,
            intervalSeconds: plan.grid.series.interval,
            n: plan.split.count,
            filled: plan.grid.filled,
            collapsed: plan.grid.collapsed,
            nTrain: plan.split.trainCount,
            nVal: plan.split.validationCount,
            nTest: plan.split.testCount,
            model: model,
            fitSeconds: fitSeconds,
            forecastSeconds: forecastSeconds,
            horizons: horizons,
            parameters: parameters
        )
    }
}
