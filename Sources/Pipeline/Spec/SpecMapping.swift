import Ingest
import Yams

/// Accessors the pipeline spec needs beyond the per-metric configs' (`ConfigMapping`):
/// optional keys without a default, required strings, intervals and lists of names.
extension ConfigMapping {
    /// A string that must be present (`missingKey` with `example` otherwise).
    func requiredString(_ key: Key, example: String) throws(ConfigError) -> String {
        guard let value = try string(key, default: nil).value else {
            throw ConfigError(.missingKey(example: example), keyPath: keyPath(key), location: location)
        }
        return value
    }

    /// An integer, or nil when the key is absent.
    func optionalInt(_ key: Key) throws(ConfigError) -> Int? {
        try node(key) == nil ? nil : int(key, default: nil).value
    }

    /// A finite number, or nil when the key is absent.
    func optionalDouble(_ key: Key) throws(ConfigError) -> Double? {
        try node(key) == nil ? nil : double(key, default: 0).value
    }

    /// A sampling interval in seconds: a number (`15`) or a string with a unit (`15s`,
    /// `5m`), read by `Ingest.IntervalParser`; `defaultValue` when absent (nil: required).
    func interval(_ key: Key, default defaultValue: Double?, example: String) throws(ConfigError) -> Double {
        guard let valueNode = node(key) else {
            guard let defaultValue else {
                throw ConfigError(.missingKey(example: example), keyPath: keyPath(key), location: location)
            }
            return defaultValue
        }
        let shown = defaultValue.map { "\($0.secondsText)s" }
        guard case .scalar(let scalar) = valueNode, !Self.isNull(valueNode) else {
            throw error(.wrongType(expected: "an interval such as 15s or 5m", got: Self.describe(valueNode), defaultValue: shown), key)
        }
        do {
            return try IntervalParser.seconds(from: scalar.string)
        } catch {
            throw self.error(.refused(value: "\"\(scalar.string)\"", reason: "\(error.description); write seconds (15) or a number with a unit ms, s, m, h or d (15s, 5m)"), key)
        }
    }

    /// One name or a list of names (`needs: train` or `needs: [a, b]`), each with its
    /// position; empty when absent.
    func names(_ key: Key) throws(ConfigError) -> [Located<String>] {
        guard let valueNode = node(key), !Self.isNull(valueNode) else { return [] }
        let listPath = keyPath(key)
        func name(_ element: Node, _ path: String) throws(ConfigError) -> Located<String> {
            let here = Self.location(of: element, file: file, fallback: location(key))
            guard case .scalar(let scalar) = element, !Self.isNull(element) else {
                throw ConfigError(.wrongType(expected: "a stage name", got: Self.describe(element), defaultValue: nil),
                                  keyPath: path, location: here)
            }
            return Located(value: scalar.string, keyPath: path, location: here)
        }
        switch valueNode {
        case .sequence(let sequence):
            var names: [Located<String>] = []
            for (i, element) in sequence.enumerated() {
                names.append(try name(element, "\(listPath)[\(i)]"))
            }
            return names
        case .scalar:
            return [try name(valueNode, listPath)]
        default:
            throw error(.wrongType(expected: "a stage name or a list of stage names", got: Self.describe(valueNode), defaultValue: nil), key)
        }
    }
}

extension Double {
    /// `15` for 15.0, `0.5` for 0.5: how a number of seconds is shown in messages.
    var secondsText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)"
    }
}
