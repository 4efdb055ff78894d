import Serving

/// `kind: backtest`: replays a trained model's series as a scaling trace (docs/formats/
/// pipeline-yaml.md#backtest), sizing replicas with the predictive policy from the model's
/// forecasts and with reactive HPA, and logs what each would have cost: under-provisioned
/// minutes, the worst shortfall, slack replica-hours and scaling actions (`Serving.Backtest`).
///
/// The validation part is replayed with the model that saw no validation targets and logged
/// with a `val_` prefix, so `select` can choose by what scaling would have cost; the test part
/// with the protocol fit, logged without prefix, as an honest estimate.
public struct BacktestStage: Sendable, Equatable {
    /// A scaling policy file (`Configs/policy.yaml` format), resolved against the pipeline's
    /// folder; nil: `BacktestSpec.defaultPolicy` (target 0.8, HPA's stabilisation).
    public var policyPath: String?
    /// The policy's resource that sizes the series (nil: `demand`, else the policy's only one).
    public var resource: String?
    /// Seconds between asking for a replica and its serving, for both strategies.
    public var startupDelaySeconds: Double
    /// c = mean of the train part / this (a policy file's capacity per replica is replaced).
    public var replicasAtMeanDemand: Double

    public init(policyPath: String? = nil, resource: String? = nil,
                startupDelaySeconds: Double = BacktestSpec().startupDelaySeconds,
                replicasAtMeanDemand: Double = BacktestSpec().replicasAtMeanDemand) {
        self.policyPath = policyPath
        self.resource = resource
        self.startupDelaySeconds = startupDelaySeconds
        self.replicasAtMeanDemand = replicasAtMeanDemand
    }

    /// The replay defaults, owned by `Serving.BacktestSpec`.
    static var defaults: (startupDelaySeconds: Double, replicasAtMeanDemand: Double) {
        let spec = BacktestSpec()
        return (spec.startupDelaySeconds, spec.replicasAtMeanDemand)
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case policy, resource
        case startupDelaySeconds = "startup_delay_seconds"
        case replicasAtMeanDemand = "replicas_at_mean_demand"
    }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, context: StageContext, diagnostics d: inout SpecDiagnostics) -> BacktestStage? {
        let start = d.errors.count
        let defaults = Self.defaults
        let policy: String? = d.value(nil) { () throws(ConfigError) in try m.string(.policy, default: nil).value }
        let policyPath = policy.map(context.resolvePath)
        if let policyPath, let policy {
            d.check { () throws(ConfigError) in
                do {
                    _ = try PolicyLoader.load(path: policyPath)
                } catch {
                    throw m.error(.refused(value: "\"\(policy)\"", reason: "\(error); policy paths are relative to the pipeline file's folder"), .policy)
                }
            }
        }
        let resource: String? = d.value(nil) { () throws(ConfigError) in try m.string(.resource, default: nil).value }
        let delay = d.value(defaults.startupDelaySeconds) { () throws(ConfigError) in
            let value = try m.double(.startupDelaySeconds, default: defaults.startupDelaySeconds).value
            guard value.isFinite, value >= 0 else {
                throw m.error(.outOfRange(value: "\(value)", advice: "give the start-up delay in seconds, 0 or more"), .startupDelaySeconds)
            }
            return value
        }
        let replicas = d.value(defaults.replicasAtMeanDemand) { () throws(ConfigError) in
            let value = try m.double(.replicasAtMeanDemand, default: defaults.replicasAtMeanDemand).value
            guard value.isFinite, value > 0 else {
                throw m.error(.outOfRange(value: "\(value)", advice: "give how many replicas the train part's mean fills, above 0"), .replicasAtMeanDemand)
            }
            return value
        }
        guard d.errors.count == start else { return nil }
        return BacktestStage(policyPath: policyPath, resource: resource, startupDelaySeconds: delay, replicasAtMeanDemand: replicas)
    }
}
