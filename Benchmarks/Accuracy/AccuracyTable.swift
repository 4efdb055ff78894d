import Foundation

/// The plain-text report of `bench-accuracy`: per folder, one row per model (ours and the
/// reference tools'), the protocol check, then the target lines.
enum AccuracyTable {
    static let horizons = ["5", "15", "30"]

    static func render(_ folders: [FolderResult]) -> String {
        folders.map(render).joined(separator: "\n")
    }

    static func render(_ result: FolderResult) -> String {
        var lines: [String] = []
        let count = result.summaries.first?.series ?? 0
        lines.append("\(result.folder) · \(count) series")
        if let check = result.protocolCheck {
            lines.append("  protocol: the reference's naive MAE equals ours on \(check.comparisons) series × horizons "
                         + "(max |difference| \(String(format: "%.1e", check.maxAbsoluteDifference)) ≤ \(ProtocolCheck.tolerance))")
        }
        lines.append("  " + pad("model", 34) + pad("relMAE 5 / 15 / 30", 24) + pad("fit s median / total", 22) + pad("CPU s", 9)
                     + pad("cover 80% 5/15/30", 20) + "cover 95% 5/15/30")
        for s in result.summaries {
            let name = s.tool == "ours" ? "\(s.model) (ours)" : s.tool
            lines.append("  " + pad(name, 34) + pad(triple(s.relMAE, "%.3f"), 24)
                         + pad(String(format: "%.2f / %.1f", s.medianFitSeconds, s.fitSeconds), 22)
                         + pad(String(format: "%.1f", s.cpuSeconds), 9)
                         + pad(coverage(s.coverage, "0.8"), 20) + coverage(s.coverage, "0.95"))
            if s.tool == "ours", let published = published(folder: result.folder, model: s.model) {
                lines.append("    published: \(published.tool) \(published.relMAE.map { String(format: "%.3f", $0) }.joined(separator: " / "))")
            }
        }
        lines.append(contentsOf: targetLines(result.targets))
        return lines.joined(separator: "\n")
    }

    static func targetLines(_ t: TargetLines) -> [String] {
        var lines = ["  targets:"]
        if let best = t.best {
            let ratios = horizons.map { h in best.ratio[h].map { String(format: "%.3f", $0) + " (\(best.against[h] ?? "?"))" } ?? "—" }
            let missing = best.missing.isEmpty ? "" : " (\(best.missing.joined(separator: ", ")) not run: provisional)"
            lines.append("    best of ours (\(best.model)) ÷ better of LightGBM / N-HiTS, 5/15/30: \(ratios.joined(separator: " / "))"
                         + " → \(best.met ? "met" : "not met") (goal ≤ \(TargetLines.goal))\(missing)")
        }
        for fit in [t.gbtFit, t.nhitsFit].compactMap({ $0 }) {
            lines.append("    \(fit.model) fit ÷ \(fit.reference) fit: median wall \(String(format: "%.3f", fit.medianWallRatio)), "
                         + "total CPU \(String(format: "%.3f", fit.cpuRatio))")
        }
        if let arima = t.autoarima {
            lines.append("    autoarima (ours) ÷ AutoARIMA (statsforecast), 5/15/30: \(triple(arima, "%.3f")) (goal ≤ 1)")
        }
        if lines.count == 1 { lines.append("    (none: run a reference tool and one of our models)") }
        return lines
    }

    static func triple(_ values: [String: Double], _ format: String) -> String {
        horizons.map { values[$0].map { String(format: format, $0) } ?? "—" }.joined(separator: " / ")
    }

    static func coverage(_ coverage: [String: [String: Double]]?, _ level: String) -> String {
        guard let coverage else { return "—" }
        return horizons.map { coverage[$0]?[level].map { String(format: "%.2f", $0) } ?? "—" }.joined(separator: " / ")
    }

    static func published(folder: String, model: String) -> TargetFigures.Row? {
        (folder == "nab" ? TargetFigures.nab : folder == "azure_v1_vms" ? TargetFigures.azure : []).first { $0.model == model }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
