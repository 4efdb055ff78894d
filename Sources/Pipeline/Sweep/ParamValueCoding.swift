/// `ParamValue` as JSON: a string, an integer, a number, a boolean or a list of them.
///
/// Decoding tries a boolean, then an integer, then a number, then a string, then a list;
/// `JSONDecoder` reads an integral number (`3.0` written as `3`) as an integer, so a
/// `.double` with an integral value comes back as `.int` through `Codable`. The canonical
/// form of `TrialParameters` (`canonicalJSON` / `init(canonicalJSON:)`) keeps the
/// difference: a number is written with a `.` or an exponent, an integer without.
extension ParamValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = Self.probe(Bool.self, container) {
            self = .bool(value)
        } else if let value = Self.probe(Int.self, container) {
            self = .int(value)
        } else if let value = Self.probe(Double.self, container) {
            self = .double(value)
        } else if let value = Self.probe(String.self, container) {
            self = .string(value)
        } else {
            // Not a scalar: a list, or the decoder's own error for anything else.
            self = .list(try container.decode([ParamValue].self))
        }
    }

    /// The value when it has type `T`, nil when it has another type (the single-value
    /// container offers no way to ask for the type other than trying).
    private static func probe<T: Decodable>(_ type: T.Type, _ container: any SingleValueDecodingContainer) -> T? {
        do {
            return try container.decode(type)
        } catch {
            return nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        }
    }

    /// The value as canonical JSON text: integers as digits, numbers with a `.` or an
    /// exponent (Swift's shortest round-tripping form: `0.001`, `1e-05`, `3.0`), strings
    /// escaped, booleans `true` / `false`. A non-finite number (never drawn by a sampler)
    /// is written as the string `"nan"`, `"inf"` or `"-inf"`.
    var canonicalJSON: String {
        switch self {
        case .string(let value): CanonicalJSON.quoted(value)
        case .int(let value): String(value)
        case .double(let value): value.isFinite ? "\(value)" : CanonicalJSON.quoted("\(value)")
        case .bool(let value): value ? "true" : "false"
        case .list(let values): "[" + values.map(\.canonicalJSON).joined(separator: ",") + "]"
        }
    }
}
