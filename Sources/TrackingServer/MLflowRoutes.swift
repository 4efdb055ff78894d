import Hummingbird
import Tracking

/// Mounts every `MLflowEndpoint` under `/api/2.0/mlflow` and its `/ajax-api/2.0/mlflow` alias.
///
/// One call: on the request's task the write guard and collecting the body; then, on `workers`
/// (reads and writes on separate pools, SQLite calls block their thread), parsing the JSON,
/// the endpoint's handler and encoding the answer. With `timings` each answered call's moments
/// are counted per route and sent back in a `Server-Timing` header (`CallTimings`).
struct MLflowRoutes: Sendable {
    let service: MLflowService
    let guardRules: RequestGuard
    /// Largest accepted request body in bytes (larger: 413).
    let limit: Int
    let workers: RegistryWorkers
    let timings: CallTimings?

    static let prefixes = ["/api/2.0/mlflow", "/ajax-api/2.0/mlflow"]

    func add(to router: Router<BasicRequestContext>) {
        for prefix in Self.prefixes {
            let group = router.group(RouterPath(prefix))
            for endpoint in MLflowEndpoint.all {
                let route = "\(endpoint.method) \(endpoint.path)"
                group.on(RouterPath(endpoint.path), method: endpoint.method) { request, _ in
                    try await answer(request, endpoint: endpoint, route: route)
                }
            }
        }
        if let timings { TimingRoutes(timings: timings, guardRules: guardRules).add(to: router) }
    }

    func answer(_ request: Request, endpoint: MLflowEndpoint, route: String) async throws -> Response {
        let clock = timings?.now
        var moments = CallTimings.Moments()
        if let clock { moments.mark(clock()) }
        if endpoint.writes { try guardRules.checkWrite(request) }
        let input = try await MLflowRequestInput.read(request, limit: limit)
        if let clock { moments.mark(clock()) }
        let (response, poolMoments) = try await workers.pool(writes: endpoint.writes).runIfActive { [service] in
            var moments = CallTimings.Moments()
            if let clock { moments.mark(clock()) }
            let parsed = try MLflowRequest(parsing: input)
            if let clock { moments.mark(clock()) }
            let answer = try endpoint.handler(service, parsed)
            if let clock { moments.mark(clock()) }
            let response = JSONResponse.make(answer)
            if let clock { moments.mark(clock()) }
            return (response, moments)
        }
        guard let timings, let clock else { return response }
        moments.values += poolMoments.values
        moments.mark(clock())
        timings.record(route: route, moments)
        return CallTimings.withServerTiming(response, moments)
    }
}
