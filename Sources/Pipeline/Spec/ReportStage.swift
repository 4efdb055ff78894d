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

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = ReportStage()
        title = try m.string(.title, default: nil).value
        markdown = try m.bool(.markdown, default: d.markdown).value
        plots = try m.bool(.plots, default: d.plots).value
    }
}
