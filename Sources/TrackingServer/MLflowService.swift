import Foundation
import Tracking

/// The MLflow REST handlers over one `Registry`: each takes the call's fields and returns the
/// response object, or throws (`MLflowError`, `TrackingError`, `FilterError`), which the
/// router answers in MLflow's error format.
struct MLflowService: Sendable {
    let registry: Registry

    /// MLflow's default experiment id "0" maps onto our experiment named "Default".
    static let defaultExperimentName = "Default"

    /// The experiment an MLflow `experiment_id` names.
    func experiment(id text: String) throws -> ExperimentInfo {
        if text == "0", try registry.experimentInfo(id: 0) == nil {
            if let info = try registry.experimentInfo(name: Self.defaultExperimentName) { return info }
            return try registry.createExperiment(Self.defaultExperimentName)
        }
        guard let id = Int64(text) else { throw MLflowError.invalid("experiment_id '\(text)' is not an integer.") }
        guard let info = try registry.experimentInfo(id: id) else {
            throw MLflowError.notFound("No experiment with id \(text).")
        }
        return info
    }

    func runID(_ request: MLflowRequest) throws -> RunID {
        let text = try request.string("run_id") ?? request.string("run_uuid") ?? { throw MLflowError.missing("run_id") }()
        do { return try RunID(text) } catch { throw MLflowError.notFound("No run with id '\(text)' (a run id is 32 hexadecimal characters).") }
    }

    /// The full MLflow form of a run.
    func encodedRun(_ run: RunID) throws -> [String: Any] {
        let details = try registry.runDetails(run)
        guard let experiment = try registry.experimentInfo(name: details.header.experiment) else {
            throw MLflowError.notFound("The experiment of run \(run.rawValue) no longer exists.")
        }
        return MLflowEncoding.run(details, experimentId: experiment.id, deleted: try registry.runDeletion(run) != nil)
    }
}
