import Forecasting
import Foundation
import Ingest
import Series
import Tracking

/// What a stage's cache key is computed from (docs/formats/pipeline-cache.md):
///
///     key = sha256( canonical JSON { kind, parameters, inputs, code_version } )
///
/// `parameters` are the stage's resolved settings as text (the model spec as JSON, the
/// preprocessing as JSON, a CSV file's content hash — not its path), `inputs` the product
/// hashes of the stages it needs, in order, and `code_version` is `CodeVersion.current`.
/// Changing any of them changes the key, so the stage and everything downstream of it runs
/// again; nothing else does.
public struct StageFingerprint: Codable, Sendable, Equatable {
    public var kind: String
    public var parameters: [String: String]
    public var inputs: [String]
    public var codeVersion: String

    enum CodingKeys: String, CodingKey {
        case kind, parameters, inputs
        case codeVersion = "code_version"
    }

    /// Sorted keys make the text, and so the key, independent of dictionary order.
    public func key() throws -> String {
        ContentHash.sha256Hex(try StageCache.encoder.encode(self))
    }

    /// The names of parameters whose values differ from `old`'s, and whether the inputs or
    /// the code version changed: why a stage is stale (`autoscale pipeline status`).
    public func changes(since old: StageFingerprint) -> [String] {
        var reasons: [String] = []
        let names = Set(parameters.keys).union(old.parameters.keys).sorted()
        let changed = names.filter { parameters[$0] != old.parameters[$0] }
        if !changed.isEmpty { reasons.append("parameters changed: \(changed.joined(separator: ", "))") }
        if inputs != old.inputs { reasons.append("inputs changed") }
        if codeVersion != old.codeVersion { reasons.append("code version \(old.codeVersion) → \(codeVersion)") }
        return reasons
    }
}

extension StageFingerprint {
    /// The fingerprint of `stage` reading products with hashes `inputs`. A CSV source is
    /// hashed by content here (reading the file).
    static func of(_ stage: PlannedStage, inputs: [String]) throws -> StageFingerprint {
        StageFingerprint(kind: stage.kind.rawValue, parameters: try parameters(stage.section), inputs: inputs, codeVersion: CodeVersion.current)
    }

    static func parameters(_ section: StageSection) throws -> [String: String] {
        switch section {
        case .ingest(let ingest):
            switch ingest.source {
            case .csv(let csv):
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: csv.path))
                } catch {
                    throw PipelineRunError.unreadableInput(path: csv.path, reason: error.localizedDescription)
                }
                return [
                    "csv.sha256": ContentHash.sha256Hex(data),
                    "csv.shape": csv.shape.map { "\($0)" } ?? "auto",
                    "csv.column": csv.selection.column ?? "",
                    "csv.container": csv.selection.container ?? "",
                    "csv.metric": csv.selection.metric ?? "",
                    "csv.interval": csv.interval.map { "\($0)" } ?? "",
                    "csv.on_bad_row": csv.onBadRow.rawValue,
                ]
            case .generate(let generate):
                let w = generate.workload
                return [
                    "generate.containers": "\(w.containers)", "generate.days": "\(w.days)",
                    "generate.interval": "\(w.interval)", "generate.start": "\(w.start)", "generate.seed": "\(generate.seed)",
                ]
            case .collect(let collect):
                // A live reading is never the same twice: a fresh nonce makes every run execute it.
                return ["collect.seconds": "\(collect.seconds)", "collect.interval": "\(collect.interval)",
                        "collect.container": collect.container ?? "", "collect.nonce": UUID().uuidString]
            case .prometheus(let prometheus):
                return try PrometheusFingerprint.parameters(prometheus, now: Date().timeIntervalSince1970)
            }
        case .preprocess(let p):
            return ["metric": p.metric.rawValue, "container": p.container ?? "", "preprocessing": try json(p.preprocessing)]
        case .window(let w):
            return ["window_size": "\(w.windowSize)", "horizons": "\(w.horizons)", "stride": "\(w.stride)"]
        case .split(let s):
            return ["train_split": "\(s.train)", "val_split": "\(s.validation)", "test_split": "\(s.test)"]
        case .train(let t):
            var parameters = ["model": try json(t.model), "horizons": "\(try TrainHorizons.configured(t))"]
            if let sweep = t.sweep {
                parameters["sweep"] = try json(SweepFingerprint(sweep, overrides: t.overrides))
                // Trials re-read the config with their values set, so its whole text counts.
                parameters["sweep.config_sha256"] = try t.configPath.map { path in
                    ContentHash.sha256Hex(Data(try TrialModel.configText(path).utf8))
                } ?? ""
            }
            return parameters
        case .evaluate(let e):
            return ["horizons": "\(e.horizons)"]
        case .select(let s):
            return ["best": s.objective.description, "filter": s.filter ?? ""]
        case .register(let r):
            return ["model": r.model, "alias": r.alias, "reason": r.reason ?? ""]
        case .report(let r):
            return ["title": r.title ?? "", "markdown": "\(r.markdown)", "plots": "\(r.plots)"]
        }
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try StageCache.encoder.encode(value), as: UTF8.self)
    }
}
