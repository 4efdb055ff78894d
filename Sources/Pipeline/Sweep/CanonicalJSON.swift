/// The small JSON dialect of `TrialParameters.canonicalJSON`: one object, keys sorted by
/// their UTF-8 bytes, no whitespace, values scalars (or lists of them) written by
/// `ParamValue.canonicalJSON`. The reader accepts any JSON object of scalars and lists
/// with optional whitespace, and tells integers (no `.`, `e` or `E`) from numbers.
enum CanonicalJSON {
    /// `"…"` with `"`, `\` and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += controlEscape(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `\u001f` for a control character.
    private static func controlEscape(_ value: UInt32) -> String {
        let hex: String = String(value, radix: 16)
        let padding: String = String(repeating: "0", count: 4 - hex.count)
        return "\\u" + padding + hex
    }

    /// Reads `{"name": value, …}` into (name, value) pairs in the text's order.
    static func readObject(_ text: String) throws(TrialParametersError) -> [(String, ParamValue)] {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipSpace()
        try reader.expect(UInt8(ascii: "{"))
        var pairs: [(String, ParamValue)] = []
        reader.skipSpace()
        if reader.peek == UInt8(ascii: "}") {
            reader.index += 1
        } else {
            while true {
                reader.skipSpace()
                let key = try reader.string()
                reader.skipSpace()
                try reader.expect(UInt8(ascii: ":"))
                reader.skipSpace()
                pairs.append((key, try reader.value()))
                reader.skipSpace()
                if reader.peek == UInt8(ascii: ",") { reader.index += 1; continue }
                try reader.expect(UInt8(ascii: "}"))
                break
            }
        }
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw reader.error("text after the closing }") }
        return pairs
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ problem: String) -> TrialParametersError { .invalidJSON(problem: problem, offset: index) }

        mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws(TrialParametersError) {
            guard peek == byte else { throw error("expected \(Character(Unicode.Scalar(byte)))") }
            index += 1
        }

        mutating func value() throws(TrialParametersError) -> ParamValue {
            guard let b = peek else { throw error("expected a value") }
            switch b {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "["):
                index += 1
                var values: [ParamValue] = []
                skipSpace()
                if peek == UInt8(ascii: "]") { index += 1; return .list(values) }
                while true {
                    skipSpace()
                    values.append(try value())
                    skipSpace()
                    if peek == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return .list(values)
                }
            default: return try number()
            }
        }

        mutating func word(_ w: String) throws(TrialParametersError) {
            for byte in w.utf8 { try expect(byte) }
        }

        mutating func number() throws(TrialParametersError) -> ParamValue {
            let start = index
            while let b = peek, Self.isNumberByte(b) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Int(text) { return .int(value) }
            guard !text.isEmpty, let value = Double(text) else { index = start; throw error("expected a value") }
            return .double(value)
        }

        /// A digit, sign, point or exponent mark.
        static func isNumberByte(_ b: UInt8) -> Bool {
            if b >= 0x30 && b <= 0x39 { return true }
            let marks: [UInt8] = [0x2D, 0x2B, 0x2E, 0x65, 0x45] // - + . e E
            return marks.contains(b)
        }

        mutating func string() throws(TrialParametersError) -> String {
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while true {
                guard let b = peek else { throw error("unterminated string") }
                index += 1
                if b == UInt8(ascii: "\"") { break }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard let e = peek else { throw error("unterminated escape") }
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count,
                          let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw error("bad \\u escape") }
                    index += 4
                    out += Array(String(scalar).utf8)
                default: out.append(e)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
