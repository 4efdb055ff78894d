import Forecasting
import Foundation
import Serving

/// HPA's target utilisations priced beside the sweep: HPA's own trade-off curve.
let hpaTargets: [Double] = [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]

/// One trace's costs under every variant and every HPA target.
struct TraceCosts {
    let label: String
    var variants: [PolicyVariant: SplitCost] = [:]
    var hpa: [Double: SplitCost] = [:]
}

/// --sweep: per model, forecasts each trace once (levels for every quantile of the grid),
/// replays every `PolicyVariant` and HPA at each of `hpaTargets` from them at each start-up
/// delay (the same for both sides; the variants' lead horizons follow it), then, per delay,
///
/// 1. chooses ONE variant on the tune parts (the first `fraction` of every trace's
///    evaluated steps): most traces meeting the target against HPA at `spec`'s target,
///    then fewest under-provisioned minutes in total, then least slack;
/// 2. reports that variant on the report parts (the rest), per trace and in total,
///    beside the whole grid's totals and HPA's curve (the trade-off).
func sweep(models: [String], traces: [Trace], spec: BacktestSpec, delays: [Double], fraction: Double, shown: [String], progress: Bool) throws {
    say("sweep: \(PolicyVariant.grid.count) predictive policies, HPA at targets \(hpaTargets.map(format)), start-up delays \(delays.map(format)) s (both sides); choice on the first \(format(fraction * 100)) % of each trace's decisions, report on the rest\n")
    for model in models {
        var costs: [Double: [TraceCosts]] = [:]
        for trace in traces {
            let started = Date()
            if progress { FileHandle.standardError.write(Data("\r\u{1B}[K\(model) \(trace.folder)/\(trace.name)".utf8)) }
            let prepared = try BacktestTrace(trace: try readSeries(trace), name: trace.name, warmupPoints: spec.warmupPoints)
            let leads = delays.map { leadHorizons(delay: $0, interval: prepared.interval) }
            let steps = Int(((leads.flatMap { $0 } + [5, 15, 30]).max()! * 60 / prepared.interval).rounded())
            let forecasts = try modelForecasts(model, trace: prepared, steps: steps, levels: PolicyVariant.levels, spec: spec)
            for (delay, lead) in zip(delays, leads) {
                var delaySpec = spec
                delaySpec.startupDelaySeconds = delay
                var entry = TraceCosts(label: "\(trace.folder)/\(trace.name)")
                for variant in PolicyVariant.grid {
                    var variantSpec = delaySpec
                    variantSpec.policy = variant.policy(leadHorizons: lead)
                    let report = try Backtest.replay(prepared, forecasts: forecasts, spec: variantSpec)
                    entry.variants[variant] = SplitCost(report.predictive, of: report, fraction: fraction)
                }
                for u in hpaTargets {
                    var hpaSpec = delaySpec
                    hpaSpec.hpaTargetUtilization = u
                    let report = try Backtest.replay(prepared, forecasts: forecasts, spec: hpaSpec)
                    entry.hpa[u] = SplitCost(report.reactive, of: report, fraction: fraction)
                }
                costs[delay, default: []].append(entry)
            }
            if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            say(String(format: "  %@ %@/%@: %d decisions, %d fits, intervals %@, %.1f s", model, trace.folder, trace.name, prepared.decisions, forecasts.fits,
                       forecasts.paths.contains { $0?.intervals != nil } ? "yes" : "no", Date().timeIntervalSince(started)))
        }
        for delay in delays {
            report(model: model, delay: delay, costs: costs[delay] ?? [], hpaTarget: spec.hpaTargetUtilization, shown: shown)
        }
    }
}

/// Prints the grid's totals (tune and report parts), HPA's curve, the choice and its table.
func report(model: String, delay: Double, costs: [TraceCosts], hpaTarget: Double, shown: [String]) {
    func hpa(_ t: TraceCosts) -> SplitCost { t.hpa[hpaTarget] ?? t.hpa[0.8]! }
    struct Row { let variant: PolicyVariant; let tune: Cost; let report: Cost; let tuneMet: Int; let reportMet: Int }
    let rows = PolicyVariant.grid.map { v in
        Row(variant: v,
            tune: costs.reduce(Cost()) { $0 + $1.variants[v]!.tune }, report: costs.reduce(Cost()) { $0 + $1.variants[v]!.report },
            tuneMet: costs.count { meetsTarget($0.variants[v]!.tune, hpa: hpa($0).tune) },
            reportMet: costs.count { meetsTarget($0.variants[v]!.report, hpa: hpa($0).report) })
    }
    let hpaReport = costs.reduce(Cost()) { $0 + hpa($1).report }
    say("\n\(model), start-up delay \(format(delay)) s: totals over \(costs.count) traces; met = traces with ≥ 50 % fewer under-provisioned minutes than HPA (target \(format(hpaTarget))) at no more slack")
    say("  policy                          | tune under  slack  met | report under  slack  met")
    for u in hpaTargets {
        let t = costs.reduce(Cost()) { $0 + $1.hpa[u]!.tune }, r = costs.reduce(Cost()) { $0 + $1.hpa[u]!.report }
        say("  " + padded("reactive HPA u\(format(u))", 31) + String(format: " | %10.0f %6.1f    - | %12.0f %6.1f    -", t.under, t.slack, r.under, r.slack))
    }
    for row in rows.sorted(by: { ($0.tune.slack, $0.tune.under) < ($1.tune.slack, $1.tune.under) }) {
        say("  " + padded(row.variant.label, 31) + String(format: " | %10.0f %6.1f %4d | %12.0f %6.1f %4d",
                     row.tune.under, row.tune.slack, row.tuneMet, row.report.under, row.report.slack, row.reportMet))
    }
    let chosen = rows.min { a, b in
        (-a.tuneMet, a.tune.under, a.tune.slack) < (-b.tuneMet, b.tune.under, b.tune.slack)
    }!
    say("\nchosen on the tune parts: \(chosen.variant.label) (met on \(chosen.tuneMet)/\(costs.count) there)")
    var shownRows = [chosen]
    for label in shown {
        guard let row = rows.first(where: { $0.variant.label == label }) else {
            say("no policy \(label) in the grid; labels look like `q0.9 u0.8 lead -now stab0`")
            continue
        }
        shownRows.append(row)
    }
    for (k, row) in shownRows.enumerated() {
        say("report parts, \(model), delay \(format(delay)) s, \(row.variant.label)\(k == 0 ? " (chosen)" : " (--show)") vs reactive HPA u\(format(hpaTarget)):")
        say("  trace                                    under    HPA   Δunder |  slack    HPA  Δslack | target")
        for t in costs {
            let p = t.variants[row.variant]!.report, h = hpa(t).report
            say("  " + padded(t.label, 38) + String(format: " %7.0f %6.0f %+7.0f %% | %6.1f %6.1f %+6.0f %% | %@", p.under, h.under,
                         -reduction(p, hpa: h) * 100, p.slack, h.slack, h.slack > 0 ? (p.slack / h.slack - 1) * 100 : 0,
                         (meetsTarget(p, hpa: h) ? "met" : "missed") as NSString))
        }
        say("  " + padded("total", 38) + String(format: " %7.0f %6.0f %+7.0f %% | %6.1f %6.1f %+6.0f %% | met on %d/%d",
                     row.report.under, hpaReport.under, -reduction(row.report, hpa: hpaReport) * 100, row.report.slack, hpaReport.slack,
                     hpaReport.slack > 0 ? (row.report.slack / hpaReport.slack - 1) * 100 : 0, row.reportMet, costs.count))
    }
}
