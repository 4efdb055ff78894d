import Tracking

/// `/`: every live experiment with its run counts and last activity, each linking to its runs.
enum ExperimentsPage {
    static func render(_ experiments: [ExperimentSummary]) -> HTML {
        let rows = HTML.join(experiments.map { experiment -> HTML in
            let link = "/runs?" + FormFields.encode([("experiment", experiment.name)])
            return """
            <tr><td><a href="\(link)">\(experiment.name)</a></td><td class="num">\(experiment.runs)</td>\
            <td class="num">\(experiment.running)</td><td>\(DisplayFormat.time(experiment.lastActivity))</td>\
            <td>\(DisplayFormat.time(experiment.created))</td></tr>
            """
        })
        let table: HTML = experiments.isEmpty
            ? "<p>No experiments yet. Log runs with <code>autoscale evaluate --track</code>, a pipeline or an MLflow client.</p>"
            : "<table id=\"experiments\"><thead><tr><th>experiment</th><th>runs</th><th>running</th><th>last activity</th><th>created</th></tr></thead><tbody>\(rows)</tbody></table>"
        return Layout.page(title: "Experiments", current: .experiments, body: """
            <h1>Experiments</h1>\(table)<p><a href="/runs">All runs</a> · <a href="/models">Registered models</a></p>
            """)
    }
}
