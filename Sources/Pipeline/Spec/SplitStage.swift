/// `kind: split`: the chronological train / validation / test fractions, with the
/// per-metric configs' defaults (`DataSection`, 0.7 / 0.15 / 0.15).
public struct SplitStage: Sendable, Equatable {
    public var train: Double
    public var validation: Double
    public var test: Double

    public init(train: Double = DataSection.defaults.trainSplit, validation: Double = DataSection.defaults.valSplit,
                test: Double = DataSection.defaults.testSplit) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case trainSplit = "train_split", valSplit = "val_split", testSplit = "test_split"
    }

    /// Every bad key is recorded; nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> SplitStage? {
        let start = d.errors.count
        let defaults = SplitStage()
        let train = d.value(defaults.train) { () throws(ConfigError) in
            try m.double(.trainSplit, default: defaults.train).requiring({ $0 > 0 && $0 <= 1 }, "use a fraction in (0, 1]")
        }
        // Selection reads validation metrics, so a split without a validation part is refused.
        let validation = d.value(defaults.validation) { () throws(ConfigError) in
            try m.double(.valSplit, default: defaults.validation).requiring({ $0 > 0 && $0 <= 1 }, "use a fraction in (0, 1]; select reads validation metrics")
        }
        let test = d.value(defaults.test) { () throws(ConfigError) in
            try m.double(.testSplit, default: defaults.test).requiring({ $0 >= 0 && $0 <= 1 }, "use a fraction in [0, 1]")
        }
        guard d.errors.count == start else { return nil }
        let sum = train + validation + test
        guard abs(sum - 1) <= 1e-9 else {
            d.add(ConfigError(
                .outOfRange(value: "train_split + val_split + test_split = \(train) + \(validation) + \(test) = \(sum)",
                            advice: "make the three fractions sum to 1"),
                keyPath: m.path, location: m.location))
            return nil
        }
        return SplitStage(train: train, validation: validation, test: test)
    }
}
