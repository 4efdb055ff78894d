import Foundation
import TestSupport

/// The built `runs server` as a real process on a free port (`--port 0`; the port is read from
/// the line it prints when listening). `stop()` interrupts it and waits.
struct ServerProcess {
    let process: Process
    let port: Int

    struct DidNotStart: Error, CustomStringConvertible { let description: String }

    static func start(database: String, extra: [String] = []) throws -> ServerProcess {
        let runs = try ProductRunner(product: "runs")
        let (process, stdout, stderr) = try runs.start(["server", "--port", "0", "--db", database, "--json"] + extra)
        let line = readLine(from: stdout.fileHandleForReading) ?? ""
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let url = object["url"] as? String, let port = url.split(separator: ":").last.flatMap({ Int($0) }) else {
            process.terminate()
            let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw DidNotStart(description: "runs server printed '\(line)'; stderr: \(message)")
        }
        return ServerProcess(process: process, port: port)
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        process.interrupt()
        process.waitUntilExit()
    }

    private static func readLine(from handle: FileHandle) -> String? {
        var bytes = Data()
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == Data("\n".utf8) { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
