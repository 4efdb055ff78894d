import Foundation
import Ingest
import Synchronization

/// What a long-running server knows about each model it serves: the version in use, and
/// whether the last attempt to load a newer one failed (the previous one kept serving).
/// Filled by `preload` at start and by `reload` every `--reload-every` seconds; read by
/// `/readyz` and `/metrics`.
public final class ModelStatusTable: Sendable {
    private let rows = Mutex<[ModelReference: ModelStatus]>([:])

    public init() {}

    public var all: [ModelStatus] { rows.withLock { $0.values.sorted { $0.reference.description < $1.reference.description } } }

    /// Ready: at least one model is loaded and serving.
    public var isReady: Bool { rows.withLock { $0.values.contains { $0.servingVersion != nil } } }

    /// Loads the model of each metric once (`predictor.reference(for:)`). A metric without
    /// a model under the alias is recorded as absent; an artifact that fails its hash or
    /// does not decode is recorded as failed, with the reason.
    public func preload(_ predictor: Predictor, metrics: [String] = ResourceMetric.allCases.map(\.rawValue), now: Double) {
        for metric in metrics {
            let reference = predictor.reference(for: metric)
            do {
                let model = try predictor.store.model(reference)
                set(ModelStatus(reference: reference, metric: metric, servingVersion: model.version, kind: model.artifact.kind.name,
                                sha256: model.sha256, loadedAt: now, problem: nil))
            } catch let error as ServingError {
                if case .aliasNotFound = error {
                    set(ModelStatus(reference: reference, metric: metric, servingVersion: nil, kind: nil, sha256: nil, loadedAt: nil,
                                    problem: nil, absent: error.description))
                } else {
                    set(ModelStatus(reference: reference, metric: metric, servingVersion: nil, kind: nil, sha256: nil, loadedAt: nil,
                                    problem: error.description))
                }
            } catch {
                set(ModelStatus(reference: reference, metric: metric, servingVersion: nil, kind: nil, sha256: nil, loadedAt: nil,
                                problem: "\(error)"))
            }
        }
    }

    /// Re-resolves every loaded model (`ModelStore.reload`) and records the outcome; a
    /// metric that had no model, or failed to load, is tried again. Returns true when a
    /// model that serves changed (forecasts made with the old one are out of date).
    @discardableResult
    public func reload(_ predictor: Predictor, now: Double) -> (changed: Bool, outcomes: [String]) {
        var changed = false
        var lines: [String] = []
        for outcome in predictor.store.reload() {
            guard var row = rows.withLock({ $0[outcome.reference] }) else { continue }
            switch outcome.change {
            case .unchanged:
                row.problem = nil
            case .replaced(let from):
                row.servingVersion = outcome.servingVersion
                row.loadedAt = now
                row.problem = nil
                do {
                    let model = try predictor.store.model(outcome.reference)
                    row.kind = model.artifact.kind.name
                    row.sha256 = model.sha256
                } catch {
                    row.problem = "\(error)"
                }
                changed = true
                lines.append("\(outcome.reference): version \(from) → \(outcome.servingVersion)")
            case .keptPrevious(let reason):
                if row.problem != reason { lines.append("\(outcome.reference): kept version \(outcome.servingVersion): \(reason)") }
                row.problem = reason
            }
            set(row)
        }
        // Metrics with nothing loaded yet: an alias set since, or an artifact restored.
        let waiting = rows.withLock { $0.values.filter { $0.servingVersion == nil } }
        for row in waiting {
            preload(predictor, metrics: [row.metric], now: now)
            if let fresh = rows.withLock({ $0[row.reference] }), let version = fresh.servingVersion {
                changed = true
                lines.append("\(row.reference): loaded version \(version)")
            }
        }
        return (changed, lines)
    }

    private func set(_ row: ModelStatus) { rows.withLock { $0[row.reference] = row } }
}

/// One model reference and its state in a running server.
public struct ModelStatus: Sendable, Equatable, Codable {
    public var reference: ModelReference
    public var metric: String
    /// The version answering requests (nil: none loaded).
    public var servingVersion: Int64?
    public var kind: String?
    public var sha256: String?
    public var loadedAt: Double?
    /// Why the newest version is not the one serving (hash mismatch, undecodable, …), or
    /// why nothing loaded; nil when all is well.
    public var problem: String?
    /// Why there is no model for this metric (no such model or alias): not a failure.
    public var absent: String?

    public init(reference: ModelReference, metric: String, servingVersion: Int64?, kind: String?, sha256: String?, loadedAt: Double?,
                problem: String?, absent: String? = nil) {
        self.reference = reference
        self.metric = metric
        self.servingVersion = servingVersion
        self.kind = kind
        self.sha256 = sha256
        self.loadedAt = loadedAt
        self.problem = problem
        self.absent = absent
    }

    /// "serving", "kept_previous" (a newer version failed), "failed" (nothing loaded) or "absent".
    public var state: String {
        switch (servingVersion, problem) {
        case (.some, nil): return "serving"
        case (.some, .some): return "kept_previous"
        case (nil, .some): return "failed"
        case (nil, nil): return "absent"
        }
    }

    enum CodingKeys: String, CodingKey {
        case reference = "model", metric, servingVersion = "version", kind, sha256, loadedAt = "loaded_at", problem, absent
    }
}
