import Series
import Foundation
import Yams

/// Reads per-metric configs. Parsing goes through `Yams.compose` (the node tree keeps
/// line and column of every key and value), never through a plain `Decodable`, so each
/// error points at the offending spot (`ConfigError`).
public enum ConfigLoader {
    /// Loads one file; errors name it as given in `path`.
    public static func load(path: String) throws(ConfigError) -> MetricConfig {
        try decode(yaml: try text(path: path), file: path)
    }

    /// The file's text; an unreadable file is a `ConfigError` naming it.
    static func text(path: String) throws(ConfigError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(.unreadable(reason: error.localizedDescription), keyPath: "",
                              location: ConfigLocation(file: path, line: 0, column: 0))
        }
    }

    /// The per-metric configs directly in `directory`: the files named after a metric
    /// (`cpu.yaml`, `network_rx.yml`, …), in file-name order. Other YAML files there, such as
    /// the scaling policy `policy.yaml` (docs/formats/policy-yaml.md), are another format.
    public static func loadAll(directory: String) throws(ConfigError) -> [MetricConfig] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ConfigError(.unreadable(reason: error.localizedDescription), keyPath: "",
                              location: ConfigLocation(file: directory, line: 0, column: 0))
        }
        var configs: [MetricConfig] = []
        let metricFiles = Set(MetricKind.allCases.flatMap { ["\($0.rawValue).yaml", "\($0.rawValue).yml"] })
        for name in names.sorted() where metricFiles.contains(name) {
            configs.append(try load(path: (directory as NSString).appendingPathComponent(name)))
        }
        return configs
    }

    /// Decodes YAML text; `file` is the name used in error positions.
    public static func decode(yaml: String, file: String) throws(ConfigError) -> MetricConfig {
        let start = ConfigLocation(file: file, line: 1, column: 1)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw yamlError(error, file: file)
        }
        try checkFormatVersion(root, file: file, fallback: start)
        return try MetricConfig(decoding: ConfigMapping(root, path: "", file: file, fallback: start))
    }

    /// Looks at `format_version` before the strict key check, so a file from a newer
    /// layout is reported as such rather than as a list of unknown keys.
    static func checkFormatVersion(
        _ root: Node?, file: String, fallback: ConfigLocation,
        supported: [Int] = MetricConfig.supportedFormatVersions
    ) throws(ConfigError) {
        guard let root, case .mapping(let mapping) = root, let node = mapping["format_version"] else { return }
        let here = ConfigMapping<MetricConfig.Key>.location(of: node, file: file, fallback: fallback)
        guard ConfigMapping<MetricConfig.Key>.tagName(node) == .int, let version = node.int else {
            throw ConfigError(.wrongType(expected: "an integer", got: ConfigMapping<MetricConfig.Key>.describe(node), defaultValue: nil),
                              keyPath: "format_version", location: here)
        }
        guard supported.contains(version) else {
            throw ConfigError(.unsupportedFormatVersion(version, supported: supported),
                              keyPath: "format_version", location: here)
        }
    }

    /// libyaml's complaint with its position.
    static func yamlError(_ error: any Error, file: String) -> ConfigError {
        func at(_ mark: Mark) -> ConfigLocation { ConfigLocation(file: file, line: mark.line, column: mark.column) }
        guard let yamlError = error as? YamlError else {
            return ConfigError(.invalidYAML(problem: "\(error)"), keyPath: "", location: ConfigLocation(file: file, line: 1, column: 1))
        }
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError(.invalidYAML(problem: problem), keyPath: "", location: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(.duplicateKey(duplicates.first ?? "?"), keyPath: "", location: at(context.mark))
        default:
            return ConfigError(.invalidYAML(problem: "\(yamlError)"), keyPath: "", location: ConfigLocation(file: file, line: 1, column: 1))
        }
    }
}
