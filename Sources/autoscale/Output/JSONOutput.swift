import Foundation

/// Pretty, key-sorted JSON for `--json` output; non-finite numbers were mapped to null
/// by the encoded types themselves.
func jsonString(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
