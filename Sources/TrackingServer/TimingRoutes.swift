import Hummingbird

/// The debug routes of `runs server --timing` (docs/formats/mlflow-rest.md, "Timing"):
/// `GET /debug/timing` answers `CallTimings.report()` (per route and phase: mean, median, 90th and
/// 99th percentile in microseconds); `DELETE /debug/timing` forgets what was counted (it needs the
/// token when the server has one). Mounted only with `--timing`.
struct TimingRoutes: Sendable {
    let timings: CallTimings
    let guardRules: RequestGuard

    static let path = "/debug/timing"

    func add(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(Self.path)) { _, _ in JSONResponse.make(timings.report()) }
        router.delete(RouterPath(Self.path)) { request, _ in
            try guardRules.checkToken(request)
            timings.reset()
            return JSONResponse.make([:])
        }
    }
}

extension CallTimings {
    /// `Server-Timing`, the W3C header browsers' developer tools show.
    static let headerName = HTTPFields.Element.Name("Server-Timing")

    /// `response` with the call's phases in a `Server-Timing` header.
    static func withServerTiming(_ response: Response, _ moments: Moments) -> Response {
        guard let name = headerName, let value = serverTimingHeader(moments) else { return response }
        var timed = response
        timed.headers[name] = value
        return timed
    }
}
