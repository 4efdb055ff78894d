import Forecasting
import Foundation

/// The human-readable form of an `EvaluationReport`.
struct EvaluationTable {
    let report: EvaluationReport

    func render() -> String {
        let r = report
        var lines = [
            "series \(r.series) · interval \(formatNumber(r.intervalSeconds)) s · n \(r.n) (filled \(r.filled), collapsed \(r.collapsed)) · train \(r.nTrain) / val \(r.nVal) / test \(r.nTest)",
            "model \(r.model) · fit \(String(format: "%.3f", r.fitSeconds)) s · forecast \(String(format: "%.3f", r.forecastSeconds)) s",
        ]
        let coverage = Dictionary(r.orderedCoverage.map { ($0.minutes, $0.levels) }, uniquingKeysWith: { first, _ in first })
        let levels = Array(Set(coverage.values.flatMap { $0.map(\.level) })).sorted()
        let header = ["horizon", "steps", "origins", "MAE", "RMSE", "SMAPE %", "MASE", "R²"]
            + levels.map { "in \(IntervalCoverage.percentText($0)) %" }
        let rows = r.orderedHorizons.map { minutes, s in
            ["\(minutes) min", "\(s.steps)", "\(s.origins)", fixed(s.mae, 6), fixed(s.rmse, 6), fixed(s.smape, 3), fixed(s.mase, 4), fixed(s.r2, 4)]
                + levels.map { level in
                    (coverage[minutes]?.first { $0.level == level }?.share).map { fixed(100 * $0, 1) } ?? "—"
                }
        }
        lines.append(contentsOf: TextTable(header: header, rows: rows).lines())
        if !levels.isEmpty {
            lines.append("in c %: percent of test targets inside the model's central c % prediction interval")
        }
        return lines.joined(separator: "\n")
    }

    private func fixed(_ x: Double, _ digits: Int) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : "—"
    }

    private func formatNumber(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
