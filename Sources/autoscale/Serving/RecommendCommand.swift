import ArgumentParser
import Foundation
import Serving
import Tracking

/// `autoscale recommend`: predict, then size replicas with the scaling policy.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend a replica count for a container from the production models' forecasts and a scaling policy.",
        discussion: "Forecasts as `autoscale predict`, then applies the policy (docs/formats/policy-yaml.md) to the metrics it names. One decision at the data's last timestamp with no memory of earlier ones, so stabilisation and cooldowns do not hold anything back. Every recommendation lists its reasons: metric, horizon, forecast, demand with headroom, replicas needed, rule."
    )

    @Option(name: .long, help: "Container to size (the long CSV's container column).")
    var container: String

    @Option(name: .long, help: "Long CSV (timestamp,container,metric,value), as `autoscale data generate` writes.")
    var data: String

    @Option(name: .long, help: "Replicas running now.")
    var replicas: Int

    @Option(name: .long, help: ArgumentHelp("Policy YAML, e.g. Configs/policy.yaml (default: the built-in policy: cpu, 1 core per replica, target 0.8).", valueName: "file"))
    var policy: String?

    @Option(name: .long, help: "Model alias to serve.")
    var alias: String = ModelReference.defaultAlias

    @Option(name: .long, help: "Model name prefix: metric m uses <prefix>m.")
    var modelPrefix: String = ModelReference.defaultPrefix

    @Option(help: ArgumentHelp("Registry (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if replicas < 0 { throw ValidationError("--replicas \(replicas): give the number of replicas running now (0 or more)") }
    }

    func run() throws {
        let location = RegistryLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment,
                                                currentDirectory: FileManager.default.currentDirectoryPath)
        let scaling = try policy.map(PolicyLoader.load(path:)) ?? ScalingPolicy()
        let predict = PredictRequest(container: container, source: try CSVHistorySource(path: data), metrics: nil,
                                     spec: PredictionSpec(alias: alias, modelPrefix: modelPrefix), registry: location)
        let result = try recommendReplicas(RecommendRequest(predict: predict, policy: scaling, currentReplicas: replicas))
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
