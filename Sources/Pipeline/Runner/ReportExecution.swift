import Foundation
import Tracking

/// `kind: report`: the evaluated runs side by side (validation and test MASE per horizon,
/// the selected run of each series marked `*`, registered versions listed) as a text
/// table, `report.md`, and per series an SVG of validation MASE against horizon per model.
/// The runner stores the files as artifacts of the pipeline's run.
enum ReportExecution {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    static func run(_ stage: ReportStage, _ input: StageInput) throws -> StageResult {
        var evaluated: [EvaluateProduct] = []
        var selected = Set<RunID>()
        var registered: [RegisterProduct] = []
        for item in input.inputs {
            switch item.product {
            case .evaluated(let e): evaluated.append(e)
            case .selection(let s): selected.insert(s.run)
            case .registered(let r): registered.append(r); selected.insert(r.run)
            default: break
            }
        }
        evaluated.sort { ($0.series, $0.model) < ($1.series, $1.model) }
        let minutes = Set(evaluated.flatMap(\.metrics.keys).compactMap(Self.minutes)).sorted()
        var columns: [TextTable.Column] = [.init("series"), .init("model")]
        columns += minutes.map { .init("val MASE \($0)m", .right) }
        columns += minutes.map { .init("test MASE \($0)m", .right) }
        columns.append(.init("run"))
        var table = TextTable(columns)
        var markdown = "# \(stage.title ?? "Pipeline \(input.tracking.pipeline)")\n\n"
        markdown += "| series | model | " + minutes.map { "val MASE \($0)m" }.joined(separator: " | ") + " | "
            + minutes.map { "test MASE \($0)m" }.joined(separator: " | ") + " | run |\n"
        markdown += "|---|---|" + String(repeating: "---:|", count: 2 * minutes.count) + "---|\n"
        for e in evaluated {
            let mark = selected.contains(e.run) ? " *" : ""
            let val = minutes.map { format(e.metrics["val_mase_\($0)m"]) }
            let test = minutes.map { format(e.metrics["mase_\($0)m"]) }
            table.append([e.series, e.model + mark] + val + test + [e.run.short])
            markdown += "| \(e.series) | \(e.model)\(mark) | " + (val + test).joined(separator: " | ") + " | \(e.run.short) |\n"
        }
        var text = (stage.title.map { "\($0)\n" } ?? "") + table.render()
        if !text.hasSuffix("\n") { text += "\n" }
        if !selected.isEmpty { text += "* selected on validation\n" }
        markdown += selected.isEmpty ? "" : "\n`*` selected on validation; the test columns are the honest estimate.\n"
        for r in registered.sorted(by: { $0.model < $1.model }) {
            let line = "registered \(r.model) version \(r.version)" + (r.alias.map { " as \($0)" } ?? "") + " from run \(r.run.short)"
            text += line + "\n"
            markdown += "\n- \(line)"
        }
        var files: [String: Data] = [:]
        if stage.markdown { files["report.md"] = Data((markdown + "\n").utf8) }
        if stage.plots {
            for series in Array(Set(evaluated.map(\.series))).sorted() {
                let lines = evaluated.filter { $0.series == series }.enumerated().map { index, e in
                    LinePlot.Line(name: e.model, color: palette[index % palette.count],
                                  points: minutes.map { (Double($0), e.metrics["val_mase_\($0)m"] ?? .nan) })
                }
                let plot = LinePlot(title: "\(series): validation MASE", xLabel: "horizon (minutes)", yLabel: "MASE", lines: lines)
                files["mase_\(series.replacingOccurrences(of: "/", with: "_")).svg"] = Data(plot.svg().utf8)
            }
        }
        return StageResult(product: .report(ReportProduct(table: text, files: files.keys.sorted())), files: files)
    }

    /// 15 from `val_mase_15m` / `mase_15m`.
    static func minutes(_ key: String) -> Int? {
        guard key.hasPrefix("mase_") || key.hasPrefix("val_mase_"), key.hasSuffix("m") else { return nil }
        return Int(key.dropLast().split(separator: "_").last ?? "")
    }

    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.4f", value)
    }
}
