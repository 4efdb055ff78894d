import Foundation
import Ingest
import Serving
import Tracking

/// Everything `autoscale serve` and `autoscale watch` are told, with every default in one
/// place (docs/formats/serving-http.md).
public struct ServeSettings: Sendable {
    /// Loopback only unless told otherwise (`--host 0.0.0.0` in a pod).
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    /// Seconds between polls of the registry for moved aliases.
    public static let defaultReloadSeconds: Double = 30
    /// Seconds between two refreshes of a Prometheus source (`watch --every`).
    public static let defaultWatchSeconds: Double = 60

    /// Where recent history comes from.
    public enum Source: Sendable {
        /// No history: only `POST /v1/predict` forecasts; `/v1/forecast` answers 404.
        case none
        /// A long CSV read once; its containers are forecast at start and after each model change.
        case csv(path: String)
        /// A Prometheus server, read every `watchSeconds` (`fetch.container` is ignored:
        /// `containers` names them).
        case prometheus(PrometheusFetch)
    }

    public var host: String
    public var port: Int
    /// False for `watch` without `--serve`: the loop runs and logs, nothing listens.
    public var listens: Bool
    public var registry: RegistryLocation
    public var policy: ScalingPolicy
    public var prediction: PredictionSpec
    public var source: Source
    /// Containers to forecast (a CSV source: empty = every container in the file).
    public var containers: [String]
    public var watchSeconds: Double
    public var reloadSeconds: Double
    public var limits: ServeLimits

    public init(host: String = ServeSettings.defaultHost, port: Int = ServeSettings.defaultPort, listens: Bool = true,
                registry: RegistryLocation, policy: ScalingPolicy = ScalingPolicy(), prediction: PredictionSpec = PredictionSpec(),
                source: Source = .none, containers: [String] = [], watchSeconds: Double = ServeSettings.defaultWatchSeconds,
                reloadSeconds: Double = ServeSettings.defaultReloadSeconds, limits: ServeLimits = ServeLimits()) {
        self.host = host
        self.port = port
        self.listens = listens
        self.registry = registry
        self.policy = policy
        self.prediction = prediction
        self.source = source
        self.containers = containers
        self.watchSeconds = watchSeconds
        self.reloadSeconds = reloadSeconds
        self.limits = limits
    }

    /// The client settings `serve`/`watch` use for Prometheus: a shorter timeout and fewer
    /// retries than `data fetch`, so a cycle against a dead server ends well within a minute.
    public static let prometheusClient = PrometheusClientSettings(timeout: 5, retry: PrometheusRetry(attempts: 2, initialBackoff: 0.5))

    /// Throws `ServeSettingsError` naming the setting for a port outside 0…65535, a
    /// Prometheus source without containers, or a non-positive interval.
    public func validated() throws(ServeSettingsError) -> ServeSettings {
        guard (0...65_535).contains(port) else { throw .invalid(name: "port", value: String(port), expected: "0 to 65535") }
        guard watchSeconds > 0, watchSeconds.isFinite else {
            throw .invalid(name: "every", value: String(watchSeconds), expected: "a positive number of seconds")
        }
        guard reloadSeconds > 0, reloadSeconds.isFinite else {
            throw .invalid(name: "reload-every", value: String(reloadSeconds), expected: "a positive number of seconds")
        }
        if case .prometheus = source, containers.isEmpty {
            throw .invalid(name: "container", value: "", expected: "one or more --container names to watch in Prometheus")
        }
        try limits.validated()
        return self
    }
}

/// Bounds on requests and on concurrent work.
public struct ServeLimits: Sendable, Equatable {
    /// Larger request bodies are refused with 413 (8 MiB: six metrics of two days at 15 s fit).
    public var maxBodyBytes: Int = 8 << 20
    /// Points per history in a request, at most.
    public var maxPoints: Int = 100_000
    /// Horizons in a request lie in (0, this] minutes (one day).
    public var maxHorizonMinutes: Double = 1440
    /// Predictions computed at once (default: the machine's cores).
    public var maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Predictions waiting for a slot; beyond this a request gets 503 with Retry-After.
    public var maxQueued: Int = 256

    public init(maxBodyBytes: Int = 8 << 20, maxPoints: Int = 100_000, maxHorizonMinutes: Double = 1440,
                maxConcurrent: Int = ProcessInfo.processInfo.activeProcessorCount, maxQueued: Int = 256) {
        self.maxBodyBytes = maxBodyBytes
        self.maxPoints = maxPoints
        self.maxHorizonMinutes = maxHorizonMinutes
        self.maxConcurrent = maxConcurrent
        self.maxQueued = maxQueued
    }

    func validated() throws(ServeSettingsError) {
        guard maxBodyBytes >= 1 else { throw .invalid(name: "max-body", value: String(maxBodyBytes), expected: "at least 1 byte") }
        guard maxConcurrent >= 1 else { throw .invalid(name: "max-concurrent", value: String(maxConcurrent), expected: "at least 1") }
        guard maxQueued >= 0 else { throw .invalid(name: "max-queued", value: String(maxQueued), expected: "0 or more") }
    }
}

/// A serve or watch setting out of range: its name (the flag without dashes), the value
/// and what is expected.
public enum ServeSettingsError: Error, Equatable, CustomStringConvertible {
    case invalid(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .invalid(let name, let value, let expected):
            return "--\(name) \(value.isEmpty ? "(missing)" : value): give \(expected)"
        }
    }
}
