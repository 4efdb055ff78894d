import ArgumentParser
import Forecasting
import Foundation
import Ingest
import Serving

/// `autoscale backtest`: predictive policy vs reactive HPA on a trace.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay a trace and compare the predictive policy with reactive HPA: under-provisioned minutes, worst shortfall, slack, actions.",
        discussion: "Demand = the trace's values. At each step both strategies see only the past. A --model-type model is refitted on the data before the decision every --refit-every decisions; a registered model (--model) keeps its parameters (which may have seen the trace) and is conditioned on the history up to each decision. HPA: ceil(current × usage/target), tolerance 0.1, 300 s scale-down stabilisation."
    )

    @Option(name: .long, help: "Trace CSV (timestamp,value, or pick a column with --column).")
    var data: String

    @Option(name: .long, help: "Column of a multi-column trace.")
    var column: String?

    @Option(name: .long, help: ArgumentHelp("Registered model NAME@alias.", valueName: "ref"))
    var model: String?

    @Option(name: .long, help: "Catalog model refitted during the replay: \(ModelSpec.names.joined(separator: "|")).")
    var modelType: String?

    @Option(name: .long, help: ArgumentHelp("Policy YAML (default: the built-in policy, docs/formats/policy-yaml.md).", valueName: "file"))
    var policy: String?

    @Option(name: .long, help: "The policy's resource that sizes the demand (default: demand, else the policy's only resource).")
    var resource: String?

    @Option(name: .long, help: "Capacity of one replica in the trace's units (default: mean demand / 4).")
    var capacity: Double?

    @Option(name: .long, help: "Seconds before a new replica serves (default: 60).")
    var startupDelay: Double?

    @Option(name: .long, help: "Points before the first decision (default: 288).")
    var warmup: Int?

    @Option(name: .long, help: "Refit a --model-type model every this many decisions (default: 288).")
    var refitEvery: Int?

    @Option(name: .long, help: ArgumentHelp("Write an SVG plot of demand, capacities and forecasts.", valueName: "file.svg"))
    var plot: String?

    @Option(help: ArgumentHelp("Registry for --model (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (model == nil) != (modelType == nil) else { throw ValidationError("give exactly one of --model NAME@alias or --model-type KIND") }
        if let capacity, !(capacity > 0) { throw ValidationError("--capacity \(capacity): give a positive capacity per replica") }
        if let startupDelay, startupDelay < 0 { throw ValidationError("--startup-delay \(startupDelay): give 0 or more seconds") }
        if let warmup, warmup < 1 { throw ValidationError("--warmup \(warmup): give at least 1 point") }
        if let refitEvery, refitEvery < 1 { throw ValidationError("--refit-every \(refitEvery): give at least 1 decision") }
    }

    func run() throws {
        var spec = BacktestSpec()
        if let policy { spec.policy = try PolicyLoader.load(path: policy) }
        spec.resource = resource
        spec.capacityPerReplica = capacity
        if let startupDelay { spec.startupDelaySeconds = startupDelay }
        if let warmup { spec.warmupPoints = warmup }
        if let refitEvery { spec.refitEvery = refitEvery }
        let choice: BacktestRequest.ModelChoice
        if let model {
            choice = .registered(try ModelReference(parsing: model), registryLocation(db: db))
        } else {
            choice = .catalog(try ModelSpec(name: modelType ?? ""))
        }
        let bar = ProgressBar(enabled: isatty(STDOUT_FILENO) == 1)
        let report = try runBacktest(BacktestRequest(tracePath: data, column: column, model: choice, spec: spec)) { done, total in
            if done % 50 == 0 { bar.update(done: done, total: total, label: "backtest") }
        }
        bar.finish()
        if let plot { try BacktestPlot.write(report, to: plot) }
        print(output.json ? try jsonString(report) : BacktestTable(report: report).render())
    }
}

/// `autoscale backtest` as a table: one row per strategy.
struct BacktestTable {
    let report: BacktestReport

    func render() -> String {
        let r = report
        var lines = ["trace \(r.trace) · \(r.points) points every \(Int(r.intervalSeconds)) s · \(r.decisions) decisions from point \(r.firstDecision) · model \(r.model) · capacity \(String(format: "%.4g", r.capacityPerReplica)) per replica · start-up \(Int(r.startupDelaySeconds)) s"]
        let rows = [r.predictive, r.reactive].map { s in
            [s.strategy, String(format: "%.0f", s.underProvisionedMinutes), String(format: "%.4g", s.worstShortfall),
             String(format: "%.1f", s.slackReplicaHours), String(s.scalingActions)]
        }
        lines.append(contentsOf: TextTable(header: ["strategy", "under-provisioned min", "worst shortfall", "slack replica-h", "actions"], rows: rows).lines())
        return lines.joined(separator: "\n")
    }
}
