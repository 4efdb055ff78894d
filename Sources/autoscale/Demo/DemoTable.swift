import Forecasting
import Foundation
import Pipeline

/// One line per (container, metric, model): MAE per horizon and MAE relative to naive.
struct DemoTable {
    let report: DemoReport

    func render() -> String {
        let minutes = report.rows.first?.report.orderedHorizons.map(\.minutes) ?? []
        let header = ["container", "metric", "model"] + minutes.map { "MAE \($0)m" } + minutes.map { "relMAE \($0)m" } + ["fit s"]
        let rows = report.rows.map { row in
            let scores = row.report.orderedHorizons
            let relative = report.relativeMAE(row) ?? [:]
            return [row.container, row.metric, row.report.model]
                + scores.map { String(format: "%.5f", $0.score.mae) }
                + minutes.map { relative[$0].map { String(format: "%.3f", $0) } ?? "—" }
                + [String(format: "%.3f", row.report.fitSeconds)]
        }
        let intro = "data \(report.dataPath) (seed \(report.seed)); MAE on train-scaled values, relMAE = MAE / MAE(naive), below 1 beats the last value"
        return ([intro] + TextTable(header: header, rows: rows).lines()).joined(separator: "\n")
    }
}
