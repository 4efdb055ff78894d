import Foundation
import Hummingbird
import Tracking

/// An error answered in MLflow's format: `{"error_code": "...", "message": "..."}` with
/// MLflow's HTTP status for the code (mlflow/protos/databricks.proto, mlflow/server/handlers.py).
public struct MLflowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var status: HTTPResponse.Status

    public init(_ code: String, _ message: String, status: HTTPResponse.Status) {
        self.code = code
        self.message = message
        self.status = status
    }

    public var description: String { "\(code): \(message)" }

    static func notFound(_ message: String) -> MLflowError { MLflowError("RESOURCE_DOES_NOT_EXIST", message, status: .notFound) }
    static func invalid(_ message: String) -> MLflowError { MLflowError("INVALID_PARAMETER_VALUE", message, status: .badRequest) }
    static func exists(_ message: String) -> MLflowError { MLflowError("RESOURCE_ALREADY_EXISTS", message, status: .badRequest) }
    static func unsupported(_ message: String) -> MLflowError { MLflowError("ENDPOINT_NOT_FOUND", message, status: .notFound) }

    /// A missing required field of the request.
    static func missing(_ field: String) -> MLflowError { invalid("Missing value for required parameter '\(field)'.") }

    /// The MLflow form of any error a handler throws.
    static func from(_ error: any Error) -> MLflowError {
        switch error {
        case let error as MLflowError: return error
        case let error as TrackingError: return from(error)
        case let error as FilterError: return invalid(error.description)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return MLflowError("REQUEST_LIMIT_EXCEEDED", "The request body is larger than the server accepts (--max-body-bytes).", status: .contentTooLarge)
        case let error as any HTTPResponseError where error.status == .notFound:
            return unsupported("This path is not served by `runs server`; see docs/formats/mlflow-rest.md for the endpoints it answers.")
        case let error as HTTPError:
            return MLflowError("BAD_REQUEST", error.body ?? "\(error.status)", status: error.status)
        case let error as any HTTPResponseError:
            return MLflowError("BAD_REQUEST", String(describing: error), status: error.status)
        default:
            return MLflowError("INTERNAL_ERROR", String(describing: error), status: .internalServerError)
        }
    }

    static func from(_ error: TrackingError) -> MLflowError {
        switch error {
        case .runNotFound, .experimentNotFound, .modelNotFound, .aliasNotFound, .artifactNotFound, .metricNotFound:
            return notFound(error.description)
        case .invalidRunID, .unknownStatus, .paramConflict, .invalidName, .invalidArtifactName, .unknownKey,
             .noModelArtifact, .ambiguousModelArtifact, .nothingToRollBack:
            return invalid(error.description)
        case .stillBusy:
            return MLflowError("TEMPORARILY_UNAVAILABLE", error.description, status: .serviceUnavailable)
        default:
            return MLflowError("INTERNAL_ERROR", error.description, status: .internalServerError)
        }
    }

    /// The JSON response.
    var response: Response {
        JSONResponse.make(["error_code": code, "message": message], status: status)
    }
}
