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

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = WindowStage()
        windowSize = try m.int(.windowSize, default: d.windowSize).requiring({ $0 >= 1 }, "use a window of at least 1 step")
        horizons = try checkedHorizons(m.ints(.horizons, default: d.horizons))
        stride = try m.int(.stride, default: d.stride).requiring({ $0 >= 1 }, "use a stride of at least 1 step")
    }
}

/// Horizons in minutes: at least one, each positive, none twice (as `data.prediction_horizons`).
func checkedHorizons(_ horizons: Located<[Int]>) throws(ConfigError) -> [Int] {
    try horizons
        .checking({ !$0.isEmpty }, "list at least one horizon in minutes, e.g. [5, 15, 30]")
        .checking({ $0.allSatisfy { $0 > 0 } }, "use positive horizons in minutes")
        .requiring({ Set($0).count == $0.count }, "list each horizon once")
}
