import Foundation
import Hummingbird
import NIOPosix
import Tracking

/// MLflow's artifact proxy paths, stored content-addressed through `Registry.logArtifact`:
/// PUT (upload), GET (download) `/api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts/<name>`,
/// GET `/api/2.0/mlflow-artifacts/artifacts?path=<exp>/<run>/artifacts[/<folder>]` (list).
/// The file and registry work runs on `workers` (uploads on the write pool), off Swift's cooperative pool.
struct ArtifactRoutes: Sendable {
    let registry: Registry
    let guardRules: RequestGuard
    let limit: Int
    let workers: RegistryWorkers

    static let root = "/api/2.0/mlflow-artifacts/artifacts"

    func add(to router: Router<BasicRequestContext>) {
        for prefix in [Self.root, "/ajax-api/2.0/mlflow-artifacts/artifacts"] {
            router.get(RouterPath(prefix)) { request, _ in try await workers.reads.runIfActive { try list(request) } }
            router.get(RouterPath(prefix + "/**")) { request, _ in try await workers.reads.runIfActive { try download(request, prefix: prefix) } }
            router.put(RouterPath(prefix + "/**")) { request, _ in try await upload(request, prefix: prefix) }
        }
    }

    func path(_ request: Request, prefix: String) throws -> ArtifactPath {
        try ArtifactPath(raw: String(request.uri.path.dropFirst(prefix.count + 1)), percentEncoded: true)
    }

    func upload(_ request: Request, prefix: String) async throws -> Response {
        try guardRules.checkWrite(request)
        let path = try path(request, prefix: prefix)
        guard !path.name.isEmpty else { throw MLflowError.invalid("An artifact upload needs a file name after 'artifacts/'.") }
        var body = request.body
        let buffer = try await body.collect(upTo: limit)
        return try await workers.writes.runIfActive {
            _ = try registry.logArtifact(run: path.run, name: path.name, kind: "file", data: Data(buffer.readableBytesView))
            return JSONResponse.make([:])
        }
    }

    func download(_ request: Request, prefix: String) throws -> Response {
        let path = try path(request, prefix: prefix)
        let data = try registry.readArtifact(run: path.run, name: path.name)
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func list(_ request: Request) throws -> Response {
        let raw = request.uri.queryParameters["path"].map(String.init) ?? ""
        // A listing above a run's artifacts (the experiment root) has nothing we store there.
        guard raw.split(separator: "/").count >= 3 else { return JSONResponse.make(["files": [Any]()]) }
        let path = try ArtifactPath(raw: raw, percentEncoded: false)
        return JSONResponse.make(["files": ArtifactListing.children(of: path.name, in: try registry.artifacts(of: path.run))])
    }
}
