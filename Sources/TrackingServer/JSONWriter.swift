import Foundation

/// The JSON text of the answers the handlers build (`[String: Any]` of strings, Swift integers,
/// doubles, booleans, arrays and objects), written straight into bytes: no Foundation object
/// graph and no second pass for non-finite numbers, which become MLflow's strings "NaN",
/// "Infinity" and "-Infinity" (protobuf JSON; JSON has no such numbers).
///
/// Doubles are written in Swift's shortest round-trip form (`0.1`, `1e-05`, `2.0`); strings are
/// UTF-8 with `"`, `\` and control characters escaped. Any other value (e.g. an `NSNumber` a
/// parsed request carried) is written by `JSONSerialization`.
enum JSONWriter {
    static func bytes(_ object: [String: Any]) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(object, into: &out)
        return out
    }

    static func write(_ value: Any, into out: inout [UInt8]) throws {
        switch value {
        case let text as String: writeString(text, into: &out)
        case let number as Double where type(of: value) == Double.self: writeDouble(number, into: &out)
        case let flag as Bool where type(of: value) == Bool.self: out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case let number as Int where type(of: value) == Int.self: out.append(contentsOf: String(number).utf8)
        case let number as Int64 where type(of: value) == Int64.self: out.append(contentsOf: String(number).utf8)
        case let number as Int32 where type(of: value) == Int32.self: out.append(contentsOf: String(number).utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(item, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (index, item) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case is NSNull: out.append(contentsOf: "null".utf8)
        default:
            // One element array, then its brackets dropped: `JSONSerialization` writes only containers.
            let text = try JSONSerialization.data(withJSONObject: [value], options: [.fragmentsAllowed])
            out.append(contentsOf: text.dropFirst().dropLast())
        }
    }

    /// Finite: Swift's shortest round-trip text; NaN and ±∞: MLflow's strings.
    static func writeDouble(_ number: Double, into out: inout [UInt8]) {
        if number.isFinite {
            out.append(contentsOf: number.description.utf8)
        } else {
            writeString(number.isNaN ? "NaN" : (number > 0 ? "Infinity" : "-Infinity"), into: &out)
        }
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
