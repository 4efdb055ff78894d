import Tracking

/// `/runs`: the filter box, the chosen columns (sortable by their header), one page of runs with
/// check boxes that open the compare page, and links to the neighbouring pages.
enum RunsPage {
    /// `page` is nil when the search failed; `error` then says why (a bad filter, an unknown key).
    static func render(query: RunsTableQuery, page: RunPage?, error: String?) -> HTML {
        var body: HTML = "<h1>Runs\(query.experiment.map { " in \($0)" } ?? "")</h1>" + form(query)
        if let error { body += Layout.errorBox(error) }
        if let page {
            let columns = chosenColumns(query: query, page: page)
            body += pager(query: query, page: page) + table(query: query, page: page, columns: columns) + pager(query: query, page: page)
        }
        return Layout.page(title: "Runs", current: .runs, body: body)
    }

    static func form(_ query: RunsTableQuery) -> HTML {
        let experiment: HTML = query.experiment.map { "<input type=\"hidden\" name=\"experiment\" value=\"\($0)\">" } ?? ""
        return """
        <form id="search" method="get" action="/runs">\(experiment)
        <p><label>Filter <input type="text" name="filter" value="\(query.filter ?? "")" placeholder="metrics.mae_15m &lt; 0.05 and (params.model = 'arima' or tags.metric = 'cpu')"></label></p>
        <p><label>Order by <input type="text" name="order" value="\(query.order ?? "")" placeholder="metrics.mae_15m desc"></label></p>
        <p><label>Columns <input type="text" name="columns" value="\(query.columns.joined(separator: ","))" placeholder="params.model,metrics.mae_15m"></label>
        <label>per page <input type="number" name="size" min="1" max="\(RunsTableQuery.maxSize)" value="\(query.size)"></label>
        <button type="submit">Search</button></p>
        <p class="note">Filter language: <code>metrics.K</code>, <code>params.K</code>, <code>tags.K</code>, <code>attributes.status</code> … with
        <code>= != &lt; &lt;= &gt; &gt;= LIKE ILIKE IN</code>, <code>and</code>, <code>or</code>, parentheses (as <code>runs list --filter</code>).</p>
        </form>
        """
    }

    /// The columns to show: the chosen ones, else the keys the filter and order mention followed
    /// by the page's first params and metrics by name.
    static func chosenColumns(query: RunsTableQuery, page: RunPage) -> [String] {
        if !query.columns.isEmpty { return query.columns }
        var columns = page.list.columns
        let params = Set(page.list.runs.flatMap(\.params.keys)).sorted().prefix(RunsTableQuery.defaultColumnCount.params)
        let metrics = Set(page.list.runs.flatMap(\.metrics.keys)).sorted().prefix(RunsTableQuery.defaultColumnCount.metrics)
        for key in params.map({ "params.\($0)" }) + metrics.map({ "metrics.\($0)" }) where !columns.contains(key) { columns.append(key) }
        return columns
    }

    static func table(query: RunsTableQuery, page: RunPage, columns: [String]) -> HTML {
        if page.list.runs.isEmpty { return "<p id=\"no-runs\">No runs match.</p>" }
        let headers = HTML.join(columns.map { key -> HTML in
            let link = query.orderLink(for: key)
            return "<th><a href=\"\(link.url)\">\(key)</a>\(link.mark)</th>"
        })
        let start = query.orderLink(for: "attributes.start_time")
        let rows = HTML.join(page.list.runs.map { run -> HTML in
            let cells = HTML.join(columns.map { cell(run, key: $0) })
            return """
            <tr><td><input type="checkbox" name="run" value="\(run.id.rawValue)" aria-label="select \(run.name)"></td>\
            <td class="run-name">\(Layout.runLink(id: run.id.rawValue, name: run.name))</td><td>\(run.experiment)</td>\
            <td>\(run.status.rawValue)</td><td>\(DisplayFormat.time(run.startTime))</td>\(cells)</tr>
            """
        })
        return """
        <form id="compare" method="get" action="/compare">
        <table id="runs"><thead><tr><th>✓</th><th>run</th><th>experiment</th><th>status</th>\
        <th><a href="\(start.url)">start</a>\(start.mark)</th>\(headers)</tr></thead><tbody>\(rows)</tbody></table>
        <button type="submit">Compare selected runs</button></form>
        """
    }

    static func cell(_ run: RunSummary, key: String) -> HTML {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "<td class=\"missing\">—</td>" }
        switch parts[0] {
        case "metrics": return Layout.numberCell(run.metrics[parts[1]])
        case "params": return run.params[parts[1]].map { "<td>\($0)</td>" } ?? "<td class=\"missing\">—</td>"
        case "tags": return run.tags[parts[1]].map { "<td>\($0)</td>" } ?? "<td class=\"missing\">—</td>"
        default: return "<td class=\"missing\">—</td>"
        }
    }

    /// "Runs 51–100 of 100000 · page 2 of 2000" with first / previous / next / last links; when the
    /// count stopped at its cap, "of more than 1000" and no last page.
    static func pager(query: RunsTableQuery, page: RunPage) -> HTML {
        let first = page.list.runs.isEmpty ? 0 : page.offset + 1
        let last = page.offset + page.list.runs.count
        let pages = page.totalIsExact ? max(1, (page.total + query.size - 1) / query.size) : nil
        let hasNext = pages.map { query.page < $0 } ?? (page.list.runs.count == query.size)
        func link(_ label: String, _ target: Int?, rel: String) -> HTML {
            guard let target, target != query.page, target >= 1 else { return "<span class=\"missing\">\(label)</span>" }
            return "<a rel=\"\(rel)\" href=\"\(query.url(page: target))\">\(label)</a>"
        }
        let of: HTML = page.totalIsExact ? "<span class=\"total\">\(page.total)</span>" : "more than <span class=\"total\">\(page.total - 1)</span>"
        let pageOf: HTML = pages.map { "page \(query.page) of \($0)" } ?? "page \(query.page)"
        return """
        <p class="pager">Runs \(first)–\(last) of \(of) · \(pageOf) \
        \(link("« first", 1, rel: "first")) \(link("‹ previous", query.page - 1, rel: "prev")) \
        \(link("next ›", hasNext ? query.page + 1 : nil, rel: "next")) \(link("last »", pages, rel: "last"))</p>
        """
    }
}
