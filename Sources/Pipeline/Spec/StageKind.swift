/// The kinds of pipeline stage (`kind:` of a stage), each with the type of what it
/// produces and the types it reads. A stage's `needs` must name stages whose output is one
/// of the types its kind reads; that is checked before anything runs.
public enum StageKind: String, CaseIterable, Sendable, Hashable {
    /// Series from a CSV file, the synthetic generator or this machine's counters.
    case ingest
    /// Counter → rate, scale, clip, transform for one metric (`Configs/` or inline).
    case preprocess
    /// Input windows and horizons for the learnt models.
    case window
    /// The chronological train / validation / test split.
    case split
    /// One catalog model fitted (a `Configs/*.yaml` model plus overrides).
    case train
    /// The evaluation protocol on validation and test, per horizon.
    case evaluate
    /// A trained model replayed as a scaling trace: predictive policy against reactive HPA.
    case backtest
    /// The best evaluated run by a validation metric.
    case select
    /// A registered model version and an alias moved to it.
    case register
    /// A table, a Markdown summary and plots.
    case report

    public var output: StageOutput {
        switch self {
        case .ingest, .preprocess: .series
        case .window: .windows
        case .split: .split
        case .train: .modelRuns
        case .evaluate, .backtest: .evaluatedRuns
        case .select: .selection
        case .register: .registeredVersion
        case .report: .report
        }
    }

    /// The output types this kind reads; empty for a kind that reads no stage.
    public var accepts: [StageOutput] {
        switch self {
        case .ingest: []
        case .preprocess, .split: [.series]
        case .window: [.split]
        case .train: [.split, .windows]
        case .evaluate, .backtest: [.modelRuns]
        case .select: [.evaluatedRuns]
        case .register: [.selection]
        case .report: [.evaluatedRuns, .selection, .registeredVersion]
        }
    }
}

/// What a stage produces (`StageKind.output`), named as in messages.
public enum StageOutput: String, CaseIterable, Sendable, Hashable {
    case series
    case windows
    case split
    case modelRuns = "model runs"
    case evaluatedRuns = "evaluated runs"
    case selection
    case registeredVersion = "a registered version"
    case report
}
