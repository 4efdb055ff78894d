/// Reads a timestamp field into seconds since 1970-01-01 UTC.
///
/// Accepted forms:
/// - `YYYY-MM-DD HH:MM:SS` — naive, taken as UTC (NAB's form);
/// - ISO 8601: `YYYY-MM-DDTHH:MM[:SS[.fff]]` with optional `Z`, `±HH:MM`, `±HHMM` or `±HH`
///   (the same suffixes are accepted after the space form; no suffix means UTC);
/// - `YYYY-MM-DD` alone (midnight UTC);
/// - a decimal number of seconds (epoch, or relative to the first sample as in azure_v1_vms).
///
/// t = 86400·days(Y, M, D) + 3600·h + 60·m + s + fraction − offset, exact for whole seconds.
public enum TimestampParser {
    /// Why a field is not a timestamp, for `RowProblem.badTimestamp`.
    public enum Failure: Error, Equatable {
        case malformed(String)
    }

    public static func parse(_ text: String) -> Result<Double, Failure> {
        let bytes = Array(text.utf8)
        return parse(bytes, 0, bytes.count)
    }

    static func parse(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Result<Double, Failure> {
        guard start < end else { return .failure(.malformed("the field is empty")) }
        if end - start >= 10, bytes[start + 4] == UInt8(ascii: "-") {
            return parseCalendar(bytes, start, end)
        }
        switch DecimalParser.parse(bytes, start, end) {
        case let .number(value): return .success(value)
        case .notFinite: return .failure(.malformed("seconds must be finite"))
        case .empty: return .failure(.malformed("the field is empty"))
        case .notANumber: return .failure(.malformed("neither a date nor a number of seconds"))
        }
    }

    private static func parseCalendar(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Result<Double, Failure> {
        var cursor = Cursor(bytes: bytes, index: start, end: end)
        guard let year = cursor.digits(4), cursor.expect("-"),
              let month = cursor.digits(2), cursor.expect("-"),
              let day = cursor.digits(2)
        else { return .failure(.malformed("the date part is not YYYY-MM-DD")) }
        guard (1...12).contains(month) else { return .failure(.malformed("month \(month) is not in 1...12")) }
        guard day >= 1, day <= CivilTime.daysInMonth(year: year, month: month) else {
            return .failure(.malformed("day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month)"))
        }
        var seconds = Double(CivilTime.daysSinceEpoch(year: year, month: month, day: day) * 86_400)
        if cursor.atEnd { return .success(seconds) }
        guard cursor.expect(" ") || cursor.expect("T") || cursor.expect("t") else {
            return .failure(.malformed("expected a space or T after the date"))
        }
        guard let hour = cursor.digits(2), cursor.expect(":"), let minute = cursor.digits(2) else {
            return .failure(.malformed("the time part is not HH:MM:SS"))
        }
        var second = 0
        var fraction = 0.0
        if cursor.expect(":") {
            guard let value = cursor.digits(2) else { return .failure(.malformed("the seconds are not two digits")) }
            second = value
            if cursor.expect(".") || cursor.expect(",") {
                guard let value = cursor.fraction() else {
                    return .failure(.malformed("expected digits after the decimal point of the seconds"))
                }
                fraction = value
            }
        }
        guard hour <= 23 else { return .failure(.malformed("hour \(hour) is not in 0...23")) }
        guard minute <= 59 else { return .failure(.malformed("minute \(minute) is not in 0...59")) }
        guard second <= 59 else { return .failure(.malformed("second \(second) is not in 0...59")) }
        seconds += Double(hour * 3600 + minute * 60 + second)
        switch cursor.zoneOffset() {
        case let .success(offset): return .success(seconds - Double(offset) + fraction)
        case let .failure(failure): return .failure(failure)
        }
    }

    /// A read position over the field's bytes.
    private struct Cursor {
        let bytes: [UInt8]
        var index: Int
        let end: Int

        var atEnd: Bool { index >= end }

        mutating func expect(_ character: Unicode.Scalar) -> Bool {
            guard index < end, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits as an integer.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= end else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        /// One or more digits after a decimal point, as a value in [0, 1).
        mutating func fraction() -> Double? {
            let start = index
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > start else { return nil }
            var text: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: ".")]
            text.append(contentsOf: bytes[start..<index])
            guard case let .number(value) = DecimalParser.parse(text, 0, text.count) else { return nil }
            return value
        }

        /// Seconds east of UTC from `Z`, `±HH:MM`, `±HHMM`, `±HH`, or nothing (naive = UTC).
        mutating func zoneOffset() -> Result<Int, Failure> {
            if atEnd { return .success(0) }
            if expect("Z") || expect("z") {
                return atEnd ? .success(0) : .failure(.malformed("unexpected text after Z"))
            }
            let sign: Int
            if expect("+") { sign = 1 } else if expect("-") { sign = -1 } else {
                return .failure(.malformed("unexpected text after the time; expected Z or an offset such as +01:00"))
            }
            guard let hours = digits(2) else { return .failure(.malformed("the offset is not ±HH:MM")) }
            var minutes = 0
            if !atEnd {
                _ = expect(":")
                guard let value = digits(2) else { return .failure(.malformed("the offset is not ±HH:MM")) }
                minutes = value
            }
            guard atEnd else { return .failure(.malformed("unexpected text after the offset")) }
            guard hours <= 23, minutes <= 59 else { return .failure(.malformed("the offset is out of range")) }
            return .success(sign * (hours * 3600 + minutes * 60))
        }
    }
}
