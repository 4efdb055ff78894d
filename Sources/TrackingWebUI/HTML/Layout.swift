/// The page frame: title, navigation and one inline style sheet (no external files: the
/// machines the server runs on are offline). No JavaScript.
enum Layout {
    static func page(title: String, current: Section, body: HTML) -> HTML {
        let nav = HTML.join(Section.allCases.map { section in
            section == current ? "<a href=\"\(section.path)\" aria-current=\"page\">\(section.label)</a>" : "<a href=\"\(section.path)\">\(section.label)</a>"
        }, separator: " ")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · runs</title><style>\(style)</style></head>
        <body><header><strong>runs</strong> <nav>\(nav)</nav></header><main>
        \(body)
        </main></body></html>
        """
    }

    enum Section: CaseIterable {
        case experiments, runs, models
        var path: String { switch self { case .experiments: "/"; case .runs: "/runs"; case .models: "/models" } }
        var label: String { switch self { case .experiments: "Experiments"; case .runs: "Runs"; case .models: "Models" } }
    }

    static let style = HTML(trusted: """
    body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
    header{background:#1b1f24;color:#fff;padding:8px 16px}header a{color:#cfe3ff;margin-left:12px}
    header a[aria-current]{color:#fff;font-weight:bold}main{padding:12px 16px}
    table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
    th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
    .nonfinite{color:#b3261e;font-weight:bold}.missing{color:#8c959f}.hash{font-family:monospace;font-size:12px}
    .best{background:#dafbe1}.note{color:#57606a}.error{border:1px solid #b3261e;background:#ffebe9;padding:8px}
    form.inline{display:inline}input[type=text]{width:36em}.charts{display:flex;flex-wrap:wrap;gap:12px}
    figure{margin:0;border:1px solid #d0d7de;padding:6px}figcaption{font-weight:bold}
    .pager a,.pager span{margin-right:10px}code{background:#f6f8fa;padding:0 3px}
    """)

    /// A red box with a message (a bad filter, an unknown run, a refused write).
    static func errorBox(_ message: String) -> HTML { "<p class=\"error\" role=\"alert\">\(message)</p>" }

    /// A number cell: right-aligned; NaN and ±inf in red.
    static func numberCell(_ value: Double?, best: Bool = false) -> HTML {
        let classes = DisplayFormat.valueClass(value) + (best ? " best" : "")
        return "<td class=\"\(classes)\">\(DisplayFormat.number(value))</td>"
    }

    /// A link to a run's page, its name as text and the id's first 8 characters.
    static func runLink(id: String, name: String) -> HTML {
        "<a href=\"/runs/\(FormFields.percentEncode(id))\">\(name)</a> <span class=\"hash\">\(String(id.prefix(8)))</span>"
    }
}
