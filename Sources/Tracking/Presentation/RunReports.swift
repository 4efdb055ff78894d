/// The plain-text forms `runs` prints. Kept in the library (not the executable) so golden-file
/// tests can check them with a fixed clock and id generator.
public enum RunReports {
    public static func list(_ list: RunList) -> String {
        var columns: [TextTable.Column] = [.init("RUN"), .init("NAME"), .init("EXPERIMENT"), .init("STATUS"), .init("STARTED"), .init("DURATION", .right)]
        columns += list.columns.map { TextTable.Column($0, $0.hasPrefix("metrics.") ? .right : .left) }
        var table = TextTable(columns)
        for run in list.runs {
            var row = [run.id.short, run.name, run.experiment, run.status.rawValue, ValueFormatting.time(run.startTime),
                       ValueFormatting.duration(from: run.startTime, to: run.endTime)]
            for column in list.columns {
                let (namespace, key) = split(column)
                switch namespace {
                case "metrics": row.append(ValueFormatting.number(run.metrics[key]))
                case "params": row.append(run.params[key] ?? "—")
                default: row.append(run.tags[key] ?? "—")
                }
            }
            table.append(row)
        }
        return table.render() + "\n\(list.runs.count) run\(list.runs.count == 1 ? "" : "s")"
    }

    public static func show(_ run: RunDetails) -> String {
        var out: [String] = []
        out.append("Run \(run.header.id) (\(run.header.name))")
        var facts: [(String, String)] = [
            ("experiment", run.header.experiment), ("status", run.header.status.rawValue),
            ("started", ValueFormatting.time(run.startTime)),
            ("ended", run.endTime.map { "\(ValueFormatting.time($0)) (\(ValueFormatting.duration(from: run.startTime, to: $0)))" } ?? "—"),
            ("heartbeat", ValueFormatting.time(run.heartbeat)),
            ("seed", run.seed.map { String($0) } ?? "—"),
        ]
        if let source = run.source { facts.append(("source", "\(source.file) @ \(source.specHash.prefix(12))")) }
        let width = facts.map(\.0.count).max() ?? 0
        out += facts.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }

        out.append("\nParams")
        var params = TextTable([.init("KEY"), .init("VALUE")])
        for key in run.params.keys.sorted() { params.append([key, run.params[key] ?? ""]) }
        out.append(run.params.isEmpty ? "  (none)" : params.render(indent: "  "))

        out.append("\nMetrics")
        var metrics = TextTable([.init("KEY"), .init("LATEST", .right), .init("STEP", .right), .init("POINTS", .right),
                                 .init("MIN", .right), .init("MAX", .right), .init("STEPS"), .init("BETTER")])
        for m in run.metrics {
            metrics.append([m.key, ValueFormatting.number(m.latest), String(m.latestStep),
                            m.nanCount > 0 ? "\(m.count) (\(m.nanCount) NaN)" : String(m.count),
                            ValueFormatting.number(m.min), ValueFormatting.number(m.max), "\(m.firstStep)…\(m.lastStep)",
                            m.direction == .min ? "lower" : "higher"])
        }
        out.append(run.metrics.isEmpty ? "  (none)" : metrics.render(indent: "  "))

        if !run.tags.isEmpty {
            out.append("\nTags")
            var tags = TextTable([.init("KEY"), .init("VALUE")])
            for key in run.tags.keys.sorted() { tags.append([key, run.tags[key] ?? ""]) }
            out.append(tags.render(indent: "  "))
        }

        out.append("\nArtifacts")
        var artifacts = TextTable([.init("NAME"), .init("KIND"), .init("SIZE", .right), .init("SHA256")])
        for a in run.artifacts { artifacts.append([a.name, a.kind, ValueFormatting.size(a.size), a.sha256]) }
        out.append(run.artifacts.isEmpty ? "  (none)" : artifacts.render(indent: "  "))

        out.append("\nLineage")
        if run.ancestors.isEmpty && run.children.isEmpty && run.modelVersions.isEmpty { out.append("  (none)") }
        for (depth, ancestor) in run.ancestors.enumerated() {
            out.append("  \(depth == 0 ? "parent" : "ancestor")  \(ancestor.id.short)  \(ancestor.name)  \(ancestor.status.rawValue)")
        }
        for child in run.children { out.append("  child   \(child.id.short)  \(child.name)  \(child.status.rawValue)") }
        for version in run.modelVersions { out.append("  model   \(version)") }
        return out.joined(separator: "\n")
    }

    public static func diff(_ diff: RunDiff) -> String {
        var out = ["A  \(diff.a.id.short)  \(diff.a.name)  \(diff.a.status.rawValue)",
                   "B  \(diff.b.id.short)  \(diff.b.name)  \(diff.b.status.rawValue)", "", "Params that differ"]
        if diff.params.isEmpty {
            out.append("  (none)")
        } else {
            var table = TextTable([.init("KEY"), .init("A"), .init("B")])
            for change in diff.params { table.append([change.key, change.a ?? "—", change.b ?? "—"]) }
            out.append(table.render(indent: "  "))
        }
        out += ["", "Metrics (B against A)"]
        if diff.metrics.isEmpty {
            out.append("  (none)")
        } else {
            var table = TextTable([.init("KEY"), .init("A", .right), .init("B", .right), .init("CHANGE", .right),
                                   .init("RELATIVE", .right), .init("B IS")])
            for m in diff.metrics {
                table.append([m.key, ValueFormatting.number(m.a), ValueFormatting.number(m.b), ValueFormatting.signed(m.absolute),
                              ValueFormatting.percent(m.relative), verdict(m)])
            }
            out.append(table.render(indent: "  "))
        }
        return out.joined(separator: "\n")
    }

    public static func compare(_ comparison: RunComparison) -> String {
        var columns: [TextTable.Column] = [.init("METRIC")]
        columns += comparison.runs.map { TextTable.Column($0.id.short, .right) }
        columns.append(.init("BEST"))
        var table = TextTable(columns)
        for row in comparison.rows {
            var cells = [row.metric]
            for (index, value) in row.values.enumerated() {
                cells.append(ValueFormatting.number(value) + (row.best.contains(index) ? " *" : "  "))
            }
            cells.append(row.direction == .min ? "lowest" : "highest")
            table.append(cells)
        }
        let legend = comparison.runs.map { "  \($0.id.short)  \($0.name)  \($0.experiment)  \($0.status.rawValue)" }
        return table.render() + "\n\n* best in its row\nRuns\n" + legend.joined(separator: "\n")
    }

    public static func experiments(_ experiments: [ExperimentSummary]) -> String {
        if experiments.isEmpty { return "No experiments yet; runs logged with --track create them." }
        var table = TextTable([.init("EXPERIMENT"), .init("RUNS", .right), .init("RUNNING", .right), .init("LAST ACTIVITY"), .init("CREATED")])
        for experiment in experiments {
            table.append([experiment.name, String(experiment.runs), String(experiment.running),
                          ValueFormatting.time(experiment.lastActivity), ValueFormatting.time(experiment.created)])
        }
        let count = "\(experiments.count) experiment\(experiments.count == 1 ? "" : "s")"
        return table.render() + "\n\(count); list the runs of one with `runs list --experiment \(shellWord(experiments[0].name))`"
    }

    /// `text` as one shell word: as is when it has only safe characters, else single-quoted.
    static func shellWord(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,")
        if !text.isEmpty && text.allSatisfy(safe.contains) { return text }
        return "'" + text.map { $0 == "'" ? "'\\''" : String($0) }.joined() + "'"
    }

    public static func history(_ history: MetricHistory, sparklineWidth: Int = 60) -> String {
        let values = history.points.map(\.value)
        let finite = values.filter(\.isFinite)
        var out = ["\(history.key) of run \(history.run.short): \(values.count) point\(values.count == 1 ? "" : "s")"
                   + (finite.isEmpty ? "" : ", min \(ValueFormatting.number(finite.min())), max \(ValueFormatting.number(finite.max()))"),
                   Sparkline.render(values, width: sparklineWidth), ""]
        var table = TextTable([.init("STEP", .right), .init("TIME"), .init("VALUE", .right)])
        for point in history.points {
            table.append([String(point.step), ValueFormatting.time(point.timestamp), ValueFormatting.number(point.value)])
        }
        out.append(table.render())
        return out.joined(separator: "\n")
    }

    private static func verdict(_ change: MetricChange) -> String {
        switch change.verdict {
        case .better: return "better \(change.direction == .min ? "▼" : "▲")"
        case .worse: return "worse \(change.direction == .min ? "▲" : "▼")"
        case .same: return "same"
        case .incomparable: return "—"
        }
    }

    private static func split(_ column: String) -> (String, String) {
        guard let dot = column.firstIndex(of: ".") else { return ("", column) }
        return (String(column[..<dot]), String(column[column.index(after: dot)...]))
    }
}
