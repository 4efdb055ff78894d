import Foundation

/// An HTTP request as the web UI needs it, independent of any server library, so the UI
/// mounts onto whichever server carries it (`TrackingServer` adapts Hummingbird's request).
public struct WebRequest: Sendable, Equatable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var method: Method
    /// The path as sent, still percent-encoded (`/runs/3fa2…/artifacts/model.json`).
    public var path: String
    /// The query string without `?` (`filter=metrics.mae%20%3C%201&page=2`).
    public var query: String
    /// The body of a POST form (`application/x-www-form-urlencoded`); empty otherwise.
    public var body: String
    /// The `Authorization` header, if any (`Bearer <token>`).
    public var authorization: String?

    public init(method: Method = .get, path: String, query: String = "", body: String = "", authorization: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.authorization = authorization
    }

    /// The query's fields in order (a name may repeat: `run=a&run=b`).
    public var queryItems: FormFields { FormFields(encoded: query) }
    /// The body's form fields.
    public var formFields: FormFields { FormFields(encoded: body) }

    /// The path split at `/` with each segment percent-decoded; empty segments dropped.
    public var pathSegments: [String] {
        path.split(separator: "/").map { FormFields.percentDecode(String($0), plusIsSpace: false) }
    }
}

/// `application/x-www-form-urlencoded` fields (query strings and POST forms), in order.
public struct FormFields: Sendable, Equatable {
    public var items: [(name: String, value: String)]

    public init(_ items: [(name: String, value: String)]) { self.items = items }

    /// Parses `a=1&b=x+y&c=%3C`; a field without `=` has an empty value; `+` is a space.
    public init(encoded: String) {
        items = encoded.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormFields.percentDecode(String(parts[0]), plusIsSpace: true)
            let value = parts.count > 1 ? FormFields.percentDecode(String(parts[1]), plusIsSpace: true) : ""
            return (name, value)
        }
    }

    /// The first value of `name`, trimmed; nil when absent or blank.
    public subscript(name: String) -> String? {
        guard let value = items.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty else { return nil }
        return value
    }

    /// Every non-blank value of `name`, in order.
    public func all(_ name: String) -> [String] {
        items.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    public static func == (a: FormFields, b: FormFields) -> Bool {
        a.items.map(\.name) == b.items.map(\.name) && a.items.map(\.value) == b.items.map(\.value)
    }

    /// Decodes `%XX` escapes (invalid ones are kept as written) and, for forms, `+` as space.
    static func percentDecode(_ text: String, plusIsSpace: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "+"), plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), input.count >= 2,
                      let high = hexValue(input[input.startIndex]), let low = hexValue(input[input.startIndex + 1]) {
                bytes.append(high << 4 | low)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Percent-encodes `text` for a query value or a path segment (unreserved characters kept).
    public static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// `name=value&…`, percent-encoded, skipping nil values.
    public static func encode(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { "\(percentEncode(name))=\(percentEncode($0))" } }.joined(separator: "&")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
