import Forecasting
import Foundation
import Pipeline

/// The human-readable form of a `GlobalEvaluationResult`: per series the test MAE and
/// MAE ÷ naive MAE at each horizon, then the geometric mean of the ratios (relMAE).
struct GlobalEvaluationTable {
    let result: GlobalEvaluationResult

    func render() -> String {
        let horizons = result.series.first?.orderedHorizons.map(\.minutes) ?? []
        var lines = [
            "model \(result.model), trained once across \(result.series.count) series · fit \(String(format: "%.3f", result.fitSeconds)) s",
        ]
        let header = ["series", "train / val / test"] + horizons.flatMap { ["MAE \($0) min", "÷ naive"] }
        var rows = zip(result.series, result.naive).map { report, naive in
            [report.series, "\(report.nTrain) / \(report.nVal) / \(report.nTest)"] + horizons.flatMap { minutes -> [String] in
                let key = String(minutes)
                let mae = report.horizons[key]?.mae ?? .nan, base = naive.horizons[key]?.mae ?? .nan
                return [fixed(mae, 6), fixed(mae / base, 3)]
            }
        }
        let relative = result.relativeMAE
        rows.append(["relMAE (geometric mean)", ""] + horizons.flatMap { ["", relative[$0].map { fixed($0, 3) } ?? "—"] })
        lines.append(contentsOf: TextTable(header: header, rows: rows).lines())
        lines.append("MAE on each series' train-scaled values; ÷ naive: that MAE over the naive forecast's on the same origins")
        return lines.joined(separator: "\n")
    }

    private func fixed(_ x: Double, _ digits: Int) -> String {
        x.isFinite ? String(format: "%.\(digits)f", x) : "—"
    }
}
