import Yams

/// What a config file resolves to (`autoscale config show`): every key with its value, and
/// whether the file set it or the typed spec's default applies.
public struct EffectiveConfig: Sendable, Encodable {
    public var file: String
    public var config: MetricConfig
    /// Dotted paths of the keys the file sets, e.g. "training.epochs".
    public var fileKeys: Set<String>

    /// One key of `--json`: `value` is its YAML text, `source` "file" or "default", and
    /// `is_default` whether the value equals the typed spec's default for the metric.
    public struct Entry: Sendable, Encodable, Equatable {
        public var key: String
        public var value: String
        public var source: String
        public var isDefault: Bool

        enum CodingKeys: String, CodingKey { case key, value, source, isDefault = "is_default" }
    }

    /// Loads and checks `path` as `ConfigLoader.load` does, and notes which keys it sets.
    public static func load(path: String) throws(ConfigError) -> EffectiveConfig {
        let text = try ConfigLoader.text(path: path)
        let config = try ConfigLoader.decode(yaml: text, file: path)
        return EffectiveConfig(file: path, config: config, fileKeys: try keys(in: text, file: path))
    }

    /// The config's YAML with `# file`, `# file (= default)` or `# default` beside every key.
    public var text: String {
        let marks = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0) })
        return ConfigRenderer.lines(config).map { line in
            guard let entry = marks[line.path] else { return ConfigRenderer.render(line, comment: "") }
            let mark = entry.source == "default" ? "default" : (entry.isDefault ? "file (= default)" : "file")
            return ConfigRenderer.render(line, comment: mark)
        }.joined(separator: "\n") + "\n"
    }

    /// Every key in file order with its value and source.
    public var entries: [Entry] {
        let defaults = Dictionary(uniqueKeysWithValues: ConfigRenderer.lines(MetricConfig(metric: config.metric))
            .compactMap { line in line.value.map { (line.path, $0) } })
        return ConfigRenderer.lines(config).compactMap { line in
            line.value.map {
                Entry(key: line.path, value: $0, source: fileKeys.contains(line.path) ? "file" : "default",
                      isDefault: defaults[line.path] == $0)
            }
        }
    }

    /// The dotted paths of the leaf keys (values that are neither mappings nor null) in YAML
    /// text; `file` names it in errors.
    static func keys(in yaml: String, file: String) throws(ConfigError) -> Set<String> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigLoader.yamlError(error, file: file)
        }
        var found: Set<String> = []
        func walk(_ node: Node, _ path: String) {
            guard case .mapping(let mapping) = node else {
                if !path.isEmpty, !ConfigMapping<MetricConfig.Key>.isNull(node) { found.insert(path) }
                return
            }
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                walk(value, path.isEmpty ? name : path + "." + name)
            }
        }
        if let root { walk(root, "") }
        return found
    }

    enum CodingKeys: String, CodingKey { case file, keys }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(entries, forKey: .keys)
    }
}
