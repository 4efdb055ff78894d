/// `kind: window`: the input window and horizons the learnt models are trained on, with
/// the per-metric configs' defaults (`DataSection`).
public struct WindowStage: Sendable, Equatable {
    /// Input window in grid steps.
    public var windowSize: Int
    /// Horizons in minutes.
    public var horizons: [Int]
    /// Steps between consecutive training origins.
    public var stride: Int

    public init(windowSize: Int = DataSection.defaults.windowSize, horizons: [Int] = DataSection.defaults.predictionHorizons,
                stride: Int = DataSection.defaults.stride) {
        self.windowSize = windowSize
        self.horizons = horizons
        self.stride = stride
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case windowSize = "window_size", horizons, stride
    }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> WindowStage? {
        let start = d.errors.count
        let defaults = WindowStage()
        let windowSize = d.value(defaults.windowSize) { () throws(ConfigError) in
            try m.int(.windowSize, default: defaults.windowSize).requiring({ $0 >= 1 }, "use a window of at least 1 step")
        }
        let horizons = d.value(defaults.horizons) { () throws(ConfigError) in try checkedHorizons(m.ints(.horizons, default: defaults.horizons)) }
        let stride = d.value(defaults.stride) { () throws(ConfigError) in
            try m.int(.stride, default: defaults.stride).requiring({ $0 >= 1 }, "use a stride of at least 1 step")
        }
        return d.errors.count == start ? WindowStage(windowSize: windowSize, horizons: horizons, stride: stride) : nil
    }
}

/// Horizons in minutes: at least one, each positive, none twice (as `data.prediction_horizons`).
func checkedHorizons(_ horizons: Located<[Int]>) throws(ConfigError) -> [Int] {
    try horizons
        .checking({ !$0.isEmpty }, "list at least one horizon in minutes, e.g. [5, 15, 30]")
        .checking({ $0.allSatisfy { $0 > 0 } }, "use positive horizons in minutes")
        .requiring({ Set($0).count == $0.count }, "list each horizon once")
}
