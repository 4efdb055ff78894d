/// A position in a config file: `file:line:column`, 1-based as in editors.
public struct ConfigLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, or just `file` when the position is unknown (line 0).
    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}

/// Why a config could not be loaded. Carries the key path (`data.window_size`), where in
/// which file, and the offending value; `description` reads as one sentence ending in
/// what to do, e.g.
///
///     data.window_size: expected an integer, got "abc" at cpu.yaml:6:16; write an integer or remove the key to use the default 240
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The file or directory could not be read.
        case unreadable(reason: String)
        /// libyaml rejected the text.
        case invalidYAML(problem: String)
        /// A key appears twice in one mapping.
        case duplicateKey(String)
        /// A key the section does not know, with close matches by edit distance.
        case unknownKey(String, suggestions: [String], allowed: [String])
        /// A value of the wrong YAML type; `defaultValue` is shown when the key is optional.
        case wrongType(expected: String, got: String, defaultValue: String?)
        /// A well-typed value outside its allowed range, with how to fix it.
        case outOfRange(value: String, advice: String)
        /// A string outside an enum's cases.
        case unknownValue(String, allowed: [String], suggestions: [String])
        /// A required key is absent.
        case missingKey(example: String)
        /// `format_version` is not one this build reads.
        case unsupportedFormatVersion(Int, supported: [Int])
        /// A value that is well typed but cannot be used, with the reason and what to do
        /// (e.g. a model setting the catalog refuses, a filter that does not parse).
        case refused(value: String, reason: String)
        /// A pipeline stage names a stage that does not exist.
        case unknownStage(String, suggestions: [String], known: [String])
        /// `${…}` names no parameter, item or matrix value in scope.
        case unknownReference(String, suggestions: [String], known: [String])
        /// Pipeline stages that need each other in a circle, named in order (`a → b → a`).
        case cycle([String])
        /// A stage reads a stage whose output type it does not accept.
        case inputTypeMismatch(input: String, produces: String, reader: String, accepts: [String])
    }

    public let kind: Kind
    /// Dotted path of the offending key (`model.arima.p`); empty for the whole document.
    public let keyPath: String
    public let location: ConfigLocation

    public init(_ kind: Kind, keyPath: String, location: ConfigLocation) {
        self.kind = kind
        self.keyPath = keyPath
        self.location = location
    }

    public var description: String {
        let subject = keyPath.isEmpty ? "" : "\(keyPath): "
        let at = "at \(location)"
        switch kind {
        case .unreadable(let reason):
            return "\(subject)cannot read \(location.file) (\(reason)); check the path and its permissions"
        case .invalidYAML(let problem):
            return "\(subject)invalid YAML (\(problem)) \(at); fix the syntax near that position"
        case .duplicateKey(let key):
            return "\(subject)key `\(key)` appears more than once \(at); keep one of them"
        case .unknownKey(_, let suggestions, let allowed):
            let hint = suggestions.isEmpty ? "" : "did you mean \(suggestions.map { "`\($0)`" }.joined(separator: " or "))? "
            return "\(subject)unknown key \(at); \(hint)allowed keys here: \(allowed.joined(separator: ", "))"
        case .wrongType(let expected, let got, let defaultValue):
            let fix = defaultValue.map { "write \(expected) or remove the key to use the default \($0)" } ?? "write \(expected)"
            return "\(subject)expected \(expected), got \(got) \(at); \(fix)"
        case .outOfRange(let value, let advice):
            return "\(subject)\(value) is out of range \(at); \(advice)"
        case .unknownValue(let value, let allowed, let suggestions):
            let hint = suggestions.isEmpty ? "" : " (did you mean `\(suggestions[0])`?)"
            return "\(subject)unknown value \"\(value)\" \(at); use one of \(allowed.joined(separator: ", "))\(hint)"
        case .missingKey(let example):
            return "\(subject)missing \(at); add `\(example)`"
        case .unsupportedFormatVersion(let version, let supported):
            let list = supported.map(String.init).joined(separator: ", ")
            return "\(subject)format version \(version) is not supported \(at); this build reads format_version \(list), so convert the file or use a newer build"
        case .refused(let value, let reason):
            return "\(subject)\(value) cannot be used \(at): \(reason)"
        case .unknownStage(let name, let suggestions, let known):
            let hint = suggestions.isEmpty ? "" : "did you mean `\(suggestions[0])`? "
            return "\(subject)no stage named `\(name)` \(at); \(hint)stages here: \(known.joined(separator: ", "))"
        case .unknownReference(let name, let suggestions, let known):
            let hint = suggestions.isEmpty ? "" : "did you mean `${\(suggestions[0])}`? "
            let list = known.isEmpty ? "none" : known.map { "${\($0)}" }.joined(separator: ", ")
            return "\(subject)unknown reference `${\(name)}` \(at); \(hint)references known here: \(list)"
        case .cycle(let names):
            return "\(subject)stages form a cycle \(names.joined(separator: " → ")) \(at); remove one of these needs so the stages can run in order"
        case .inputTypeMismatch(let input, let produces, let reader, let accepts):
            return "\(subject)stage `\(input)` produces \(produces), but \(reader) stages read \(accepts.joined(separator: " or ")) \(at); name a stage that produces \(accepts.joined(separator: " or "))"
        }
    }
}
