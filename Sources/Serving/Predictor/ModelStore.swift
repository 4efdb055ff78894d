import Forecasting
import Foundation
import Synchronization
import Tracking

/// Resolves `NAME@alias` through a `Tracker`, verifies and decodes each version once, and
/// keeps it. Safe to share between threads (an HTTP server's handlers).
public final class ModelStore: Sendable {
    public let tracker: any Tracker
    private let loaded = Mutex<[ModelReference: LoadedModel]>([:])

    public init(tracker: any Tracker) {
        self.tracker = tracker
    }

    /// The loaded model for `reference`, loading it on first use.
    public func model(_ reference: ModelReference) throws -> LoadedModel {
        if let cached = loaded.withLock({ $0[reference] }) { return cached }
        let fresh = try load(reference)
        return loaded.withLock { table in
            if let first = table[reference] { return first }
            table[reference] = fresh
            return fresh
        }
    }

    /// Re-resolves every loaded reference. A moved alias loads the new version, which
    /// replaces the old one only if it loads; otherwise the old one stays and the outcome
    /// says why.
    public func reload() -> [ReloadOutcome] {
        let current = loaded.withLock { $0 }
        var outcomes: [ReloadOutcome] = []
        for (reference, old) in current.sorted(by: { $0.key.description < $1.key.description }) {
            do {
                let version = try resolve(reference)
                guard version.version != old.version || version.artifact.sha256 != old.sha256 else {
                    outcomes.append(ReloadOutcome(reference: reference, servingVersion: old.version, change: .unchanged))
                    continue
                }
                let fresh = try load(reference, version: version)
                loaded.withLock { $0[reference] = fresh }
                outcomes.append(ReloadOutcome(reference: reference, servingVersion: fresh.version, change: .replaced(from: old.version)))
            } catch {
                outcomes.append(ReloadOutcome(reference: reference, servingVersion: old.version, change: .keptPrevious(reason: "\(error)")))
            }
        }
        return outcomes
    }

    func resolve(_ reference: ModelReference) throws -> ModelSummary.Version {
        do {
            return try tracker.resolveAlias(model: reference.name, alias: reference.alias)
        } catch TrackingError.aliasNotFound(let model, let alias, let known) {
            throw ServingError.aliasNotFound(model: model, alias: alias, modelExists: true, known: known)
        } catch TrackingError.modelNotFound(let name, let known) {
            throw ServingError.aliasNotFound(model: name, alias: reference.alias, modelExists: false, known: known)
        }
    }

    func load(_ reference: ModelReference, version: ModelSummary.Version? = nil) throws -> LoadedModel {
        let version = try version ?? resolve(reference)
        let data: Data
        do {
            data = try tracker.readArtifact(version.artifact)
        } catch TrackingError.artifactCorrupted(let path, let expected, let actual) {
            throw ServingError.artifactHashMismatch(model: reference.description, path: path, expected: expected, actual: actual)
        } catch TrackingError.artifactFileMissing(let path, _) {
            throw ServingError.artifactMissing(model: reference.description, path: path)
        }
        do {
            let artifact = try ArtifactLoader.load(data)
            return try LoadedModel(reference: reference, version: version.version, run: version.run.rawValue,
                               sha256: version.artifact.sha256, artifact: artifact)
        } catch {
            throw ServingError.artifactUnloadable(model: reference.description, version: version.version, reason: "\(error)")
        }
    }
}

/// What `ModelStore.reload` did for one reference.
public struct ReloadOutcome: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case unchanged
        case replaced(from: Int64)
        /// The alias moved but the new version failed; the previous one is still served.
        case keptPrevious(reason: String)
    }

    public var reference: ModelReference
    public var servingVersion: Int64
    public var change: Change
}
