import Series

/// `features:` — extra causal LSTM inputs beyond the 8 reference features of
/// EVALUATION.md §7 (which are always built). Widths and lags are in grid steps.
///
/// ```yaml
/// features:
///   lags: [12, 288]        # lag_L = s_{k−L} (s_0 before the start)
///   rolling:               # statistic: [widths]
///     mean: [48]
///     max: [12, 48]
/// ```
///
/// Default: none, i.e. `FeatureSpec.reference`. Rolling columns come in the order
/// mean, std, min, max, each with its widths as listed.
public struct FeaturesSection: Sendable, Equatable {
    public var spec: FeatureSpec

    public init(spec: FeatureSpec = .reference) {
        self.spec = spec
    }

    public static let defaults = FeaturesSection()

    enum Key: String, CaseIterable { case lags, rolling }

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = Self.defaults.spec
        let lags = try m.ints(.lags, default: d.lags)
        _ = try lags.requiring({ $0.allSatisfy { $0 >= 1 } }, "use lags of at least 1 step")
        _ = try lags.requiring({ Set($0).count == $0.count }, "list each lag once")
        let rollingMapping = try m.section(.rolling, keys: RollingStatistic.self)
        var rolling: [RollingFeature] = []
        for statistic in RollingStatistic.allCases {
            let widths = try rollingMapping.ints(statistic, default: [])
            _ = try widths.requiring({ $0.allSatisfy { $0 >= 1 } }, "use widths of at least 1 step")
            _ = try widths.requiring({ Set($0).count == $0.count }, "list each width once")
            rolling += widths.value.map { RollingFeature(statistic, width: $0) }
        }
        do {
            spec = try FeatureSpec(lags: lags.value, rolling: rolling)
        } catch {
            // Lags and widths were checked above; reached only if Series adds a rule.
            throw m.error(.outOfRange(value: "\(error)", advice: error.description), .rolling)
        }
    }
}
