import Foundation
import Hummingbird
import Serving

/// Routes every request of `autoscale serve` (docs/formats/serving-http.md) and counts it
/// in `/metrics`. Errors are JSON `HTTPProblem`s naming the field at fault.
struct ServingResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let service: ServingService

    static let routes: [String: HTTPRequest.Method] = [
        "/v1/forecast": .get, "/v1/recommendation": .get, "/v1/predict": .post, "/metrics": .get, "/healthz": .get, "/readyz": .get,
    ]

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let path = request.uri.path
        let route = Self.routes[path] == nil ? "other" : path
        var response: Response
        do {
            response = try await answer(request, path: path)
        } catch let problem as HTTPProblem {
            response = Self.json(problem, status: HTTPResponse.Status(code: problem.status))
            if problem.status == 503 { response.headers[.retryAfter] = "1" }
        }
        service.metrics.observe(route: route, status: response.status.code, duration: ContinuousClock.now - started)
        return response
    }

    private func answer(_ request: Request, path: String) async throws -> Response {
        guard let method = Self.routes[path] else {
            throw HTTPProblem(.notFound, field: "path", "no route \(path); routes: \(Self.routes.keys.sorted().joined(separator: ", "))")
        }
        guard request.method == method else {
            throw HTTPProblem(.methodNotAllowed, field: "method", "\(path) takes \(method.rawValue), not \(request.method.rawValue)")
        }
        let now = service.clock()
        switch path {
        case "/healthz":
            return Self.json(["status": "ok"], status: .ok)
        case "/readyz":
            let ready = service.models.isReady
            return Self.json(ReadyResponse(ready: ready, models: service.models.all.map(ModelStatusView.init)),
                             status: ready ? .ok : .serviceUnavailable)
        case "/metrics":
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: service.metrics.render(
                board: service.board, models: service.models, now: now))))
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        case "/v1/forecast":
            let entry = try boardEntry(request)
            guard let forecast = entry.forecast else { throw Self.noForecastYet(entry) }
            return Self.json(ForecastResponse(entry, forecast: forecast, now: now), status: .ok)
        case "/v1/recommendation":
            let entry = try boardEntry(request)
            guard entry.forecast != nil else { throw Self.noForecastYet(entry) }
            guard let recommendation = entry.recommendation else {
                throw HTTPProblem(.notFound, field: "container", entry.notes.joined(separator: "; "))
            }
            return Self.json(RecommendationResponse(entry, recommendation: recommendation, now: now), status: .ok)
        default:
            return try await predict(request)
        }
    }

    /// `POST /v1/predict`: read at most `maxBodyBytes`, validate, forecast within the limiter.
    private func predict(_ request: Request) async throws -> Response {
        let limits = service.settings.limits
        let data = try await Self.body(request, limit: limits.maxBodyBytes)
        let job = try PredictBody.decode(data).validated(limits)
        let service = self.service
        let answer = try await service.limiter.run { () -> Result<PredictResponse, HTTPProblem> in
            do throws(HTTPProblem) { return .success(try service.predict(job)) } catch { return .failure(error) }
        }
        guard let answer else {
            service.metrics.rejected()
            throw HTTPProblem(.serviceUnavailable, field: nil,
                              "busy: \(limits.maxConcurrent) predictions running and \(limits.maxQueued) waiting; retry after a second")
        }
        return Self.json(try answer.get(), status: .ok)
    }

    /// The board entry the `container` query parameter names (400 without it, 404 for an unknown one).
    private func boardEntry(_ request: Request) throws -> BoardEntry {
        guard let container = request.uri.queryParameters.get("container"), !container.isEmpty else {
            throw HTTPProblem(.badRequest, field: "container", "missing; add ?container=NAME (known: \(Self.list(service.board.containers)))")
        }
        guard let entry = service.board.entry(container) else {
            let why = service.containers.isEmpty
                ? "this server has no history source; start it with --data FILE or --prometheus URL --container NAME"
                : "known containers: \(Self.list(service.board.containers))"
            throw HTTPProblem(.notFound, field: "container", "no forecasts for container '\(container)'; \(why)")
        }
        return entry
    }

    static func noForecastYet(_ entry: BoardEntry) -> HTTPProblem {
        HTTPProblem(.serviceUnavailable, field: nil, "no forecast for \(entry.container) yet: \(entry.lastError ?? "the first refresh is running")")
    }

    /// The whole body, refused with 413 past `limit` bytes (by Content-Length before reading, or while reading).
    static func body(_ request: Request, limit: Int) async throws -> Data {
        let tooLarge = HTTPProblem(.contentTooLarge, field: "body", "larger than \(limit) bytes; send a shorter history or raise --max-body")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        var buffer = ByteBuffer()
        for try await chunk in request.body {
            guard buffer.readableBytes + chunk.readableBytes <= limit else { throw tooLarge }
            var chunk = chunk
            buffer.writeBuffer(&chunk)
        }
        return Data(buffer.readableBytesView)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            data = Data("{\"error\":\"cannot encode the answer: \(error)\",\"status\":500}".utf8)
            return Response(status: .internalServerError, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
}
