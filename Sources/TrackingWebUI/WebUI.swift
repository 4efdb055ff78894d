import Tracking

/// The web UI of `runs server`: server-rendered HTML pages over the registry, mounted at `/` by
/// whichever HTTP server carries it (docs/web-ui.md). `respond` never throws: registry errors
/// become pages with the error's message (400 for a bad filter or name, 404 for an unknown run).
///
/// GET  `/`                               experiments
/// GET  `/runs?experiment&filter&order&columns&page&size`   runs table
/// GET  `/runs/<id or prefix>`            run page
/// GET  `/runs/<id>/artifacts/<name>`     artifact download (SHA-256 verified)
/// GET  `/compare?run=A&run=B…`           compare page
/// GET  `/models`                         models, aliases, history, promote / rollback forms
/// POST `/models/<name>/alias`            fields `alias`, `version`, `reason`; moves the alias
/// POST `/models/<name>/rollback`         field `alias`; moves it back one step of its history
public struct WebUI: Sendable {
    let registry: Registry
    let settings: WebUISettings

    public init(registry: Registry, settings: WebUISettings) {
        self.registry = registry
        self.settings = settings
    }

    /// Whether `path` is one of the UI's (the server sends everything else to its other routes).
    public static func handles(path: String) -> Bool {
        let first = path.split(separator: "/").first.map(String.init) ?? ""
        return ["", "runs", "compare", "models"].contains(first)
    }

    public func respond(to request: WebRequest) -> WebResponse {
        let segments = request.pathSegments
        switch (request.method, segments.first ?? "", segments.count) {
        case (.get, "", _): return guarded { .page(ExperimentsPage.render(try registry.experiments())) }
        case (.get, "runs", 1): return runsTable(RunsTableQuery(request.queryItems))
        case (.get, "runs", 2): return guarded { try runPage(segments[1]) }
        case (.get, "runs", 4) where segments[2] == "artifacts": return guarded { try artifact(run: segments[1], name: segments[3]) }
        case (.get, "compare", 1): return guarded { try compare(request.queryItems.all("run")) }
        case (.get, "models", 1): return models(message: request.queryItems["done"], error: nil, status: 200)
        case (.post, "models", 3) where ["alias", "rollback"].contains(segments[2]):
            return write(request, model: segments[1], action: segments[2])
        default:
            return .page(Layout.page(title: "Not found", current: .experiments,
                                     body: "<h1>Not found</h1>" + Layout.errorBox("No page at \(request.path).")), status: 404)
        }
    }

    /// Runs `body`; a registry error becomes an error page (404 for what does not exist, else 400).
    func guarded(_ body: () throws -> WebResponse) -> WebResponse {
        do { return try body() } catch {
            return .page(Layout.page(title: "Error", current: .runs, body: "<h1>Error</h1>" + Layout.errorBox(String(describing: error))),
                         status: Self.status(of: error))
        }
    }

    static func status(of error: any Error) -> Int {
        switch error as? TrackingError {
        case .runNotFound?, .artifactNotFound?, .modelNotFound?, .aliasNotFound?: return 404
        default: return 400
        }
    }

    func runsTable(_ query: RunsTableQuery) -> WebResponse {
        do {
            let page = try registry.searchRuns(query.search, offset: query.offset, size: query.size)
            return .page(RunsPage.render(query: query, page: page, error: nil))
        } catch {
            return .page(RunsPage.render(query: query, page: nil, error: String(describing: error)), status: Self.status(of: error))
        }
    }

    func runPage(_ prefix: String) throws -> WebResponse {
        let details = try registry.runDetails(try registry.resolveRun(prefix))
        var histories: [String: [MetricHistory.Point]] = [:]
        for key in RunDetailPage.chartedKeys(details) { histories[key] = try registry.history(details.header.id, metric: key).points }
        return .page(RunDetailPage.render(details, histories: histories))
    }

    func artifact(run prefix: String, name: String) throws -> WebResponse {
        let data = try registry.readArtifact(run: try registry.resolveRun(prefix), name: name)
        return .download(Array(data), filename: name.split(separator: "/").last.map(String.init) ?? name)
    }

    func compare(_ prefixes: [String]) throws -> WebResponse {
        guard prefixes.count >= 2 else {
            throw CompareSelection(count: prefixes.count)
        }
        let runs = try prefixes.map(registry.resolveRun)
        let comparison = try registry.compare(runs)
        var curves: [String: [RunID: [MetricHistory.Point]]] = [:]
        let repeated = try runs.reduce(into: Set<String>()) { keys, run in
            keys.formUnion(try registry.runDetails(run).metrics.filter { $0.count > 1 }.map(\.key))
        }
        for key in repeated.sorted().prefix(ComparePage.maxCurves) { curves[key] = try registry.metricHistories(runs: runs, key: key) }
        return .page(ComparePage.render(comparison, curves: curves))
    }

    func models(message: String?, error: String?, status: Int) -> WebResponse {
        let form = ModelsPage.WriteForm(csrfToken: settings.csrfToken, needsToken: settings.token != nil, readOnly: settings.readOnly)
        return guarded { .page(ModelsPage.render(try registry.models(), form: form, message: message, error: error), status: status) }
    }

    /// A promote (alias) or rollback form: checked, applied, then 303 back to the models page
    /// with what happened; a refused or failed write shows the models page with the reason.
    func write(_ request: WebRequest, model: String, action: String) -> WebResponse {
        let fields = request.formFields
        do {
            try WriteCheck(settings: settings).check(request, fields: fields)
        } catch {
            return models(message: nil, error: error.message, status: error.status)
        }
        do {
            let move: AliasMove
            guard let alias = fields["alias"] else { throw MissingField(name: "alias") }
            if action == "alias" {
                guard let text = fields["version"], let version = Int64(text) else { throw MissingField(name: "version") }
                move = try registry.setAlias(model: model, alias: alias, version: version, reason: fields["reason"])
            } else {
                move = try registry.rollback(model: model, alias: alias, reason: fields["reason"])
            }
            let done = "\(move.model): \(move.alias) moved from \(move.fromVersion.map { "v\($0)" } ?? "nothing") to v\(move.toVersion)"
            return .redirect(to: "/models?" + FormFields.encode([("done", done)]) + "#" + ModelsPage.anchor(model))
        } catch {
            return models(message: nil, error: String(describing: error), status: Self.status(of: error))
        }
    }
}

/// A form posted without a field it needs.
struct MissingField: Error, CustomStringConvertible {
    let name: String
    var description: String { "The form has no '\(name)' field; use the form on the models page." }
}

/// The compare page was opened with fewer than two runs.
struct CompareSelection: Error, CustomStringConvertible {
    let count: Int
    var description: String { "Select at least two runs to compare (got \(count)): tick them in the runs table, then press Compare." }
}
