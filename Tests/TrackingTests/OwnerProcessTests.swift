import Foundation
import Testing
import Tracking

/// Runs whose owner process is gone are KILLED at once (`markRunsOfDeadOwnersKilled`), on a
/// real registry, with the liveness check passed in; and `OwnerProcess.exists` on real processes.
@Suite struct OwnerProcessTests {
    @Test func onlyRunningRunsOfADeadOwnerOnThisHostAreMarkedKilled() throws {
        let registry = try Registry.inMemory()
        func run(_ name: String, _ owner: OwnerProcess?) throws -> RunID {
            try registry.createRun(RunSpec(experiment: "owners", name: name, tags: owner?.tags ?? [:]))
        }
        let dead = try run("dead", OwnerProcess(pid: 111, host: "here"))
        let alive = try run("alive", OwnerProcess(pid: 222, host: "here"))
        let elsewhere = try run("elsewhere", OwnerProcess(pid: 111, host: "there"))
        let untagged = try run("untagged", nil)
        let finished = try run("finished", OwnerProcess(pid: 111, host: "here"))
        try registry.setStatus(run: finished, .finished)

        let marked = try registry.markRunsOfDeadOwnersKilled(host: "here", isAlive: { $0 == 222 })
        #expect(marked == [dead])
        let statuses = try [dead, alive, elsewhere, untagged, finished].map { try registry.runDetails($0).header.status }
        #expect(statuses == [.killed, .running, .running, .running, .finished])
        #expect(try registry.runDetails(dead).endTime != nil)
        #expect(try registry.markRunsOfDeadOwnersKilled(host: "here", isAlive: { $0 == 222 }).isEmpty)
    }

    @Test func existsTellsThisProcessFromOneThatEnded() throws {
        #expect(OwnerProcess.exists(getpid()))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        #expect(!OwnerProcess.exists(process.processIdentifier))
        #expect(!OwnerProcess.exists(0) && !OwnerProcess.exists(-1))
        let me = OwnerProcess.current()
        #expect(me.pid == getpid() && !me.host.isEmpty)
        #expect(me.tags == ["owner.pid": String(getpid()), "owner.host": me.host])
    }
}
