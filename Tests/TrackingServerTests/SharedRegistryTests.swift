import Foundation
import TestSupport
import Testing
import Tracking

/// Two `runs server` processes and a library writer on one registry file, all writing at once:
/// every metric arrives (the registry's busy timeout and retries), none is lost.
@Suite struct SharedRegistryTests {
    @Test func twoServerProcessesAndAWriterLoseNothing() async throws {
        let folder = try TemporaryFolder(prefix: "tracking-server")
        let database = folder.url.appendingPathComponent("experiments/registry.sqlite").path
        let registry = try Registry.open(RegistryLocation(databasePath: database))
        let run = try registry.createRun(RunSpec(experiment: "shared"))
        let servers = try [ServerProcess.start(database: database), ServerProcess.start(database: database)]
        defer { servers.forEach { $0.stop() } }

        let perWriter = 150
        try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, server) in servers.enumerated() {
                for lane in 0..<2 {
                    group.addTask {
                        let client = RawHTTPClient(port: server.port)
                        var accepted = 0
                        for step in 0..<perWriter {
                            let response = try await client.json("POST", "/api/2.0/mlflow/runs/log-metric", [
                                "run_id": run.rawValue, "key": "server\(index).lane\(lane)", "value": Double(step), "timestamp": 1_700_000_000_000, "step": step,
                            ])
                            if response.status == 200 { accepted += 1 }
                        }
                        return accepted
                    }
                }
            }
            group.addTask {
                for step in 0..<perWriter { try registry.logMetric(run: run, key: "library", value: Double(step), step: Int64(step)) }
                return perWriter
            }
            var total = 0
            for try await accepted in group { total += accepted }
            #expect(total == 5 * perWriter)
        }
        let histories = try Registry.openForReading(RegistryLocation(databasePath: database)).runDetails(run).metrics
        #expect(histories.count == 5)
        #expect(histories.allSatisfy { $0.count == perWriter && $0.lastStep == Int64(perWriter - 1) })
    }
}
