import Foundation
import Hummingbird
import Tracking

/// The write rules of the server: with a token every write carries `Authorization: Bearer
/// <token>` (else 401 UNAUTHENTICATED); `--read-only` refuses every write (403 PERMISSION_DENIED).
struct RequestGuard: Sendable {
    let token: String?
    let readOnly: Bool

    func checkWrite(_ request: Request) throws {
        try checkToken(request)
        if readOnly {
            throw MLflowError("PERMISSION_DENIED", "This server was started with --read-only: it refuses writes.", status: .forbidden)
        }
    }

    /// With a token, `Authorization: Bearer <token>` must be there (else 401 UNAUTHENTICATED).
    func checkToken(_ request: Request) throws {
        if let token {
            let header = request.headers[.authorization] ?? ""
            guard header.hasPrefix("Bearer "), ConstantTimeComparison.equal(String(header.dropFirst("Bearer ".count)), token) else {
                throw MLflowError("UNAUTHENTICATED", "This server needs `Authorization: Bearer <token>` on writes (set MLFLOW_TRACKING_TOKEN for the mlflow client).", status: .unauthorized)
            }
        }
    }
}

/// Answers every error in MLflow's format, including the router's own 404 for unknown paths.
struct MLflowErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do { return try await next(request, context) } catch { return MLflowError.from(error).response }
    }
}
