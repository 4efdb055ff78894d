import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus server (Debian's `prometheus` 2.42) on 127.0.0.1 holding known data:
/// the OpenMetrics text is backfilled with `promtool tsdb create-blocks-from openmetrics`,
/// then `prometheus` starts on a free port with a configuration that scrapes nothing, and
/// the initialiser returns once `/-/ready` answers 200. `stop()` (also run on release)
/// terminates it; its folder is removed with the value.
///
/// Tests are enabled with `.enabled(if: PrometheusTestServer.isAvailable, Comment(rawValue: PrometheusTestServer.skipReason))`
/// so a machine without the binaries shows a skip that says why (scripts/bootstrap.sh installs them as root).
public final class PrometheusTestServer: @unchecked Sendable {
    public let url: String
    public let port: Int
    private let folder: TemporaryFolder
    private var process: Process
    private let arguments: [String]
    private let lock = NSLock()

    /// Whether `prometheus` and `promtool` are on PATH.
    public static var isAvailable: Bool { executable("prometheus") != nil && executable("promtool") != nil }

    public static let skipReason =
        "needs Debian's prometheus and promtool on PATH: run scripts/bootstrap.sh as root (or apt-get install prometheus)"

    /// `openMetrics` must end with `# EOF`; its timestamps (seconds) should lie within the
    /// last 15 days (the default retention) or the server drops them.
    public init(openMetrics: String) throws {
        guard let prometheus = Self.executable("prometheus"), let promtool = Self.executable("promtool") else {
            throw PrometheusTestServerError.missing(Self.skipReason)
        }
        folder = try TemporaryFolder(prefix: "prometheus-test")
        let data = try folder.file("data.om", openMetrics)
        let config = try folder.file("prometheus.yml", "global:\n  scrape_interval: 15s\nscrape_configs: []\n")
        let storage = folder.url.appendingPathComponent("tsdb").path
        let backfill = try Self.run(promtool, ["tsdb", "create-blocks-from", "openmetrics", data, storage], log: folder.url.appendingPathComponent("promtool.log"))
        guard backfill == 0 else {
            throw PrometheusTestServerError.backfillFailed(status: backfill, log: Self.tail(folder.url.appendingPathComponent("promtool.log")))
        }
        port = try Self.freePort()
        url = "http://127.0.0.1:\(port)"
        arguments = [
            "--config.file", config, "--storage.tsdb.path", storage, "--web.listen-address", "127.0.0.1:\(port)",
            "--storage.tsdb.retention.time", "15d",
        ]
        process = try Self.launch(prometheus, arguments, folder: folder)
        do {
            try waitUntilReady(log: folder.url.appendingPathComponent("prometheus.log"))
        } catch {
            stop()
            throw error
        }
    }

    /// Starts the server again after `stop()`, on the same port with the same data, and
    /// returns once it is ready (for tests of a client that must recover).
    public func restart() throws {
        guard let prometheus = Self.executable("prometheus") else { throw PrometheusTestServerError.missing(Self.skipReason) }
        try lock.withLock {
            guard !process.isRunning else { return }
            process = try Self.launch(prometheus, arguments, folder: folder)
        }
        try waitUntilReady(log: folder.url.appendingPathComponent("prometheus.log"))
    }

    private static func launch(_ prometheus: String, _ arguments: [String], folder: TemporaryFolder) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prometheus)
        process.arguments = arguments
        let logURL = folder.url.appendingPathComponent("prometheus.log")
        guard FileManager.default.createFile(atPath: logURL.path, contents: nil) else { throw PrometheusTestServerError.noLog(logURL.path) }
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        return process
    }

    /// Whether the server is still running.
    public var isRunning: Bool { process.isRunning }

    /// Terminates the server (SIGTERM) and waits for it; safe to call more than once.
    public func stop() {
        lock.withLock {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
    }

    deinit { stop() }

    private func waitUntilReady(log: URL) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else {
                throw PrometheusTestServerError.exited(status: process.terminationStatus, log: Self.tail(log))
            }
            if Self.status(of: URL(string: url + "/-/ready")!) == 200 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw PrometheusTestServerError.notReady(url: url, log: Self.tail(log))
    }

    /// The HTTP status of a GET, or nil when nothing answered within 2 s.
    static func status(of url: URL) -> Int? {
        final class Box: @unchecked Sendable { var status: Int? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: url)
        request.timeoutInterval = 2
        URLSession.shared.dataTask(with: request) { _, response, _ in
            box.status = (response as? HTTPURLResponse)?.statusCode
            done.signal()
        }.resume()
        done.wait()
        return box.status
    }

    /// The first executable `name` on PATH.
    public static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func run(_ executable: String, _ arguments: [String], log: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw PrometheusTestServerError.noLog(log.path) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private static func tail(_ log: URL) -> String {
        do {
            return String(decoding: try Data(contentsOf: log).suffix(2000), as: UTF8.self)
        } catch {
            return "(no log: \(error))"
        }
    }

    /// A port the kernel just handed out for 127.0.0.1 (bound to port 0, then released).
    public static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw PrometheusTestServerError.noPort(errno: errno) }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard bound else { throw PrometheusTestServerError.noPort(errno: errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Why a `PrometheusTestServer` did not start.
public enum PrometheusTestServerError: Error, CustomStringConvertible {
    case missing(String)
    case backfillFailed(status: Int32, log: String)
    case exited(status: Int32, log: String)
    case notReady(url: String, log: String)
    case noPort(errno: Int32)
    case noLog(String)

    public var description: String {
        switch self {
        case .missing(let reason): "Prometheus is not installed: \(reason)"
        case .backfillFailed(let status, let log): "promtool tsdb create-blocks-from openmetrics exited with \(status):\n\(log)"
        case .exited(let status, let log): "prometheus exited with \(status) before it was ready:\n\(log)"
        case .notReady(let url, let log): "prometheus at \(url) was not ready within 60 s:\n\(log)"
        case .noPort(let code): "no free port on 127.0.0.1 (errno \(code))"
        case .noLog(let path): "cannot create the log file \(path)"
        }
    }
}
