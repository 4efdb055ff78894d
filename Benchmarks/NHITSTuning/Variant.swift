import Forecasting

/// One `nhits` variant: the default settings with `key=value` overrides, as given on the
/// command line (`--variant hidden=512,batch=1024`); the empty variant is the defaults.
struct Variant {
    let label: String
    let settings: NHITSSettings

    /// The keys `--variant` accepts and the settings each one sets.
    static let keys = ["hidden", "layers", "batch", "steps", "lr", "decays", "interval", "patience",
                       "valsamples", "scaling", "seed", "members", "levels", "input"]

    init(_ text: String) throws {
        var s = NHITSSettings()
        for pair in text.split(separator: ",") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw TuningError("variant term \(pair) is not key=value; keys: \(Self.keys.joined(separator: ", "))") }
            let (key, value) = (parts[0], parts[1])
            func int() throws -> Int {
                guard let v = Int(value) else { throw TuningError("\(key)=\(value): expected a whole number") }
                return v
            }
            switch key {
            case "hidden": s.hiddenSize = try int()
            case "layers": s.hiddenLayers = try int()
            case "batch": s.training.batchSize = try int()
            case "steps": s.training.maxSteps = try int()
            case "lr":
                guard let v = Double(value) else { throw TuningError("lr=\(value): expected a number") }
                s.training.learningRate = v
            case "decays": s.training.learningRateDecays = try int()
            case "interval": s.training.validationInterval = try int()
            case "patience": s.training.patience = try int()
            case "valsamples": s.training.validationSamples = value == "all" ? nil : try int()
            case "scaling":
                guard let v = NHITSScaling(rawValue: value) else { throw TuningError("scaling=\(value): use \(NHITSScaling.allCases.map(\.rawValue))") }
                s.scaling = v
            case "seed": s.training.seed = UInt64(try int())
            case "members": s.training.members = try int()
            case "levels": s.levels = value == "none" ? [] : value.split(separator: "/").compactMap { Double(String($0)) }
            case "input": s.inputSteps = try int()
            default: throw TuningError("unknown variant key \(key); keys: \(Self.keys.joined(separator: ", "))")
            }
        }
        label = text.isEmpty ? "defaults" : text
        settings = s
    }
}

struct TuningError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
