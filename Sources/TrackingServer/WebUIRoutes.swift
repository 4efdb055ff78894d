import Hummingbird
import NIOPosix
import Tracking
import TrackingWebUI

/// Mounts the web UI (`TrackingWebUI.WebUI`, docs/formats/web-ui.md) at `/`: GET `/`, `/runs`,
/// `/runs/**`, `/compare`, `/models` and POST `/models/**` go to `WebUI.respond`, with the
/// server's token and read-only rules for the UI's forms. Only this file adapts Hummingbird's
/// request and response to the UI's own `WebRequest` / `WebResponse`. Pages are rendered on
/// `workers` (they read the registry; a POST form on the write pool), off Swift's cooperative pool.
struct WebUIRoutes: Sendable {
    let ui: WebUI
    /// Largest POST form accepted (a promote form is a few hundred bytes); larger is 413.
    let formLimit: Int
    let workers: RegistryWorkers

    static let defaultFormLimit = 64 << 10

    init(registry: Registry, configuration: ServerConfiguration, csrfToken: String, workers: RegistryWorkers) {
        self.workers = workers
        ui = WebUI(registry: registry, settings: WebUISettings(token: configuration.token, readOnly: configuration.readOnly, csrfToken: csrfToken))
        formLimit = min(configuration.maxBodyBytes, Self.defaultFormLimit)
    }

    func add(to router: Router<BasicRequestContext>) {
        for path in ["/", "/runs", "/runs/**", "/compare", "/models"] {
            router.get(RouterPath(path)) { request, _ in try await respond(request) }
        }
        router.post(RouterPath("/models/**")) { request, _ in try await respond(request) }
    }

    func respond(_ request: Request) async throws -> Response {
        var body = ""
        if request.method == .post {
            var stream = request.body
            body = String(buffer: try await stream.collect(upTo: formLimit))
        }
        let webRequest = WebRequest(
            method: request.method == .post ? .post : .get, path: request.uri.path, query: request.uri.query ?? "",
            body: body, authorization: request.headers[.authorization])
        let answer = try await workers.pool(writes: request.method == .post).runIfActive { [ui] in ui.respond(to: webRequest) }
        var headers: HTTPFields = [.contentType: answer.contentType]
        for header in answer.headers {
            // `HTTPFields.Element` is HTTPTypes' `HTTPField`, which Hummingbird does not re-export by name.
            if let name = HTTPFields.Element.Name(header.name) { headers.append(HTTPFields.Element(name: name, value: header.value)) }
        }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
