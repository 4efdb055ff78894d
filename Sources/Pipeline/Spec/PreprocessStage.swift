import Series

/// `kind: preprocess`: how one metric's raw samples become the modelled series
/// (`PreprocessingSpec`). From a per-metric config (`config: ../Configs/cpu.yaml`, its
/// `metric_name`, `container_name` and `preprocessing:`), inline (`metric:` and
/// `preprocessing:`, with the metric's recommended defaults), or both (inline keys win).
public struct PreprocessStage: Sendable, Equatable {
    public var metric: MetricKind
    /// The container whose series is read; nil: the only one, or the config's.
    public var container: String?
    public var preprocessing: PreprocessingSpec
    /// The config read, resolved against the pipeline's folder.
    public var configPath: String?

    public init(metric: MetricKind, container: String? = nil, preprocessing: PreprocessingSpec? = nil, configPath: String? = nil) {
        self.metric = metric
        self.container = container
        self.preprocessing = preprocessing ?? .recommended(for: metric)
        self.configPath = configPath
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case config, metric, container, preprocessing
    }

    static func decode(_ m: ConfigMapping<Key>, context: StageContext, diagnostics d: inout SpecDiagnostics) -> PreprocessStage? {
        var configPath: String?
        var config: MetricConfig?
        if m.node(.config) != nil {
            guard let path = d.check({ () throws(ConfigError) in try m.string(.config, default: nil).value }) ?? nil else { return nil }
            let resolved = context.resolvePath(path)
            guard let loaded = loadConfig(resolved, as: path, m, .config, diagnostics: &d) else { return nil }
            configPath = resolved
            config = loaded
        }
        var metric: MetricKind? = config?.metric
        if m.node(.metric) != nil {
            guard let named = d.check({ () throws(ConfigError) in try m.choice(.metric, default: MetricKind?.none).value }) else { return nil }
            if let config, config.metric != named {
                d.add(m.error(.refused(value: named.rawValue, reason: "the config \(configPath ?? "") is for metric \(config.metric.rawValue); drop `metric:` or name a config for \(named.rawValue)"), .metric))
                return nil
            }
            metric = named
        }
        guard let metric else {
            d.add(ConfigError(.missingKey(example: "metric: cpu"), keyPath: m.keyPath(.metric), location: m.location))
            return nil
        }
        guard let container = d.check({ () throws(ConfigError) in try m.string(.container, default: config?.containerName).value }) else { return nil }
        var spec = config?.preprocessing.spec ?? .recommended(for: metric)
        if m.node(.preprocessing) != nil {
            guard let section = d.check({ () throws(ConfigError) in
                try PreprocessingSection(decoding: m.section(.preprocessing, keys: PreprocessingSection.Key.self), metric: metric)
            }) else { return nil }
            spec = section.spec
        }
        return PreprocessStage(metric: metric, container: container, preprocessing: spec, configPath: configPath)
    }
}

/// The per-metric config at `path` (resolved) through `ConfigLoader`. Errors inside it
/// keep their own `file:line:column`; a file that cannot be read is reported at the
/// pipeline's `config:` key, where the fix is.
func loadConfig<Key: RawRepresentable & CaseIterable>(
    _ path: String, as written: String, _ m: ConfigMapping<Key>, _ key: Key, diagnostics d: inout SpecDiagnostics
) -> MetricConfig? where Key.RawValue == String {
    do {
        return try ConfigLoader.load(path: path)
    } catch {
        if case .unreadable(let reason) = error.kind {
            d.add(m.error(.refused(value: "\"\(written)\"", reason: "cannot read \(path) (\(reason)); config paths are relative to the pipeline file's folder"), key))
        } else {
            d.add(error)
        }
        return nil
    }
}
