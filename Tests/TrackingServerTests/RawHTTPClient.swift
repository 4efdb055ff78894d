import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 client over a real TCP socket to 127.0.0.1: sends the request exactly as
/// given (no path normalisation, so `..` and `%2e` reach the server as written) with
/// `Connection: close`, and reads the response to the end.
struct RawHTTPClient: Sendable {
    let port: Int

    struct Response: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        /// The body as a JSON object (empty when it is not one).
        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        var errorCode: String? { json["error_code"] as? String }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends on a Dispatch thread: the blocking socket calls must not hold one of the few
    /// cooperative threads the in-process server's handlers also run on.
    func send(_ method: String, _ path: String, body: Data = Data(), headers: [String: String] = [:]) async throws -> Response {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try sendBlocking(method, path, body: body, headers: headers) })
            }
        }
    }

    /// Sends and reads the answer on the calling thread. With `receiveTimeout` (seconds) a
    /// server that stays silent that long is a `Failure`; `onSent` is called once the request is out.
    func sendBlocking(_ method: String, _ path: String, body: Data, headers: [String: String],
                      receiveTimeout: Double? = nil, onSent: () -> Void = {}) throws -> Response {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(socket) }
        if let receiveTimeout {
            var limit = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout - receiveTimeout.rounded(.down)) * 1e6))
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var request = Data((head + "\r\n").utf8)
        request.append(body)
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let count = Glibc.send(socket, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                // The server may answer (413) and close before reading a large body: stop sending then.
                if count <= 0 { if errno == EPIPE || errno == ECONNRESET { return }; throw Failure(description: "send failed: errno \(errno)") }
                sent += count
            }
        }
        onSent()
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK, let receiveTimeout {
                throw Failure(description: "\(method) \(path): no answer from 127.0.0.1:\(port) within \(receiveTimeout) s")
            }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return try Self.parse(received)
    }

    func json(_ method: String, _ path: String, _ object: [String: Any], headers: [String: String] = [:]) async throws -> Response {
        try await send(method, path, body: JSONSerialization.data(withJSONObject: object), headers: headers.merging(["Content-Type": "application/json"]) { $1 })
    }

    static func parse(_ data: Data) throws -> Response {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no HTTP header in \(data.count) bytes: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        let lines = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) throws -> Data {
        var result = Data()
        var index = data.startIndex
        while let lineEnd = data[index...].range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";")[0], radix: 16) else { throw Failure(description: "bad chunk size \(sizeText)") }
            if size == 0 { break }
            let start = lineEnd.upperBound
            result.append(data[start..<(start + size)])
            index = start + size + 2
        }
        return result
    }
}
