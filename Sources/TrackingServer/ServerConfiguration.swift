import Foundation
import Tracking

/// What `runs server` is started with. Defaults live here once: loopback, port 5000, 64 MiB bodies.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the system choose a free port (tests); `TrackingServer.run` reports the bound one.
    public var port: Int
    public var location: RegistryLocation
    /// The bearer token every write must carry; nil means writes need no token.
    public var token: String?
    /// Refuse every write with 403.
    public var readOnly: Bool
    /// Allow a non-loopback bind without a token.
    public var insecure: Bool
    /// Largest accepted request body (JSON or an artifact upload), in bytes; larger is 413.
    public var maxBodyBytes: Int
    /// A RUNNING run whose heartbeat is older than this many seconds reads as KILLED.
    public var staleAfter: Double
    /// Threads that run the handlers' registry reads (blocking SQLite calls) off Swift's
    /// cooperative pool (`RegistryWorkers`).
    public var readThreads: Int
    /// Threads that run the handlers' registry writes. Writes have their own pool, so writes that
    /// wait for another process's write lock never keep a read from being answered.
    public var writeThreads: Int
    /// Time the phases of every JSON call: a `Server-Timing` header on each answer and
    /// `GET /debug/timing` (`CallTimings`, docs/formats/mlflow-rest.md "Timing").
    public var timing: Bool

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 5000
    public static let defaultMaxBodyBytes = 64 << 20
    public static let defaultReadThreads = 8
    public static let defaultWriteThreads = 2

    public init(host: String = ServerConfiguration.defaultHost, port: Int = ServerConfiguration.defaultPort,
                location: RegistryLocation, token: String? = nil, readOnly: Bool = false, insecure: Bool = false,
                maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes, staleAfter: Double = Registry.defaultStaleAfter,
                readThreads: Int = ServerConfiguration.defaultReadThreads,
                writeThreads: Int = ServerConfiguration.defaultWriteThreads, timing: Bool = false) {
        self.host = host
        self.port = port
        self.location = location
        self.token = token
        self.readOnly = readOnly
        self.insecure = insecure
        self.maxBodyBytes = maxBodyBytes
        self.staleAfter = staleAfter
        self.readThreads = readThreads
        self.writeThreads = writeThreads
        self.timing = timing
    }

    /// Loopback names and addresses: 127.0.0.0/8, ::1 and localhost.
    public var isLoopback: Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Refuses a non-loopback bind without a token unless `insecure`, and an empty token.
    public func validate() throws {
        if let token, token.isEmpty { throw ServerError.emptyToken }
        if !isLoopback, token == nil, !insecure { throw ServerError.publicBindWithoutToken(host: host) }
        if !(0...65535).contains(port) { throw ServerError.invalidPort(port) }
        if readThreads < 1 { throw ServerError.invalidThreadCount(setting: "readThreads", readThreads) }
        if writeThreads < 1 { throw ServerError.invalidThreadCount(setting: "writeThreads", writeThreads) }
    }

    /// Reads the token from the first line of `file` (surrounding whitespace removed).
    public static func readToken(file: String) throws -> String {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ServerError.unreadableTokenFile(path: file, reason: error.localizedDescription)
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if token.isEmpty { throw ServerError.emptyTokenFile(path: file) }
        return token
    }
}

/// Why the server refuses to start.
public enum ServerError: Error, Equatable, Sendable, CustomStringConvertible {
    case publicBindWithoutToken(host: String)
    case emptyToken
    case emptyTokenFile(path: String)
    case unreadableTokenFile(path: String, reason: String)
    case invalidPort(Int)
    case invalidThreadCount(setting: String, Int)

    public var description: String {
        switch self {
        case .publicBindWithoutToken(let host):
            return "Refusing to listen on '\(host)' (not a loopback address) without --token-file FILE: anyone who reaches this machine could write to the registry. Give a token file, bind 127.0.0.1, or pass --insecure."
        case .emptyToken:
            return "The bearer token is empty; put a non-empty token in the token file."
        case .emptyTokenFile(let path):
            return "Token file '\(path)' has no token on its first line; write one (e.g. `openssl rand -hex 32 > \(path)`)."
        case .unreadableTokenFile(let path, let reason):
            return "Cannot read token file '\(path)': \(reason)."
        case .invalidPort(let port):
            return "Port \(port) is outside 0…65535."
        case .invalidThreadCount(let setting, let count):
            return "\(setting) is \(count); the server needs at least 1 thread for registry reads and 1 for writes."
        }
    }
}
