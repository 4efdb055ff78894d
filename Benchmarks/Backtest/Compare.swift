import Forecasting
import Foundation
import Ingest
import Series
import Serving

/// Reads a trace's demand column.
func readSeries(_ trace: Trace) throws -> TimeSeries {
    try CSVSeriesReader.read(path: trace.path, options: CSVReadOptions(selection: SeriesSelection(column: trace.column), interval: trace.interval)).series
}

/// One policy (`spec.policy`) with each model against HPA on each trace, whole traces.
func compare(models: [String], traces: [Trace], spec: BacktestSpec) throws {
    say("columns: under = under-provisioned minutes, slack = replica-hours provisioned but unused, act = scaling actions; Δunder = predictive vs HPA\n")
    var met: [String: Int] = [:]
    var totals: [String: (predictive: Cost, hpa: Cost)] = [:]
    for trace in traces {
        let series = try readSeries(trace)
        say("\(trace.folder)/\(trace.name) (\(series.count) points)")
        say("  model       under   slack    act | HPA under  slack    act | Δunder   target")
        for model in models {
            let started = Date()
            let report = try Backtest.run(trace: series, name: trace.name,
                                          forecaster: RefittingForecaster(spec: try ModelSpec(name: model), refitEvery: spec.refitEvery), spec: spec)
            let p = report.predictive, r = report.reactive
            let predictive = Cost(under: p.underProvisionedMinutes, slack: p.slackReplicaHours)
            let hpa = Cost(under: r.underProvisionedMinutes, slack: r.slackReplicaHours)
            let ok = meetsTarget(predictive, hpa: hpa)
            if ok { met[model, default: 0] += 1 }
            let t = totals[model] ?? (Cost(), Cost())
            totals[model] = (t.predictive + predictive, t.hpa + hpa)
            say(String(format: "  %-10@ %6.0f %7.1f %6d | %9.0f %6.1f %6d | %+6.0f %%  %@  (%.1f s, %d fits)",
                         model as NSString, p.underProvisionedMinutes, p.slackReplicaHours, p.scalingActions,
                         r.underProvisionedMinutes, r.slackReplicaHours, r.scalingActions, -reduction(predictive, hpa: hpa) * 100,
                         (ok ? "met" : "missed") as NSString, Date().timeIntervalSince(started), report.fits))
        }
        say("")
    }
    say("summary over \(traces.count) traces (target: ≥ 50 % fewer under-provisioned minutes than HPA at no more slack)")
    for model in models {
        let t = totals[model] ?? (Cost(), Cost())
        say(String(format: "  %-10@ met on %d/%d · under %.0f min vs HPA %.0f · slack %.1f vs HPA %.1f replica-h",
                     model as NSString, met[model] ?? 0, traces.count, t.predictive.under, t.hpa.under, t.predictive.slack, t.hpa.slack))
    }
}
