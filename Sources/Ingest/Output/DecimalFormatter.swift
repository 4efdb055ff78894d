/// Fixed-point text for CSV values, computed with integers so the same Double always
/// gives the same bytes: v is rounded to d decimals (half away from zero) and written as
/// `[-]integer[.fraction]` with exactly d fraction digits.
enum DecimalFormatter {
    private static let scales: [Double] = (0...9).map { digits in
        var value = 1.0
        for _ in 0..<digits { value *= 10 }
        return value
    }

    static func append(_ value: Double, decimals: Int, to buffer: inout [UInt8]) {
        let scale = scales[min(max(decimals, 0), 9)]
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 9.0e18 else {
            buffer.append(contentsOf: String(value).utf8)
            return
        }
        var integer = Int64(scaled)
        if integer < 0 {
            buffer.append(UInt8(ascii: "-"))
            integer = -integer
        }
        let divisor = Int64(scale)
        appendDigits(UInt64(integer / divisor), minimumWidth: 1, to: &buffer)
        if decimals > 0 {
            buffer.append(UInt8(ascii: "."))
            appendDigits(UInt64(integer % divisor), minimumWidth: decimals, to: &buffer)
        }
    }

    static func string(_ value: Double, decimals: Int) -> String {
        var buffer: [UInt8] = []
        append(value, decimals: decimals, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func appendDigits(_ value: UInt64, minimumWidth: Int, to buffer: inout [UInt8]) {
        // Least significant digit first, then reversed in place.
        let start = buffer.count
        var rest = value
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while buffer.count - start < minimumWidth { buffer.append(UInt8(ascii: "0")) }
        buffer[start...].reverse()
    }
}
