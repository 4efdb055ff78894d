import Yams

/// The typed settings of one stage, one case per `StageKind`.
public enum StageSection: Sendable, Equatable {
    case ingest(IngestStage)
    case preprocess(PreprocessStage)
    case window(WindowStage)
    case split(SplitStage)
    case train(TrainStage)
    case evaluate(EvaluateStage)
    case backtest(BacktestStage)
    case select(SelectStage)
    case register(RegisterStage)
    case report(ReportStage)

    public var kind: StageKind {
        switch self {
        case .ingest: .ingest
        case .preprocess: .preprocess
        case .window: .window
        case .split: .split
        case .train: .train
        case .evaluate: .evaluate
        case .backtest: .backtest
        case .select: .select
        case .register: .register
        case .report: .report
        }
    }

    /// The section of a `kind` stage from its mapping (references already resolved).
    /// Every unknown key and every bad value is recorded; nil when any was found.
    static func decode(kind: StageKind, node: Node, context: StageContext, diagnostics d: inout SpecDiagnostics) -> StageSection? {
        switch kind {
        case .ingest:
            guard let m = mapping(IngestStage.Key.self, node, context, &d) else { return nil }
            return IngestStage.decode(m, context: context, diagnostics: &d).map(StageSection.ingest)
        case .preprocess:
            guard let m = mapping(PreprocessStage.Key.self, node, context, &d) else { return nil }
            return PreprocessStage.decode(m, context: context, diagnostics: &d).map(StageSection.preprocess)
        case .train:
            guard let m = mapping(TrainStage.Key.self, node, context, &d) else { return nil }
            return TrainStage.decode(m, context: context, diagnostics: &d).map(StageSection.train)
        case .window:
            guard let m = mapping(WindowStage.Key.self, node, context, &d) else { return nil }
            return WindowStage.decode(m, diagnostics: &d).map(StageSection.window)
        case .split:
            guard let m = mapping(SplitStage.Key.self, node, context, &d) else { return nil }
            return SplitStage.decode(m, diagnostics: &d).map(StageSection.split)
        case .evaluate:
            guard let m = mapping(EvaluateStage.Key.self, node, context, &d) else { return nil }
            return EvaluateStage.decode(m, diagnostics: &d).map(StageSection.evaluate)
        case .backtest:
            guard let m = mapping(BacktestStage.Key.self, node, context, &d) else { return nil }
            return BacktestStage.decode(m, context: context, diagnostics: &d).map(StageSection.backtest)
        case .select:
            guard let m = mapping(SelectStage.Key.self, node, context, &d) else { return nil }
            return SelectStage.decode(m, diagnostics: &d).map(StageSection.select)
        case .register:
            guard let m = mapping(RegisterStage.Key.self, node, context, &d) else { return nil }
            return RegisterStage.decode(m, diagnostics: &d).map(StageSection.register)
        case .report:
            guard let m = mapping(ReportStage.Key.self, node, context, &d) else { return nil }
            return ReportStage.decode(m, diagnostics: &d).map(StageSection.report)
        }
    }

    /// The stage mapping with `Key`'s keys; every other key is recorded as unknown (with
    /// the kind's allowed keys and a close match) and reading goes on without it.
    private static func mapping<Key: RawRepresentable & CaseIterable>(
        _: Key.Type, _ node: Node, _ context: StageContext, _ d: inout SpecDiagnostics
    ) -> ConfigMapping<Key>? where Key.RawValue == String {
        var unknown: [ConfigError] = []
        let m = d.check { () throws(ConfigError) in
            try ConfigMapping<Key>(node, path: context.keyPath, file: context.file, fallback: context.location, unknownKeys: &unknown)
        }
        d.add(contentsOf: unknown)
        return m
    }
}
