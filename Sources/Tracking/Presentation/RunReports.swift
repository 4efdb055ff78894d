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

        if let stages = run.stages { out.append("\n" + StageReport.render(stages)) }

        // Stage outcomes are shown above; the other tags here.
        // Stage outcomes have their own section; cache keys (`cache.<stage>`, for `runs gc`) are
        // 64 hex characters each and only in --json.
        let plainTags = run.tags.keys.filter { !StageOutcomes.isStageTag($0) && !$0.hasPrefix("cache.") }.sorted()
        if !plainTags.isEmpty {
            out.append("\nTags")
            var tags = TextTable([.init("KEY"), .init("VALUE")])
            for key in plainTags { tags.append([key, run.tags[key] ?? ""]) }
            out.append(tags.render(indent: "  "))
        }

        out.append("\nArtifacts")
        var artifacts = TextTable([.init("NAME"), .init("KIND"), .init("SIZE", .right), .init("SHA256")])
        for a in run.artifacts { artifacts.append([a.name, a.kind, ValueFormatting.size(a.size), a.sha256]) }
        out.append(run.artifacts.isEmpty ? "  (none)" : artifacts.render(indent: "  "))

        // Children get their own section below; Lineage keeps the parent chain and model versions.
        if !(run.ancestors.isEmpty && run.modelVersions.isEmpty && !run.childRuns.isEmpty) {
            out.append("\nLineage")
            if run.ancestors.isEmpty && run.modelVersions.isEmpty { out.append("  (none)") }
            for (depth, ancestor) in run.ancestors.enumerated() {
                out.append("  \(depth == 0 ? "parent" : "ancestor")  \(ancestor.id.short)  \(ancestor.name)  \(ancestor.status.rawValue)")
            }
            for version in run.modelVersions { out.append("  model   \(version)") }
        }
        if !run.childRuns.isEmpty { out.append("\n" + ChildReport.render(run.childRuns, metric: run.childMetric)) }
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

    /// The comparison as tables no wider than `width` characters where the cells allow: the
    /// run columns are split into pages, each repeating the key and direction columns. Columns
    /// are headed by run names (told apart by an id suffix when they repeat); the first rows are
    /// the params and tags that differ between the runs.
    public static func compare(_ comparison: RunComparison, width: Int = 80, maxDistinguishing: Int = 10) -> String {
        let names = distinctNames(comparison.runs)
        var labels: [String] = [], cells: [[String]] = [], trailing: [String] = []
        let shown = comparison.distinguishing.prefix(maxDistinguishing)
        for key in shown {
            labels.append(key.key)
            cells.append(key.values.map { clipped($0 ?? "—", to: 24) })
            trailing.append("")
        }
        if !shown.isEmpty && !comparison.rows.isEmpty {
            labels.append(""); cells.append(comparison.runs.map { _ in "" }); trailing.append("")
        }
        for row in comparison.rows {
            labels.append(row.metric)
            cells.append(row.values.enumerated().map { index, value in
                ValueFormatting.number(value) + (row.best.contains(index) ? " *" : "  ")
            })
            trailing.append(row.direction == .min ? "lowest" : "highest")
        }

        let labelWidth = max(3, labels.map(\.count).max() ?? 0)
        let fixed = labelWidth + 2 + max(4, trailing.map(\.count).max() ?? 0)
        // Long names break after '/' and before " #" to about the width of the column's values.
        let heads = comparison.runs.indices.map { run in
            wrapped(names[run], width: max(10, cells.map { $0[run].count }.max() ?? 0))
        }
        let columnWidths = comparison.runs.indices.map { run in
            max(heads[run].split(separator: "\n").map(\.count).max() ?? 0, cells.map { $0[run].count }.max() ?? 0)
        }
        var pages: [[Int]] = []
        var used = fixed
        for run in comparison.runs.indices {
            if let last = pages.last, !last.isEmpty, used + 2 + columnWidths[run] > width {
                pages.append([])
                used = fixed
            }
            if pages.isEmpty { pages.append([]) }
            pages[pages.count - 1].append(run)
            used += 2 + columnWidths[run]
        }

        var out: [String] = []
        for (number, page) in pages.enumerated() {
            if pages.count > 1 {
                if number > 0 { out.append("") }
                let first = page[0] + 1, last = page[page.count - 1] + 1
                out.append(first == last ? "Run \(first) of \(comparison.runs.count)" : "Runs \(first)–\(last) of \(comparison.runs.count)")
            }
            var table = TextTable([.init("KEY")] + page.map { TextTable.Column(heads[$0], .right) } + [.init("BEST")])
            for line in labels.indices {
                table.append([labels[line]] + page.map { cells[line][$0] } + [trailing[line]])
            }
            out.append(table.render())
        }
        if comparison.distinguishing.count > shown.count, comparison.runs.count >= 2 {
            out.append("… and \(comparison.distinguishing.count - shown.count) more params and tags that differ "
                       + "(all with --json; two runs side by side with `runs diff \(comparison.runs[0].id.short) \(comparison.runs[1].id.short)`)")
        }

        let multiSeries = Set(comparison.series).count > 1
        out.append("")
        if !multiSeries {
            out.append("* best in its row")
        } else if comparison.acrossSeries {
            out.append("* best in its row over all runs, across series")
        } else {
            out.append("* best in its row among runs of the same series (tags \(RunComparison.seriesTags.joined(separator: ", ")));")
            out.append("  add --across-series to mark the best over all runs")
        }
        var legend = TextTable([.init("NAME"), .init("RUN"), .init("EXPERIMENT"), .init("STATUS")] + (multiSeries ? [.init("SERIES")] : []))
        for (index, run) in comparison.runs.enumerated() {
            legend.append([names[index], run.id.short, run.experiment, run.status.rawValue]
                          + (multiSeries ? [comparison.series[index].isEmpty ? "—" : comparison.series[index]] : []))
        }
        out.append(legend.render())
        return out.joined(separator: "\n")
    }

    /// Run names for column heads: a name several of the runs share gets " #" and the first six
    /// characters of the run id, so the heads tell the runs apart.
    public static func distinctNames(_ runs: [RunHeader]) -> [String] {
        let counts = runs.reduce(into: [String: Int]()) { $0[$1.name, default: 0] += 1 }
        return runs.map { counts[$0.name, default: 0] > 1 ? "\($0.name) #\($0.id.rawValue.prefix(6))" : $0.name }
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

    /// `name` in lines of at most `width` characters where it can break: after a '/' and before
    /// a " #" id suffix. A piece longer than `width` stays whole.
    static func wrapped(_ name: String, width: Int) -> String {
        var pieces: [String] = []
        var piece = ""
        for character in name {
            if character == " " && !piece.isEmpty { pieces.append(piece); piece = "" }
            piece.append(character)
            if character == "/" { pieces.append(piece); piece = "" }
        }
        if !piece.isEmpty { pieces.append(piece) }
        var lines: [String] = []
        for piece in pieces {
            if let last = lines.last, last.count + piece.count <= width {
                lines[lines.count - 1] = last + piece
            } else {
                lines.append(lines.isEmpty ? piece : String(piece.drop { $0 == " " }))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func clipped(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
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
