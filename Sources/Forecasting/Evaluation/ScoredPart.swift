import Series

/// The part of a plan whose targets are scored: validation (for selection) or test (the
/// honest estimate). Both use one origin per step and the metrics of EVALUATION.md §6.
public enum ScoredPart: String, Sendable, Equatable, CaseIterable {
    case validation
    case test

    /// Origins of horizon h in this part: t ∈ [n_train, n_train + n_val − h) for
    /// validation, t ∈ [n_train + n_val, N − h) for test.
    public func origins(on plan: EvaluationPlan, steps h: Int) -> Range<Int> {
        switch self {
        case .validation: plan.validationOrigins(steps: h)
        case .test: plan.origins(steps: h)
        }
    }

    /// Origins covering every horizon of `plan`: those of its shortest horizon.
    public func allOrigins(on plan: EvaluationPlan) -> Range<Int> {
        origins(on: plan, steps: plan.horizons.map(\.steps).min() ?? 1)
    }
}

/// One part of a plan scored by a fitted model (`FittedModelArtifact.score(on:part:)`).
public struct PartScores: Sendable {
    /// Keyed by horizon minutes ("5", "15", "30"), as `EvaluationReport.horizons`.
    public let horizons: [String: HorizonScore]
    /// `paths[i]` is ŝ_{t+1} … ŝ_{t+h_max} from origin t = `part.allOrigins(on: plan).lowerBound + i`,
    /// in the plan's scaled units.
    public let paths: [[Double]]
    /// Wall time of the one `rollingForecasts` call.
    public let forecastSeconds: Double
    /// Interval coverage of the part, minutes → level → share (`IntervalCoverage`); nil
    /// for a model without intervals.
    public let coverage: [String: [String: Double]]?

    public init(horizons: [String: HorizonScore], paths: [[Double]], forecastSeconds: Double,
                coverage: [String: [String: Double]]? = nil) {
        self.horizons = horizons
        self.paths = paths
        self.forecastSeconds = forecastSeconds
        self.coverage = coverage
    }
}
