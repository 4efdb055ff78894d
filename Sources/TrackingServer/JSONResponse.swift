import Foundation
import Hummingbird

/// JSON responses in protobuf-JSON style: non-finite numbers become the strings "NaN",
/// "Infinity" and "-Infinity" (what MLflow writes and its client reads back).
enum JSONResponse {
    static func make(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: sanitized(object), options: [])) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Replaces non-finite doubles (which JSONSerialization refuses) by their MLflow strings.
    static func sanitized(_ value: Any) -> Any {
        switch value {
        case let number as Double where !number.isFinite:
            return number.isNaN ? "NaN" : (number > 0 ? "Infinity" : "-Infinity")
        case let dictionary as [String: Any]: return dictionary.mapValues(sanitized)
        case let array as [Any]: return array.map(sanitized)
        default: return value
        }
    }
}
