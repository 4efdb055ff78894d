/// Reads a decimal number from bytes: `[+-]digits[.digits][(e|E)[+-]digits]` (at least one
/// digit in the mantissa). NaN and infinities are recognised only to be reported.
///
/// Fast path (Clinger 1990): when the significant digits form an integer m ≤ 2^53 and the
/// decimal exponent |e| ≤ 22, m·10^e is one correctly rounded multiplication or division
/// of two exact doubles. Otherwise the Swift standard library's correctly rounded
/// conversion is used. Either way the result equals `Double(text)`.
enum DecimalParser {
    enum Outcome: Equatable {
        case number(Double)
        case empty
        case notANumber
        case notFinite
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func parse(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Outcome {
        guard start < end else { return .empty }
        var index = start
        var negative = false
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var exponent = 0
        // Integer part.
        while index < end, let digit = digitValue(bytes[index]) {
            accumulate(digit, &mantissa, &significantDigits, &exponent, fractional: false)
            digitCount += 1
            index += 1
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, let digit = digitValue(bytes[index]) {
                accumulate(digit, &mantissa, &significantDigits, &exponent, fractional: true)
                digitCount += 1
                index += 1
            }
        }
        guard digitCount > 0 else { return classifyNonNumeric(bytes, start, end) }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < end, let digit = digitValue(bytes[index]) {
                if written < 100_000 { written = written * 10 + Int(digit) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return .notANumber }
            exponent += exponentNegative ? -written : written
        }
        guard index == end else { return .notANumber }
        if significantDigits <= 19, mantissa <= (1 << 53), abs(exponent) <= 22 {
            var value = Double(mantissa)
            value = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
            return .number(negative ? -value : value)
        }
        guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)) else { return .notANumber }
        return value.isFinite ? .number(value) : .notFinite
    }

    /// Adds one digit to m (leading zeros skipped); past 19 significant digits m stops
    /// growing and the fast path is abandoned (significantDigits > 19).
    private static func accumulate(
        _ digit: UInt8, _ mantissa: inout UInt64, _ significantDigits: inout Int, _ exponent: inout Int, fractional: Bool
    ) {
        if significantDigits == 0, digit == 0 {
            if fractional { exponent -= 1 }
            return
        }
        significantDigits += 1
        if significantDigits <= 19 {
            mantissa = mantissa * 10 + UInt64(digit)
            if fractional { exponent -= 1 }
        } else if !fractional {
            exponent += 1
        }
    }

    private static func digitValue(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    /// "nan", "inf", "infinity" (any case, optional sign) are not finite; anything else is not a number.
    private static func classifyNonNumeric(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Outcome {
        var text = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
        if text.hasPrefix("+") || text.hasPrefix("-") { text.removeFirst() }
        return ["nan", "inf", "infinity"].contains(text) ? .notFinite : .notANumber
    }
}
