import Tracking

/// `/models`: each registered model with its aliases (and a rollback button each), its versions
/// (with a form that points an alias at the version: promote) and the alias history.
/// The forms POST to `/models/<name>/alias` and `/models/<name>/rollback` with the CSRF token and,
/// when the server has one, a field for the bearer token.
enum ModelsPage {
    /// What the forms need to know about the server's write rules.
    struct WriteForm {
        var csrfToken: String
        var needsToken: Bool
        var readOnly: Bool
    }

    static func render(_ models: [ModelSummary], form: WriteForm, message: String?, error: String?) -> HTML {
        var body: HTML = "<h1>Registered models</h1>"
        if let message { body += "<p class=\"note\" role=\"status\" id=\"message\">\(message)</p>" }
        if let error { body += Layout.errorBox(error) }
        if form.readOnly { body += "<p class=\"note\">This server is read-only: promotion and rollback are refused.</p>" }
        if models.isEmpty { body += "<p>No registered models yet (<code>runs promote RUN --model NAME --alias production</code>).</p>" }
        for model in models { body += section(model, form: form) }
        return Layout.page(title: "Models", current: .models, body: body)
    }

    static func anchor(_ model: String) -> String { "model-" + FormFields.percentEncode(model) }

    static func section(_ model: ModelSummary, form: WriteForm) -> HTML {
        let base = "/models/\(FormFields.percentEncode(model.name))"
        let aliasRows = HTML.join(model.aliases.sorted { $0.key < $1.key }.map { alias, version -> HTML in
            """
            <tr><th>\(alias)</th><td class="num alias-version" data-alias="\(alias)">v\(version)</td><td>\
            <form class="inline" method="post" action="\(base)/rollback">\(hiddenFields(form))<input type="hidden" name="alias" value="\(alias)">\
            \(tokenField(form))<button type="submit" name="rollback" value="\(alias)">Roll back \(alias)</button></form></td></tr>
            """
        })
        let versionRows = HTML.join(model.versions.reversed().map { version -> HTML in
            let metrics = version.metrics.sorted { $0.key < $1.key }.prefix(4)
                .map { "\($0.key) \(DisplayFormat.number($0.value))" }.joined(separator: ", ")
            return """
            <tr id="\(model.name)-v\(version.version)"><td class="num">v\(version.version)</td>\
            <td>\(Layout.runLink(id: version.run.rawValue, name: version.run.short))</td><td>\(version.artifact.name) <span class="hash">\(String(version.artifact.sha256.prefix(12)))</span></td>\
            <td>\(DisplayFormat.time(version.created))</td><td>\(version.aliases.joined(separator: ", "))</td><td>\(metrics)</td><td>\
            <form class="inline promote" method="post" action="\(base)/alias">\(hiddenFields(form))\
            <input type="hidden" name="version" value="\(version.version)">\
            <input type="text" name="alias" value="production" size="12" style="width:8em" aria-label="alias">\
            <input type="text" name="reason" placeholder="reason" style="width:10em" aria-label="reason">\
            \(tokenField(form))<button type="submit">Promote v\(version.version)</button></form></td></tr>
            """
        })
        let historyRows = HTML.join(model.history.reversed().map { move -> HTML in
            """
            <tr><td>\(DisplayFormat.time(move.moved))</td><td>\(move.alias)</td><td>\(move.fromVersion.map { "v\($0)" } ?? "—")</td>\
            <td>v\(move.toVersion)</td><td>\(move.isRollback ? "rollback" : "move")</td><td>\(move.reason ?? "")</td></tr>
            """
        })
        return """
        <section id="\(anchor(model.name))"><h2>\(model.name)</h2>
        <h3>Aliases</h3>\(model.aliases.isEmpty ? "<p class=\"note\">None.</p>" : "<table class=\"aliases\"><tbody>\(aliasRows)</tbody></table>" as HTML)
        <h3>Versions</h3><table class="versions"><thead><tr><th>version</th><th>run</th><th>artifact</th><th>created</th><th>aliases</th>\
        <th>metrics at registration</th><th>promote</th></tr></thead><tbody>\(versionRows)</tbody></table>
        <h3>Alias history</h3>\(model.history.isEmpty ? "<p class=\"note\">No moves.</p>" : "<table class=\"history\"><thead><tr><th>when</th><th>alias</th><th>from</th><th>to</th><th>kind</th><th>reason</th></tr></thead><tbody>\(historyRows)</tbody></table>" as HTML)
        </section>
        """
    }

    static func hiddenFields(_ form: WriteForm) -> HTML { "<input type=\"hidden\" name=\"csrf\" value=\"\(form.csrfToken)\">" }

    static func tokenField(_ form: WriteForm) -> HTML {
        form.needsToken ? "<input type=\"password\" name=\"token\" placeholder=\"token\" autocomplete=\"off\" style=\"width:8em\" aria-label=\"token\">" : ""
    }
}
