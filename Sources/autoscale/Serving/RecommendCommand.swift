import ArgumentParser
import Foundation
import Serving

/// `autoscale recommend`: predict, then size replicas with the scaling policy.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend a replica count for a container from the production models' forecasts and a scaling policy.",
        discussion: "Forecasts as `autoscale predict`, then applies the policy (docs/formats/policy-yaml.md) to the metrics it names. One decision at the data's last timestamp with no memory of earlier ones, so stabilisation and cooldowns do not hold anything back. Every recommendation lists its reasons: metric, horizon, forecast, demand with headroom, replicas needed, rule."
    )

    @OptionGroup var input: ServingInputOptions

    @Option(name: .long, help: "Replicas running now.")
    var replicas: Int

    @Option(name: .long, help: ArgumentHelp("Policy YAML, e.g. Configs/policy.yaml (default: the built-in policy: cpu, 1 core per replica, target 0.8).", valueName: "file"))
    var policy: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if replicas < 0 { throw ValidationError("--replicas \(replicas): give the number of replicas running now (0 or more)") }
    }

    func run() throws {
        let scaling = try policy.map(PolicyLoader.load(path:)) ?? ScalingPolicy()
        let result = try recommendReplicas(RecommendRequest(predict: try input.predictRequest(metrics: nil), policy: scaling, currentReplicas: replicas))
        print(output.json ? try jsonString(result) : RecommendationText(result: result).render())
    }
}

/// `autoscale recommend` as text: the decision, then its reasons.
struct RecommendationText {
    let result: ContainerRecommendation

    func render() -> String {
        let r = result.recommendation
        var lines = ["container \(result.forecast.container): \(r.current) → \(r.replicas) replicas (\(r.action.rawValue))"]
        let rows = r.reasons.map { reason in
            [reason.metric, reason.horizonMinutes == 0 ? "now" : "\(Int(reason.horizonMinutes)) min", String(format: "%.6g", reason.forecast),
             String(format: "%.6g", reason.demand), String(reason.replicasNeeded), reason.rule]
        }
        lines.append(contentsOf: TextTable(header: ["metric", "horizon", "forecast", "demand", "replicas", "rule"], rows: rows).lines())
        lines.append(contentsOf: r.adjustments.map { "adjusted: \($0)" })
        return lines.joined(separator: "\n")
    }
}
