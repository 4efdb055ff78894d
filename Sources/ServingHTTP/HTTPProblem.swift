import Foundation
import Hummingbird
import Serving

/// A request the server refuses or cannot answer: the status, the field of the request
/// at fault (a JSON path such as `history.timestamps[3]`, or a query parameter), and what
/// to do. Sent as `{"error": …, "field": …, "status": …}` (docs/formats/serving-http.md#errors).
struct HTTPProblem: Error, Encodable, Equatable {
    var status: Int
    var field: String?
    var error: String

    init(_ status: HTTPResponse.Status, field: String?, _ error: String) {
        self.status = status.code
        self.field = field
        self.error = error
    }

    /// A `ServingError` from a prediction: which status and which field it blames.
    /// `historyField` is the JSON path of the history the prediction used.
    static func from(_ error: ServingError, metricField: String, historyField: String) -> HTTPProblem {
        switch error {
        case .aliasNotFound, .badModelReference:
            return HTTPProblem(.notFound, field: metricField, error.description)
        case .historyTooShort:
            return HTTPProblem(.unprocessableContent, field: historyField + ".values", error.description)
        case .intervalMismatch:
            return HTTPProblem(.unprocessableContent, field: historyField + ".timestamps", error.description)
        case .badHorizon:
            return HTTPProblem(.unprocessableContent, field: "horizons", error.description)
        case .noHistory:
            return HTTPProblem(.notFound, field: "container", error.description)
        case .artifactHashMismatch, .artifactMissing, .artifactUnloadable:
            return HTTPProblem(.serviceUnavailable, field: nil, error.description)
        case .noModels, .forecastFailed, .badPolicyForBacktest, .traceTooShort, .noPolicyResource:
            return HTTPProblem(.internalServerError, field: nil, error.description)
        }
    }
}
