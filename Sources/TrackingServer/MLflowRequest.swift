import Foundation
import Hummingbird

/// One MLflow call as received, not yet parsed: the query string's pairs in order and the body
/// bytes. Sendable, so the parsing and the handler run on the server's blocking pool.
struct MLflowRequestInput: Sendable {
    var query: [(String, String)]
    var body: ByteBuffer

    /// Reads the body (at most `limit` bytes, else 413) and the query string.
    static func read(_ request: Request, limit: Int) async throws -> MLflowRequestInput {
        var body = request.body
        let buffer = try await body.collect(upTo: limit)
        return MLflowRequestInput(query: request.uri.queryParameters.map { key, value in (String(key), String(value)) }, body: buffer)
    }
}

/// The fields of one MLflow call: the JSON body's top-level object merged with the query
/// string (GET calls carry their fields there; repeated query keys become arrays).
struct MLflowRequest {
    var fields: [String: Any]

    init(fields: [String: Any]) { self.fields = fields }

    /// Parses what `MLflowRequestInput.read` collected: the query pairs, then the body's JSON
    /// object over them (a field in both takes the body's value).
    init(parsing input: MLflowRequestInput) throws {
        var fields: [String: Any] = [:]
        for (key, value) in input.query {
            if let existing = fields[key] {
                fields[key] = ((existing as? [Any]) ?? [existing]) + [value]
            } else {
                fields[key] = value
            }
        }
        if input.body.readableBytes > 0 {
            let data = Data(input.body.readableBytesView)
            let parsed: Any
            do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
                throw MLflowError("MALFORMED_REQUEST", "The request body is not JSON: \(error.localizedDescription)", status: .badRequest)
            }
            guard let object = parsed as? [String: Any] else {
                throw MLflowError("MALFORMED_REQUEST", "The request body must be a JSON object.", status: .badRequest)
            }
            fields.merge(object) { _, body in body }
        }
        self.fields = fields
    }

    func string(_ key: String) -> String? {
        switch fields[key] {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        case let array as [Any]: return array.first.map { "\($0)" }
        default: return nil
        }
    }

    func required(_ key: String) throws -> String {
        guard let value = string(key), !value.isEmpty else { throw MLflowError.missing(key) }
        return value
    }

    /// An integer given as a JSON number or a string (protobuf JSON writes int64 as strings).
    func int(_ key: String) throws -> Int64? {
        guard let value = fields[key] else { return nil }
        if let number = value as? NSNumber { return number.int64Value }
        if let text = value as? String, let number = Int64(text) { return number }
        throw MLflowError.invalid("Parameter '\(key)' must be an integer, got '\(value)'.")
    }

    /// A list of strings: a JSON array or repeated query keys.
    func strings(_ key: String) -> [String] {
        switch fields[key] {
        case let array as [Any]: return array.map { "\($0)" }
        case let text as String: return [text]
        default: return []
        }
    }

    /// A list of JSON objects (`metrics`, `params`, `tags` of log-batch and runs/create).
    func objects(_ key: String) -> [MLflowRequest] {
        ((fields[key] as? [Any]) ?? []).compactMap { ($0 as? [String: Any]).map(MLflowRequest.init) }
    }

    /// A metric value: a JSON number or "NaN" / "Infinity" / "-Infinity".
    func double(_ key: String) throws -> Double? {
        guard let value = fields[key] else { return nil }
        if let number = value as? NSNumber { return number.doubleValue }
        if let text = value as? String {
            switch text {
            case "NaN", "nan": return .nan
            case "Infinity", "inf": return .infinity
            case "-Infinity", "-inf": return -.infinity
            default: if let number = Double(text) { return number }
            }
        }
        throw MLflowError.invalid("Parameter '\(key)' must be a number, got '\(value)'.")
    }
}
