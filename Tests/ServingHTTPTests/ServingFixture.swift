import Forecasting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Series
import Serving
@testable import ServingHTTP
import Synchronization
import TestSupport
import Tracking

/// A real SQLite registry in a temporary folder, models fitted and promoted the way the
/// pipelines' `register` stage does, and a long CSV of the same series.
struct ServingFixture {
    let folder: TemporaryFolder
    let location: RegistryLocation
    let registry: Registry

    init() throws {
        folder = try TemporaryFolder(prefix: "serving-http-tests")
        location = RegistryLocation(databasePath: folder.url.appendingPathComponent("registry.sqlite").path)
        registry = try Registry.open(location)
    }

    /// Logs `artifact` in a new run; `beforePromotion` may touch its file; then `model@alias` moves to it.
    @discardableResult
    func promote(_ artifact: FittedModelArtifact, model: String, alias: String = "production",
                 beforePromotion: (URL) throws -> Void = { _ in }) throws -> Promotion {
        let run = try registry.createRun(RunSpec(experiment: "serving-http-tests"))
        let logged = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: try artifact.encoded())
        try registry.setStatus(run: run, .finished)
        try beforePromotion(URL(fileURLWithPath: location.artifactsPath).appendingPathComponent(logged.path))
        return try registry.promote(run: run, model: model, artifact: nil, alias: alias, reason: "test")
    }

    /// Writes `series` (metric → series) of `container` as long CSV; returns its path.
    func csv(container: String, _ series: [String: TimeSeries]) throws -> String {
        var lines = ["timestamp,container,metric,value"]
        for (metric, s) in series.sorted(by: { $0.key < $1.key }) {
            for (t, x) in zip(s.timestamps, s.values) { lines.append("\(Int(t)),\(container),\(metric),\(x)") }
        }
        return try folder.file("history.csv", lines.joined(separator: "\n") + "\n")
    }

    func settings(source: ServeSettings.Source = .none, containers: [String] = [], reloadSeconds: Double = 3600,
                  watchSeconds: Double = 3600, limits: ServeLimits = ServeLimits()) -> ServeSettings {
        ServeSettings(host: "127.0.0.1", port: 0, registry: location, source: source, containers: containers, watchSeconds: watchSeconds,
                      reloadSeconds: reloadSeconds, limits: limits)
    }
}

/// Deterministic series on a grid from `start`.
enum Series60 {
    static let start = 1_767_571_200.0

    /// 2 + sin(2πt/60) cores plus a small wiggle, every `interval` seconds.
    static func cpu(_ n: Int, interval: Double = 60, phase: Double = 0) -> TimeSeries {
        let values = (0..<n).map { t in 2 + sin(2 * Double.pi * (Double(t) + phase) / 60) + 0.05 * sin(Double(t) * 1.7) }
        return TimeSeries(name: "cpu", timestamps: (0..<n).map { start + Double($0) * interval }, values: values)
    }

    /// Memory in bytes: 500 MB plus a slow wave.
    static func memory(_ n: Int, interval: Double = 60) -> TimeSeries {
        let values = (0..<n).map { t in 500_000_000 + 20_000_000 * sin(Double(t) / 40) }
        return TimeSeries(name: "memory", timestamps: (0..<n).map { start + Double($0) * interval }, values: values)
    }

    static func artifact(_ kind: ModelKind, on series: TimeSeries) throws -> FittedModelArtifact {
        let grid = try RegularGrid(series).series
        return try ModelSpec(kind: kind).fitArtifact(series: grid, trainCount: grid.count * 85 / 100, steps: 30, preprocessing: nil)
    }
}

/// An in-process `ServingServer` on a free port of 127.0.0.1, shut down gracefully by `stop()`.
final class RunningServer: Sendable {
    let server: ServingServer
    let port: Int
    let task: Task<Void, any Error>
    let log: LogLines

    init(_ settings: ServeSettings) async throws {
        let log = LogLines()
        self.log = log
        server = ServingServer(service: try ServingService(settings: settings, clock: { Date().timeIntervalSince1970 },
                                                            events: ServeEvents(log: { log.append($0) })))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = self.server
        task = Task {
            defer { continuation.finish() }  // a server that fails to start ends the wait below
            try await server.run(listening: { continuation.yield($0); continuation.finish() })
        }
        var bound: Int?
        for await port in ports { bound = port }
        guard let bound else {
            _ = try await task.value
            throw HTTPTestError("the server stopped before listening: \(log.all)")
        }
        port = bound
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() async throws {
        await server.shutdown()
        try await task.value
    }
}

/// Log lines a server wrote.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct HTTPTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A response over a real socket.
struct HTTPAnswer {
    let status: Int
    let body: Data
    let headers: [String: String]

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw HTTPTestError("not a JSON object: \(text)")
        }
        return object
    }

    /// The `field` of a JSON error.
    func field() throws -> String? { try json()["field"] as? String }
}

/// Requests through URLSession to 127.0.0.1.
enum HTTP {
    static func get(_ url: String) async throws -> HTTPAnswer {
        try await send(URLRequest(url: URL(string: url)!))
    }

    static func post(_ url: String, body: Data, contentType: String = "application/json") async throws -> HTTPAnswer {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    static func post(_ url: String, json: Any) async throws -> HTTPAnswer {
        try await post(url, body: try JSONSerialization.data(withJSONObject: json))
    }

    static func send(_ request: URLRequest) async throws -> HTTPAnswer {
        var request = request
        request.timeoutInterval = 60
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HTTPTestError("no HTTP response") }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
        return HTTPAnswer(status: http.statusCode, body: data, headers: headers)
    }

    /// Polls `check` every 0.1 s until it holds, for at most `seconds`. The default is long on
    /// purpose: in the full parallel run this async test can wait minutes for a thread of the
    /// cooperative pool, which CPU-bound synchronous tests hold (60 s failed CI once while the
    /// server was fine); a server that never gets ready still fails, later.
    /// Checks every 100 ms; gives up once `seconds` have passed AND at least one check per
    /// 100 ms of them has been made. Wall time alone is not enough: this loop runs on Swift's
    /// cooperative threads (2 on CI), which other suites' synchronous tests can hold for
    /// minutes, so the deadline could pass with hardly a check made (CI saw "waited 300 s for
    /// autoscale serve to be ready" from a server that was ready in a second).
    static func waitUntil(seconds: Double = 300, _ what: String, _ check: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        let minimumChecks = Int(seconds * 10)
        var checks = 0
        while true {
            if try await check() { return }
            checks += 1
            if Date() >= deadline && checks >= minimumChecks { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HTTPTestError("waited \(Int(seconds)) s (\(checks) checks) for \(what)")
    }

    /// A history as the JSON `{"timestamps": […], "values": […]}`.
    static func history(_ series: TimeSeries) -> [String: Any] {
        ["timestamps": series.timestamps, "values": series.values]
    }
}
