import Foundation

/// Network weights θ in artifacts: base64 of little-endian IEEE-754 Float32, in order, so
/// a value round-trips exactly and readers in other languages decode it with one call
/// (numpy: `np.frombuffer(base64.b64decode(s), "<f4")`).
enum Float32Base64 {
    static func encode(_ values: [Float]) -> String {
        var data = Data(capacity: values.count * 4)
        for p in values { withUnsafeBytes(of: p.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data.base64EncodedString()
    }

    /// The values of `text`, or nil when it is not base64 of a whole number of Float32s.
    static func decode(_ text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
