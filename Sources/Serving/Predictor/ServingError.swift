import Foundation

/// Everything that stops a prediction, a policy or a backtest; each case carries the
/// offending value and says what to do.
public enum ServingError: Error, Equatable, CustomStringConvertible {
    /// Not `NAME` or `NAME@alias`.
    case badModelReference(String)
    /// The model exists but has no such alias (`known`: its aliases), or no model of that
    /// name exists (`known`: the registered models, `modelExists` false).
    case aliasNotFound(model: String, alias: String, modelExists: Bool, known: [String])
    /// The bytes on disk do not hash to what the registry recorded.
    case artifactHashMismatch(model: String, path: String, expected: String, actual: String)
    /// The artifact's file is gone from the artifact folder.
    case artifactMissing(model: String, path: String)
    /// The artifact did not decode into a model.
    case artifactUnloadable(model: String, version: Int64, reason: String)
    /// Fewer grid points than the model needs to be conditioned on.
    case historyTooShort(model: String, metric: String, container: String, points: Int, needed: Int, intervalSeconds: Double)
    /// The history's grid step is not the model's.
    case intervalMismatch(model: String, modelSeconds: Double, historySeconds: Double)
    /// No history for that container and metric in the source.
    case noHistory(container: String, metric: String, available: [String])
    /// A horizon that is not a positive whole number of the model's grid steps.
    case badHorizon(minutes: Double, intervalSeconds: Double)
    /// `predictAll` found no model for any of the metrics asked for.
    case noModels(tried: [String], reasons: [String])
    /// The model failed while forecasting (reason from Forecasting).
    case forecastFailed(model: String, reason: String)
    /// A backtest policy without the resource asked for, or with several and none named `demand`.
    case badPolicyForBacktest(resources: [String])
    /// None of the forecast metrics is a resource of the policy.
    case noPolicyResource(forecast: [String], policy: [String])
    /// A trace with too few points for the warm-up and at least two decisions.
    case traceTooShort(path: String, points: Int, needed: Int)

    public var description: String {
        switch self {
        case .badModelReference(let text):
            return "'\(text)' is not a model reference; write NAME or NAME@alias (e.g. autoscale-cpu@production)"
        case .aliasNotFound(let model, let alias, let exists, let known):
            if !exists {
                let list = known.isEmpty ? "the registry has no models yet; run a pipeline that registers one (e.g. Pipelines/quickstart.yaml)" : "registered models: \(known.joined(separator: ", "))"
                return "no registered model '\(model)' (asked for \(model)@\(alias)); \(list)"
            }
            let list = known.isEmpty ? "it has no aliases; set one with `runs promote`" : "its aliases: \(known.joined(separator: ", "))"
            return "model '\(model)' has no alias '\(alias)'; \(list)"
        case .artifactHashMismatch(let model, let path, let expected, let actual):
            return "the artifact of \(model) at \(path) has sha256 \(actual) but the registry recorded \(expected); the file was changed or corrupted: restore it or promote a fresh version"
        case .artifactMissing(let model, let path):
            return "the artifact file of \(model) is missing at \(path); restore it or promote a fresh version"
        case .artifactUnloadable(let model, let version, let reason):
            return "version \(version) of \(model) cannot be loaded: \(reason)"
        case .historyTooShort(let model, let metric, let container, let points, let needed, let interval):
            let minutes = Double(needed) * interval / 60
            return "\(model) needs at least \(needed) points (\(Self.format(minutes)) minutes at \(Self.format(interval)) s) of \(metric) for container \(container), the history has \(points); give a longer history"
        case .intervalMismatch(let model, let modelSeconds, let historySeconds):
            return "\(model) was trained on data every \(Self.format(modelSeconds)) s but the history is every \(Self.format(historySeconds)) s; give data sampled every \(Self.format(modelSeconds)) s"
        case .noHistory(let container, let metric, let available):
            return "no \(metric) history for container '\(container)'; the data has: \(available.isEmpty ? "nothing" : available.joined(separator: ", "))"
        case .badHorizon(let minutes, let interval):
            return "horizon \(Self.format(minutes)) min is not a positive multiple of the model's \(Self.format(interval)) s step; use multiples of \(Self.format(interval / 60)) min"
        case .noModels(let tried, let reasons):
            return "no model to predict with; tried \(tried.joined(separator: ", ")): \(reasons.joined(separator: "; "))"
        case .forecastFailed(let model, let reason):
            return "\(model) could not forecast: \(reason)"
        case .badPolicyForBacktest(let resources):
            return "the policy has resources \(resources.joined(separator: ", ")) but a backtest sizes one demand; pick one with --resource, name one `demand` or keep only one"
        case .noPolicyResource(let forecast, let policy):
            return "the policy sizes \(policy.joined(separator: ", ")) but only \(forecast.joined(separator: ", ")) could be forecast; add a resource for one of them to the policy or register a model for one of the policy's"
        case .traceTooShort(let path, let points, let needed):
            return "the trace \(path) has \(points) points; a backtest needs at least \(needed) (the warm-up plus two decisions); give a longer trace or a smaller --warmup"
        }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
