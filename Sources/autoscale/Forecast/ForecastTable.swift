import Foundation
import Pipeline

/// The human-readable form of a `SeriesForecastReport`: one row per step, the bounds of
/// each coverage beside the forecast.
struct ForecastTable {
    let report: SeriesForecastReport

    func render() -> String {
        let r = report
        let keys = r.forecasts.first?.intervals.map { Array($0.keys).sorted { Double($0) ?? 0 < Double($1) ?? 0 } } ?? []
        var lines = [
            "series \(r.series) · interval \(Int(r.intervalSeconds)) s · n \(r.n) · model \(r.model) · fit \(String(format: "%.3f", r.fitSeconds)) s"
                + (keys.isEmpty ? " · no intervals for this model" : ""),
        ]
        let header = ["timestamp (UTC)", "ahead", "forecast"] + keys.flatMap { ["\($0)% low", "\($0)% high"] }
        let rows = r.forecasts.map { step in
            [step.timestamp, "\(formatMinutes(step.minutesAhead)) min", number(step.value)]
                + keys.flatMap { key in (step.intervals?[key] ?? [.nan, .nan]).map(number) }
        }
        lines.append(contentsOf: TextTable(header: header, rows: rows).lines())
        return lines.joined(separator: "\n")
    }

    private func number(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "—" }

    private func formatMinutes(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x) }
}
