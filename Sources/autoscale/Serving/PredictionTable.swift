import Foundation
import Serving

/// `autoscale predict` as a table: one row per metric and horizon.
struct PredictionTable {
    let result: ContainerForecast

    func render() -> String {
        var lines = ["container \(result.container)"]
        let levels = Array(Set(result.forecasts.flatMap { $0.horizons.flatMap { $0.intervals.map(\.level) } })).sorted()
        let header = ["metric", "model", "ahead", "timestamp (UTC)", "forecast", "unit"]
            + levels.flatMap { ["\(Int(($0 * 100).rounded()))% low", "\(Int(($0 * 100).rounded()))% high"] }
        let formatter = ISO8601DateFormatter()
        let rows = result.forecasts.flatMap { forecast in
            forecast.horizons.map { h in
                [forecast.metric, "\(forecast.model)·v\(forecast.version) (\(forecast.kind))", "\(minutes(h.minutes)) min",
                 formatter.string(from: Date(timeIntervalSince1970: h.timestamp)), number(h.value), forecast.unit + (forecast.isRate ? " (rate)" : "")]
                    + levels.flatMap { level in
                        h.intervals.first { abs($0.level - level) < 1e-9 }.map { [number($0.lower), number($0.upper)] } ?? ["—", "—"]
                    }
            }
        }
        lines.append(contentsOf: TextTable(header: header, rows: rows).lines())
        for (metric, reason) in result.skipped.sorted(by: { $0.key < $1.key }) { lines.append("skipped \(metric): \(reason)") }
        if result.forecasts.contains(where: \.isRate) { lines.append("counters are forecast as per-second rates") }
        return lines.joined(separator: "\n")
    }

    private func number(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "—" }
    private func minutes(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
