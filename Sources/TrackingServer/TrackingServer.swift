import Foundation
import Hummingbird
import NIOPosix
import Tracking
import TrackingWebUI

/// `runs server`: MLflow's REST API 2.0 over the registry (docs/formats/mlflow-rest.md).
///
/// Routes: `/api/2.0/mlflow/…` and its `/ajax-api/2.0/mlflow/…` alias (the JSON calls),
/// `/api/2.0/mlflow-artifacts/artifacts/…` (artifact upload, download, listing). Everything
/// else is 404 ENDPOINT_NOT_FOUND, except the web UI's pages at `/` (`WebUIRoutes`,
/// docs/formats/web-ui.md).
public enum TrackingServer {
    /// Validates the configuration, opens (or creates) the registry and serves until cancelled.
    /// `onListening` receives the bound port (useful with port 0).
    public static func run(_ configuration: ServerConfiguration,
                           extraRoutes: @Sendable (Router<BasicRequestContext>) -> Void = { _ in },
                           onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try configuration.validate()
        let registry = try Registry.open(configuration.location, create: true, staleAfter: configuration.staleAfter)
        let workers = RegistryWorkers(readThreads: configuration.readThreads, writeThreads: configuration.writeThreads)
        workers.start()
        let router = makeRouter(registry: registry, configuration: configuration, workers: workers)
        extraRoutes(router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "runs-server"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) })
        let served: Result<Void, any Error>
        do { try await app.runService(); served = .success(()) } catch { served = .failure(error) }
        try await workers.shutdownGracefully()
        try served.get()
    }

    /// The REST routes over `registry` with the write guard and MLflow's error format
    /// (`MLflowRoutes`: parsing, registry work and encoding on `workers`), artifacts and the web
    /// pages (also on `workers`), and with `configuration.timing` the `/debug/timing` routes.
    static func makeRouter(registry: Registry, configuration: ServerConfiguration, workers: RegistryWorkers) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MLflowErrorMiddleware())
        let guardRules = RequestGuard(token: configuration.token, readOnly: configuration.readOnly)
        let limit = configuration.maxBodyBytes
        MLflowRoutes(service: MLflowService(registry: registry), guardRules: guardRules, limit: limit, workers: workers,
                     timings: configuration.timing ? CallTimings() : nil).add(to: router)
        ArtifactRoutes(registry: registry, guardRules: guardRules, limit: limit, workers: workers).add(to: router)
        var random = SystemRandomNumberGenerator()
        WebUIRoutes(registry: registry, configuration: configuration, csrfToken: WebUISettings.randomCSRFToken(using: &random),
                    workers: workers).add(to: router)
        return router
    }
}
