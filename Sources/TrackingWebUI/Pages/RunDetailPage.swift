import Tracking

/// `/runs/<id>`: a run's attributes, lineage (parent chain, children, data and spec hashes, model
/// versions), params, latest metrics, per-step charts of every metric logged more than once,
/// tags, and artifacts with their SHA-256 and a download link.
enum RunDetailPage {
    /// Tags pipelines set to tie a run to its inputs (docs/formats/pipeline-yaml.md).
    static let lineageTags = ["spec_hash", "data_hash"]
    /// At most this many charts on one page (the metrics with the most points first).
    static let maxCharts = 24

    static func render(_ run: RunDetails, histories: [String: [MetricHistory.Point]]) -> HTML {
        let header = run.header
        let id = header.id.rawValue
        let experimentLink = "/runs?" + FormFields.encode([("experiment", header.experiment)])
        let summary: HTML = """
        <h1 id="run-title">\(header.name)</h1>
        <table id="attributes"><tbody>
        <tr><th>id</th><td class="hash">\(id)</td></tr>
        <tr><th>experiment</th><td><a href="\(experimentLink)">\(header.experiment)</a></td></tr>
        <tr><th>status</th><td>\(header.status.rawValue)</td></tr>
        <tr><th>start</th><td>\(DisplayFormat.time(run.startTime))</td></tr><tr><th>end</th><td>\(DisplayFormat.time(run.endTime))</td></tr>
        <tr><th>seed</th><td>\(run.seed.map(String.init) ?? "—")</td></tr>
        </tbody></table>
        """
        return Layout.page(title: header.name, current: .runs, body: summary + lineage(run) + params(run) + metrics(run)
                           + charts(run, histories: histories) + tags(run) + artifacts(run))
    }

    static func lineage(_ run: RunDetails) -> HTML {
        var rows: [HTML] = []
        for (depth, ancestor) in run.ancestors.enumerated() {
            let label = depth == 0 ? "parent" : "ancestor \(depth + 1)"
            rows.append("<tr><th>\(label)</th><td class=\"parent\">\(Layout.runLink(id: ancestor.id.rawValue, name: ancestor.name))</td></tr>")
        }
        if let source = run.source {
            rows.append("<tr><th>source</th><td>\(source.file)</td></tr><tr><th>source spec hash</th><td class=\"hash\">\(source.specHash)</td></tr>")
        }
        for key in lineageTags {
            if let value = run.tags[key] { rows.append("<tr><th>\(key)</th><td class=\"hash \(key)\">\(value)</td></tr>") }
        }
        if !run.modelVersions.isEmpty {
            rows.append("<tr><th>model versions</th><td><a href=\"/models\">\(run.modelVersions.joined(separator: ", "))</a></td></tr>")
        }
        var html: HTML = "<h2>Lineage</h2>"
        html += rows.isEmpty ? "<p class=\"note\">No parent, source or hashes recorded.</p>" : "<table id=\"lineage\"><tbody>\(HTML.join(rows))</tbody></table>"
        if !run.childRuns.isEmpty {
            let metric = run.childMetric
            let childRows = HTML.join(run.childRuns.map { child -> HTML in
                "<tr><td>\(Layout.runLink(id: child.id.rawValue, name: child.name))</td><td>\(child.status.rawValue)</td><td>\(DisplayFormat.time(child.startTime))</td>\(metric == nil ? "" : Layout.numberCell(child.metric))</tr>"
            })
            let compare = "/compare?" + FormFields.encode(run.childRuns.prefix(8).map { ("run", $0.id.rawValue) })
            html += """
            <h3>Children (\(run.childRuns.count))</h3><table id="children"><thead><tr><th>run</th><th>status</th><th>start</th>\
            \(metric.map { "<th>\($0)</th>" } as HTML?)</tr></thead><tbody>\(childRows)</tbody></table>\
            <p><a href="\(compare)">Compare the first \(min(8, run.childRuns.count)) children</a></p>
            """
        }
        return html
    }

    static func params(_ run: RunDetails) -> HTML {
        run.params.isEmpty ? "<h2>Params</h2><p class=\"note\">None.</p>" : "<h2>Params</h2>" + keyValueTable(run.params, id: "params")
    }

    /// A two-column table of `values` sorted by key: key as header cell, value as text.
    static func keyValueTable(_ values: [String: String], id: String) -> HTML {
        let rows = HTML.join(values.sorted { $0.key < $1.key }.map { key, value -> HTML in "<tr><th>\(key)</th><td>\(value)</td></tr>" })
        return "<table id=\"\(id)\"><tbody>\(rows)</tbody></table>"
    }

    static func metrics(_ run: RunDetails) -> HTML {
        if run.metrics.isEmpty { return "<h2>Metrics</h2><p class=\"note\">None.</p>" }
        let rows = HTML.join(run.metrics.map { metric -> HTML in
            """
            <tr><th>\(metric.key)</th>\(Layout.numberCell(metric.latest))<td class="num">\(metric.latestStep)</td>\
            <td class="num">\(metric.count)</td><td class="num">\(metric.nanCount)</td>\(Layout.numberCell(metric.min))\(Layout.numberCell(metric.max))</tr>
            """
        })
        return """
        <h2>Metrics</h2><table id="metrics"><thead><tr><th>metric</th><th>latest</th><th>step</th><th>points</th><th>NaN</th>\
        <th>min</th><th>max</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }

    /// Keys of the metrics worth a chart: logged at more than one step, most points first.
    static func chartedKeys(_ run: RunDetails) -> [String] {
        Array(run.metrics.filter { $0.count > 1 }.sorted { ($1.count, $0.key) < ($0.count, $1.key) }.prefix(maxCharts).map(\.key))
    }

    static func charts(_ run: RunDetails, histories: [String: [MetricHistory.Point]]) -> HTML {
        let keys = chartedKeys(run).filter { histories[$0] != nil }.sorted()
        if keys.isEmpty { return "" }
        let figures = HTML.join(keys.map { key in
            LineChart(title: key, series: [ChartSeries(label: key, points: (histories[key] ?? []).map { (Double($0.step), $0.value) })]).html
        })
        return "<h2>Metric history</h2><div class=\"charts\" id=\"charts\">\(figures)</div>"
    }

    static func tags(_ run: RunDetails) -> HTML {
        run.tags.isEmpty ? "" : "<h2>Tags</h2>" + keyValueTable(run.tags, id: "tags")
    }

    static func artifacts(_ run: RunDetails) -> HTML {
        if run.artifacts.isEmpty { return "<h2>Artifacts</h2><p class=\"note\">None.</p>" }
        let rows = HTML.join(run.artifacts.map { artifact -> HTML in
            let link = "/runs/\(FormFields.percentEncode(run.header.id.rawValue))/artifacts/\(FormFields.percentEncode(artifact.name))"
            return """
            <tr><td><a href="\(link)" download>\(artifact.name)</a></td><td>\(artifact.kind)</td>\
            <td class="num">\(DisplayFormat.bytes(artifact.size))</td><td class="hash">\(artifact.sha256)</td></tr>
            """
        })
        return """
        <h2>Artifacts</h2><table id="artifacts"><thead><tr><th>name</th><th>kind</th><th>size</th><th>SHA-256</th></tr></thead>\
        <tbody>\(rows)</tbody></table>
        """
    }
}
