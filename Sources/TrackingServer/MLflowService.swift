import Foundation
import Tracking

/// The MLflow REST handlers over one `Registry`: each takes the call's fields and returns the
/// response object, or throws (`MLflowError`, `TrackingError`, `FilterError`), which the
/// router answers in MLflow's error format.
struct MLflowService: Sendable {
    let registry: Registry

    /// MLflow's default experiment id "0" maps onto our experiment named "Default".
    static let defaultExperimentName = "Default"

    /// The experiment an MLflow `experiment_id` names, as its identity (no runs are read).
    func experimentKey(id text: String) throws -> ExperimentKey {
        if text == "0", try registry.experimentKeys(id: 0).isEmpty {
            if let key = try registry.experimentKeys(name: Self.defaultExperimentName).first { return key }
            let info = try registry.createExperiment(Self.defaultExperimentName)
            return ExperimentKey(id: info.id, name: info.name, deleted: info.deleted)
        }
        guard let id = Int64(text) else { throw MLflowError.invalid("experiment_id '\(text)' is not an integer.") }
        guard let key = try registry.experimentKeys(id: id).first else {
            throw MLflowError.notFound("No experiment with id \(text).")
        }
        return key
    }

    /// The experiment an MLflow `experiment_id` names, with its activity (experiments/get).
    func experiment(id text: String) throws -> ExperimentInfo {
        let key = try experimentKey(id: text)
        guard let info = try registry.experimentInfo(id: key.id) else { throw MLflowError.notFound("No experiment with id \(text).") }
        return info
    }

    func runID(_ request: MLflowRequest) throws -> RunID {
        let text = try request.string("run_id") ?? request.string("run_uuid") ?? { throw MLflowError.missing("run_id") }()
        do { return try RunID(text) } catch { throw MLflowError.notFound("No run with id '\(text)' (a run id is 32 hexadecimal characters).") }
    }

    /// The full MLflow form of a run, from one read of its snapshot (attributes, experiment id,
    /// deletion, params, tags, latest metrics).
    func encodedRun(_ run: RunID) throws -> [String: Any] {
        MLflowEncoding.run(try registry.runSnapshot(run))
    }
}
