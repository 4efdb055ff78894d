import Foundation
import Hummingbird

/// JSON responses in protobuf-JSON style (`JSONWriter`): non-finite numbers become the strings
/// "NaN", "Infinity" and "-Infinity" (what MLflow writes and its client reads back).
enum JSONResponse {
    static func make(_ object: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let bytes: [UInt8]
        do { bytes = try JSONWriter.bytes(object) } catch {
            // Only strings, numbers, booleans, arrays and objects are ever built; say so if that breaks.
            let message = "INTERNAL_ERROR: response not encodable as JSON: \(error)".replacingOccurrences(of: "\"", with: "'")
            return Response(status: .internalServerError, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"error_code\": \"INTERNAL_ERROR\", \"message\": \"\(message)\"}")))
        }
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
