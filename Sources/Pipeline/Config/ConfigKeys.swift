import Series

/// The key paths a per-metric config accepts (`model.hidden_size`, `model.arima.p`, …),
/// built from the sections' own key lists, and which of them a sweep may vary.
enum ConfigKeys {
    /// Every leaf key path, section by section in the order of `MetricConfig.Key`.
    static let all: [String] = {
        var paths = ["format_version", "metric_name", "container_name"]
        paths += DataSection.Key.allCases.map { "data.\($0.rawValue)" }
        for key in ModelSection.Key.allCases {
            switch key {
            case .arima: paths += ArimaSection.Key.allCases.map { "model.arima.\($0.rawValue)" }
            case .prophet: paths += ProphetSection.Key.allCases.map { "model.prophet.\($0.rawValue)" }
            case .ensemble: paths += EnsembleSection.Key.allCases.map { "model.ensemble.\($0.rawValue)" }
            default: paths.append("model.\(key.rawValue)")
            }
        }
        paths += TrainingSection.Key.allCases.map { "training.\($0.rawValue)" }
        paths += PreprocessingSection.Key.allCases.map { "preprocessing.\($0.rawValue)" }
        for key in FeaturesSection.Key.allCases {
            switch key {
            case .rolling: paths += RollingStatistic.allCases.map { "features.rolling.\($0.rawValue)" }
            case .lags: paths.append("features.lags")
            }
        }
        return paths
    }()

    /// Why a config key cannot be swept, or nil when it can.
    static func sweepRefusal(_ path: String) -> String? {
        switch path {
        case "format_version", "metric_name", "container_name":
            "it names the file's layout or the data, not a hyperparameter"
        case "model.model_type":
            "the stage's `model:` chooses the model; compare models with a matrix of train stages"
        case "data.train_split", "data.val_split", "data.test_split":
            "trials are compared on one validation part, which the split fixes; set it in the split stage"
        case "data.prediction_horizons", "training.horizon_weights":
            "the horizons decide which validation metrics exist, so every trial must share them"
        case "training.max_minutes":
            "a wall-clock budget makes a trial's result depend on the machine's load; vary training.epochs"
        case "preprocessing.clip_quantiles", "features.lags", "model.ensemble.members":
            "it is a list; a sweep varies scalar settings"
        case _ where path.hasPrefix("features.rolling."):
            "it is a list; a sweep varies scalar settings"
        default:
            nil
        }
    }

    /// The keys a sweep may vary, in config order.
    static let sweepable: [String] = all.filter { sweepRefusal($0) == nil }

    /// Why a config refuses a value: the config's own check in words, and whether it
    /// wanted an integer.
    struct Refusal {
        let reason: String
        let expectsInteger: Bool
    }

    /// Nil when a config with `path` set to `value` (and every other key at its default,
    /// metric cpu) loads; else why not, in the words of the config's own checks (type,
    /// range, allowed values), e.g. "`model.dropout` = 1.0 is out of range; use a
    /// dropout probability in [0, 1), e.g. 0.3".
    static func refusal(of value: ParamValue, at path: String) -> Refusal? {
        let parts = path.split(separator: ".").map(String.init)
        var yaml = "format_version: 1\nmetric_name: cpu\n"
        for (depth, part) in parts.enumerated() {
            let indent = String(repeating: "  ", count: depth)
            yaml += depth == parts.count - 1 ? "\(indent)\(part): \(yamlScalar(value))\n" : "\(indent)\(part):\n"
        }
        do {
            _ = try ConfigLoader.decode(yaml: yaml, file: "sweep")
            return nil
        } catch {
            switch error.kind {
            case .wrongType(let expected, let got, _):
                return Refusal(reason: "`\(path)` takes \(expected), not \(got)", expectsInteger: expected == "an integer")
            case .outOfRange(let shown, let advice):
                return Refusal(reason: "`\(path)` = \(shown) is out of range; \(advice)", expectsInteger: false)
            case .unknownValue(let shown, let allowed, _):
                return Refusal(reason: "`\(path)` is one of \(allowed.joined(separator: ", ")), not \"\(shown)\"", expectsInteger: false)
            default:
                return Refusal(reason: "`\(path)` = \(value): \(error.description)", expectsInteger: false)
            }
        }
    }

    /// A value as a YAML scalar of its own type (a real keeps its `.` or exponent).
    static func yamlScalar(_ value: ParamValue) -> String {
        switch value {
        case .string(let s): ConfigRenderer.quoted(s)
        case .int(let v): String(v)
        case .double(let v): ConfigRenderer.number(v)
        case .bool(let v): String(v)
        case .list(let values): "[" + values.map(yamlScalar).joined(separator: ", ") + "]"
        }
    }
}
