import Foundation
import Ingest
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A listening socket on 127.0.0.1 that never accepts: the kernel completes the TCP
/// handshake into its backlog, so a client connects and then waits for an answer that never comes.
final class SilentListener {
    let port: Int
    private let descriptor: Int32

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = descriptor
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 8) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard descriptor >= 0, ready else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

/// A server that takes the connection and never answers: each attempt ends at the
/// settings' timeout and the client reports the server unreachable after its attempts.
@Suite struct PrometheusTimeoutTests {
    @Test func aSilentServerTimesOutEveryAttempt() throws {
        let listener = try SilentListener()
        let sleeps = RecordedSleeps()
        let settings = PrometheusClientSettings(timeout: 0.5, retry: PrometheusRetry(attempts: 2, initialBackoff: 0.1))
        let client = try PrometheusClient(baseURL: "http://127.0.0.1:\(listener.port)", settings: settings, sleep: sleeps.sleep)
        let error = ingestFailure { () throws(IngestError) in try client.query("up") }
        guard case .prometheusUnreachable(let url, let attempts, let reason)? = error else {
            Issue.record("a silent server gave \(String(describing: error))")
            return
        }
        #expect(url == "http://127.0.0.1:\(listener.port)/api/v1/query?query=up")
        #expect(attempts == 2)
        #expect(reason == "timed out after 0.5 s")
        #expect(sleeps.recorded == [0.1])
    }
}
