import Dispatch
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Runs a `ServingService`: the Hummingbird application (unless `listens` is false), the
/// registry poll every `reloadSeconds` and, with a Prometheus source, the watch loop every
/// `watchSeconds`, in one ServiceLifecycle group. Graceful shutdown (SIGTERM/SIGINT in
/// `runServing`, `shutdown()` in tests) stops accepting connections, lets requests in
/// flight finish and ends the loops between cycles.
public final class ServingServer: Sendable {
    public let service: ServingService
    private let group = Mutex<ServiceGroup?>(nil)

    public init(service: ServingService) {
        self.service = service
    }

    /// Loads the models, forecasts a CSV source once, then serves until shutdown.
    /// `listening(port)` is called once the socket is bound (the port chosen when 0 was asked).
    public func run(signals: [UnixSignal] = [], listening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let service = self.service
        let settings = service.settings
        await PeriodicService.offThread { service.preloadModels() }
        if !service.refreshesPeriodically && !service.containers.isEmpty {
            await PeriodicService.offThread { service.refreshAll() }
        }
        var services: [any Service] = []
        var logger = Logger(label: "autoscale-serve") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .warning
        if settings.listens {
            let application = Application(
                responder: ServingResponder(service: service),
                configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "autoscale"),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? settings.port
                    service.events.log("serving on http://\(settings.host):\(port) (/v1/forecast, /v1/predict, /v1/recommendation, /metrics, /healthz, /readyz)")
                    listening(port)
                },
                logger: logger
            )
            services.append(application)
        }
        services.append(PeriodicService(seconds: settings.reloadSeconds, runAtStart: false) { service.reloadModels() })
        if service.refreshesPeriodically {
            services.append(PeriodicService(seconds: settings.watchSeconds, runAtStart: true) { service.refreshAll() })
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: signals, logger: logger))
        self.group.withLock { $0 = group }
        try await group.run()
        service.events.log("stopped")
    }

    /// Begins a graceful shutdown, as SIGTERM does.
    public func shutdown() async {
        guard let group = group.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
    }
}

/// `autoscale serve` and `autoscale watch`: builds the service and runs it until SIGTERM
/// or SIGINT, blocking the calling thread. Returns when every request in flight is answered.
public func runServing(_ settings: ServeSettings, events: ServeEvents,
                       clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws {
    let server = ServingServer(service: try ServingService(settings: settings, clock: clock, events: events))
    let outcome = Mutex<Result<Void, any Error>>(.success(()))
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            try await server.run(signals: [.sigterm, .sigint])
        } catch {
            outcome.withLock { $0 = .failure(error) }
        }
        done.signal()
    }
    done.wait()
    try outcome.withLock { $0 }.get()
}
