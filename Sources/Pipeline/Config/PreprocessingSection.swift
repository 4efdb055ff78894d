import Series

/// `preprocessing:` — how raw samples of this metric become the modelled series (see
/// `MetricKind` and `PreprocessingSpec` in Series). Absent keys take the metric's
/// `PreprocessingSpec.recommended(for:)` value, so a config only states deviations:
///
/// ```yaml
/// preprocessing:
///   input: counter            # gauge | counter (counter → per-second rate, resets handled)
///   scale: 1.0e-6             # multiply after the rate (µs → s, bytes → MiB = 9.5367431640625e-07)
///   transform: log1p          # identity | log1p
///   clip_quantiles: [0.001, 0.999]   # train quantiles; [] turns clipping off
/// ```
public struct PreprocessingSection: Sendable, Equatable {
    public var spec: PreprocessingSpec

    public init(spec: PreprocessingSpec) {
        self.spec = spec
    }

    /// The defaults for `metric`.
    public static func defaults(for metric: MetricKind) -> PreprocessingSection {
        PreprocessingSection(spec: .recommended(for: metric))
    }

    enum Key: String, CaseIterable {
        case input, scale, transform, clipQuantiles = "clip_quantiles"
    }

    init(decoding m: ConfigMapping<Key>, metric: MetricKind) throws(ConfigError) {
        let d = PreprocessingSpec.recommended(for: metric)
        let input = try m.choice(.input, default: d.input).value
        let scale = try m.double(.scale, default: d.scale).requiring({ $0 > 0 }, "use a positive scale, e.g. 1")
        let transform = try m.choice(.transform, default: d.transform).value
        let defaultQuantiles = d.clip.map { [$0.lower, $0.upper] } ?? []
        let quantiles = try m.doubles(.clipQuantiles, default: defaultQuantiles)
            .checking({ $0.count == 0 || $0.count == 2 }, "give [lower, upper], e.g. [0.001, 0.999], or [] for no clipping")
        var clip: QuantileClip?
        if quantiles.value.count == 2 {
            do {
                clip = try QuantileClip(lower: quantiles.value[0], upper: quantiles.value[1])
            } catch {
                throw ConfigError(.outOfRange(value: "[\(quantiles.value[0]), \(quantiles.value[1])]",
                                              advice: "use 0 ≤ lower < upper ≤ 1, e.g. [0.001, 0.999]"),
                                  keyPath: quantiles.keyPath, location: quantiles.location)
            }
        }
        do {
            spec = try PreprocessingSpec(input: input, scale: scale, clip: clip, transform: transform)
        } catch {
            // scale was checked above, so this is only reached if Series adds a rule.
            throw m.error(.outOfRange(value: "\(scale)", advice: error.description), .scale)
        }
    }
}
