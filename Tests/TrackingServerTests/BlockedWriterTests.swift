import Foundation
import TestSupport
import Testing
import Tracking
import TrackingServer

/// The server runs registry work on threads of its own, reads and writes on separate pools
/// (`RegistryWorkers`): while another process holds the registry's write lock, the waiting writes
/// do not stop reads from being answered, and once the lock is released every waiting write lands.
///
/// The server is the built `runs server` with its default settings, in a process of its own: an
/// in-process server would share this test process's two cooperative threads with every other
/// suite, whose blocking waits could delay its answers past any timeout.
@Suite struct BlockedWriterTests {
    /// 16 writes wait for the lock: more than the write pool's threads, more than the read pool's
    /// (`ServerConfiguration.defaultReadThreads`) and more than the cooperative threads of a machine
    /// with fewer than 16 cores (CI and the dev machine have 2). With one shared pool, or with
    /// handlers running SQLite on the cooperative pool, the waiting writes held every thread and the
    /// read got no answer until the lock went.
    @Test func readsAreAnsweredWhileWritesWaitForAnotherProcessesLock() throws {
        let waiting = 16
        #expect(waiting > ServerConfiguration.defaultReadThreads + ServerConfiguration.defaultWriteThreads)
        let folder = try TemporaryFolder(prefix: "blocked-writer")
        let location = RegistryLocation(databasePath: folder.url.appendingPathComponent("experiments/registry.sqlite").path)
        let server = try ServerProcess.start(database: location.databasePath)
        defer { server.stop() }
        let client = RawHTTPClient(port: server.port)
        let created = try client.sendBlocking("POST", "/api/2.0/mlflow/runs/create",
                                              body: JSONSerialization.data(withJSONObject: ["experiment_id": "0", "run_name": "locked"]),
                                              headers: ["Content-Type": "application/json"])
        let runId = try #require(((created.json["run"] as? [String: Any])?["info"] as? [String: Any])?["run_id"] as? String)

        let lock = try SQLiteWriteLock(database: location.databasePath)
        defer { lock.release() }
        let writes = try (0..<waiting).map { step in
            try ThreadedRequest(port: server.port, method: "POST", path: "/api/2.0/mlflow/runs/log-metric", json: [
                "run_id": runId, "key": "loss", "value": Double(step), "timestamp": 1_700_000_000_000, "step": step,
            ])
        }
        for write in writes { write.waitUntilSent() }
        // Give the server a moment to take the sent writes into its handlers (they then wait for the lock).
        Thread.sleep(forTimeInterval: 1)

        let read = try ThreadedRequest(port: server.port, method: "GET", path: "/api/2.0/mlflow/runs/get?run_id=\(runId)", receiveTimeout: 20)
        let answer = try read.response()
        #expect(answer.status == 200)
        #expect((((answer.json["run"] as? [String: Any])?["info"] as? [String: Any])?["run_name"] as? String) == "locked")
        // The writes were really waiting: none was answered while the other process held the lock.
        #expect(writes.filter(\.isAnswered).count == 0)

        lock.release()
        let statuses = try writes.map { try $0.response().status }
        #expect(statuses == Array(repeating: 200, count: waiting))
        let history = try Registry.openForReading(location).metricHistories(runs: [RunID(runId)], key: "loss")
        #expect(history.values.first?.map(\.step).sorted() == (0..<Int64(waiting)).map { $0 })
    }
}

/// Another process (python3's sqlite3) holding the registry's write lock (`BEGIN IMMEDIATE`)
/// until `release()` (which commits nothing and lets it exit).
final class SQLiteWriteLock: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var released = false

    struct NotLocked: Error, CustomStringConvertible { let description: String }

    init(database: String) throws {
        let script = """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        sys.stdin.readline()
        connection.execute("ROLLBACK")
        """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, database]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.readData(ofLength: 7), as: UTF8.self)
        guard line == "locked\n" else {
            release()
            throw NotLocked(description: "python3 did not take the write lock of \(database) (printed '\(line)'); python3 with its sqlite3 module is needed")
        }
    }

    /// Lets the process roll back and exit; waits for it. Idempotent.
    func release() {
        lock.lock()
        defer { lock.unlock() }
        guard !released else { return }
        released = true
        input.fileHandleForWriting.write(Data("\n".utf8))
        process.waitUntilExit()
    }
}

/// One HTTP request sent from a thread of its own (blocking sockets; Dispatch's global queue
/// has too few threads for many requests that wait at once), its answer collected there.
final class ThreadedRequest: @unchecked Sendable {
    private let condition = NSCondition()
    private var sent = false
    private var result: Result<RawHTTPClient.Response, any Error>?

    init(port: Int, method: String, path: String, json: [String: Any]? = nil, receiveTimeout: Double? = nil) throws {
        let body = try json.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let headers = json == nil ? [:] : ["Content-Type": "application/json"]
        let client = RawHTTPClient(port: port)
        let thread = Thread { [self] in
            let outcome = Result {
                try client.sendBlocking(method, path, body: body, headers: headers,
                                        receiveTimeout: receiveTimeout, onSent: { self.markSent() })
            }
            condition.lock()
            sent = true
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    private func markSent() {
        condition.lock()
        sent = true
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilSent() {
        condition.lock()
        while !sent { condition.wait() }
        condition.unlock()
    }

    var isAnswered: Bool {
        condition.lock()
        defer { condition.unlock() }
        return result != nil
    }

    /// Waits for the answer (or the error).
    func response() throws -> RawHTTPClient.Response {
        condition.lock()
        while result == nil { condition.wait() }
        let outcome = result!
        condition.unlock()
        return try outcome.get()
    }
}
