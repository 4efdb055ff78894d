import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import Testing

/// The real `autoscale serve` process: SIGTERM while a request is half sent; the request
/// is still answered, then the process exits 0 and the port is closed.
@Suite struct GracefulShutdownTests {
    @Test func sigtermLetsTheRequestInFlightFinish() async throws {
        let fixture = try ServingFixture()
        let cpu = Series60.cpu(300)
        try fixture.promote(try Series60.artifact(.arima, on: cpu), model: "autoscale-cpu")
        let port = try PrometheusTestServer.freePort()
        let runner = try ProductRunner(product: "autoscale")
        let (process, _, stderr) = try runner.start(["serve", "--port", String(port), "--db", fixture.location.databasePath],
                                                     in: fixture.folder.url)
        defer { if process.isRunning { process.terminate() } }
        let url = "http://127.0.0.1:\(port)"
        try await HTTP.waitUntil("autoscale serve to be ready") {
            guard process.isRunning else { throw HTTPTestError("serve exited: \(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))") }
            do { return try await HTTP.get(url + "/readyz").status == 200 } catch { return false }
        }

        let body = try JSONSerialization.data(withJSONObject: ["container": "web", "metric": "cpu", "history": HTTP.history(cpu)])
        let socket = try RawSocket(port: port)
        try socket.send(Data("POST /v1/predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8))
        try socket.send(body.prefix(body.count / 2))
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        #expect(process.isRunning, "serve must wait for the request in flight")
        try socket.send(body.suffix(from: body.count / 2))
        let answer = try socket.receiveAll()
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(answer.contains("\"forecasts\""))
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(throws: (any Error).self) { _ = try RawSocket(port: port) }
    }
}

/// A blocking TCP client on 127.0.0.1, to send a request in parts.
final class RawSocket {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPTestError("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw HTTPTestError("connect to port \(port): errno \(errno)")
        }
    }

    deinit { close(fd) }

    func send(_ data: Data) throws {
        let sent = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == data.count else { throw HTTPTestError("send: \(sent) of \(data.count) bytes, errno \(errno)") }
    }

    /// Reads until the server closes the connection or a whole response (by Content-Length) arrived.
    func receiveAll() throws -> String {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
            let text = String(decoding: received, as: UTF8.self)
            if let headerEnd = text.range(of: "\r\n\r\n"),
               let lengthLine = text[..<headerEnd.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
               let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
               received.count >= text.utf8.distance(from: text.utf8.startIndex, to: headerEnd.upperBound) + length {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }
}
