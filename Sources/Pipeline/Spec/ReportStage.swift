/// `kind: report`: a comparison table, a Markdown summary and SVG plots of the runs and
/// selections it needs, stored as artifacts of the pipeline's parent run.
public struct ReportStage: Sendable, Equatable {
    public var title: String?
    public var markdown: Bool
    public var plots: Bool

    public init(title: String? = nil, markdown: Bool = true, plots: Bool = true) {
        self.title = title
        self.markdown = markdown
        self.plots = plots
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case title, markdown, plots
    }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> ReportStage? {
        let start = d.errors.count
        let defaults = ReportStage()
        let title = d.value(defaults.title) { () throws(ConfigError) in try m.string(.title, default: nil).value }
        let markdown = d.value(defaults.markdown) { () throws(ConfigError) in try m.bool(.markdown, default: defaults.markdown).value }
        let plots = d.value(defaults.plots) { () throws(ConfigError) in try m.bool(.plots, default: defaults.plots).value }
        return d.errors.count == start ? ReportStage(title: title, markdown: markdown, plots: plots) : nil
    }
}
