import Forecasting
import Series

/// `data:` — how a series is cut into samples and scaled. Defaults live in `init`'s
/// argument list and nowhere else; a key omitted from YAML takes them.
public struct DataSection: Sendable, Equatable {
    /// Input window L in grid steps (240 = 60 min at 15 s, the reference window).
    public var windowSize: Int
    /// Longest sequence the LSTM reads; longer windows are read as block means
    /// (`LSTMConfiguration.maxInputSteps`; 0 = every step).
    public var maxInputSteps: Int
    /// Forecast horizons in minutes; EVALUATION.md §2 turns them into steps h = minutes / D.
    public var predictionHorizons: [Int]
    /// Steps between consecutive training origins.
    public var stride: Int
    /// Chronological split fractions, summing to 1 (EVALUATION.md §3).
    public var trainSplit: Double
    public var valSplit: Double
    public var testSplit: Double
    /// Scaler fitted on train only.
    public var normalization: ScalerKind

    public init(
        windowSize: Int = 240, maxInputSteps: Int = LSTMConfiguration.defaultMaxInputSteps, predictionHorizons: [Int] = [5, 15, 30], stride: Int = 1,
        trainSplit: Double = 0.70, valSplit: Double = 0.15, testSplit: Double = 0.15,
        normalization: ScalerKind = .minmax
    ) {
        self.windowSize = windowSize
        self.maxInputSteps = maxInputSteps
        self.predictionHorizons = predictionHorizons
        self.stride = stride
        self.trainSplit = trainSplit
        self.valSplit = valSplit
        self.testSplit = testSplit
        self.normalization = normalization
    }

    public static let defaults = DataSection()

    enum Key: String, CaseIterable {
        case windowSize = "window_size", maxInputSteps = "max_input_steps", predictionHorizons = "prediction_horizons", stride
        case trainSplit = "train_split", valSplit = "val_split", testSplit = "test_split", normalization
    }

    /// Reads and checks every key; splits must each lie in [0, 1], train > 0, sum 1 (±1e-9).
    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        let d = Self.defaults
        windowSize = try m.int(.windowSize, default: d.windowSize).requiring({ $0 >= 1 }, "use a window of at least 1 step")
        maxInputSteps = try m.int(.maxInputSteps, default: d.maxInputSteps)
            .requiring({ $0 >= 0 }, "use 0 (read every step) or a positive number of steps, e.g. 64")
        let horizons = try m.ints(.predictionHorizons, default: d.predictionHorizons)
        predictionHorizons = try horizons
            .checking({ !$0.isEmpty }, "list at least one horizon in minutes, e.g. [5, 15, 30]")
            .checking({ $0.allSatisfy { $0 > 0 } }, "use positive horizons in minutes")
            .requiring({ Set($0).count == $0.count }, "list each horizon once")
        stride = try m.int(.stride, default: d.stride).requiring({ $0 >= 1 }, "use a stride of at least 1 step")
        let train = try m.double(.trainSplit, default: d.trainSplit)
        let val = try m.double(.valSplit, default: d.valSplit)
        let test = try m.double(.testSplit, default: d.testSplit)
        trainSplit = try train.requiring({ $0 > 0 && $0 <= 1 }, "use a fraction in (0, 1]")
        valSplit = try val.requiring({ $0 >= 0 && $0 <= 1 }, "use a fraction in [0, 1]")
        testSplit = try test.requiring({ $0 >= 0 && $0 <= 1 }, "use a fraction in [0, 1]")
        let sum = trainSplit + valSplit + testSplit
        guard abs(sum - 1) <= 1e-9 else {
            throw ConfigError(
                .outOfRange(
                    value: "train_split + val_split + test_split = \(trainSplit) + \(valSplit) + \(testSplit) = \(sum)",
                    advice: "make the three fractions sum to 1"),
                keyPath: m.path, location: m.location)
        }
        normalization = try m.choice(.normalization, default: d.normalization).value
    }
}

extension Located {
    /// The value when `isValid` holds, else an out-of-range error at its position.
    func requiring(_ isValid: (Value) -> Bool, _ advice: String) throws(ConfigError) -> Value {
        guard isValid(value) else {
            throw ConfigError(.outOfRange(value: Self.show(value), advice: advice), keyPath: keyPath, location: location)
        }
        return value
    }

    /// Like `requiring`, but keeps the position for a further check.
    func checking(_ isValid: (Value) -> Bool, _ advice: String) throws(ConfigError) -> Located<Value> {
        let checked: Value = try requiring(isValid, advice)
        return Located(value: checked, keyPath: keyPath, location: location)
    }

    private static func show(_ value: Value) -> String {
        if let list = value as? [Int] { return "[" + list.map(String.init).joined(separator: ", ") + "]" }
        if let list = value as? [Double] { return "[" + list.map { "\($0)" }.joined(separator: ", ") + "]" }
        return "\(value)"
    }
}
