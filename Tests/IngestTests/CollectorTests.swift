import Foundation
import TestSupport
import Testing
@testable import Ingest

/// A clock that jumps instead of sleeping and lets the test change the fake counters at each wait.
final class SteppingClock: CollectorClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Double
    private let onSleep: (Double) -> Void

    init(start: Double, onSleep: @escaping (Double) -> Void) {
        time = start
        self.onSleep = onSleep
    }

    func now() -> Double {
        lock.withLock { time }
    }

    func sleep(seconds: Double) {
        let woke = lock.withLock {
            time += max(0, seconds)
            return time
        }
        onSleep(woke)
    }
}

/// A fake /proc (and optionally /sys/fs/cgroup) tree with hand-chosen counters.
struct FakeTree {
    let folder: TemporaryFolder

    init(cgroup: Bool) throws {
        folder = try TemporaryFolder()
        for sub in ["proc/net", "proc/sys/kernel", "sys/fs/cgroup"] {
            try FileManager.default.createDirectory(atPath: folder.path + "/" + sub, withIntermediateDirectories: true)
        }
        try write("proc/sys/kernel/hostname", "fakehost\n")
        try writeProcStat(busyTicks: 171)
        // used = (1000 − 600) kB = 409600 bytes
        try write("proc/meminfo", "MemTotal:        1000 kB\nMemFree:          200 kB\nMemAvailable:     600 kB\nBuffers: 10 kB\n")
        // Whole disks sda and nvme0n1 count; partitions, loop and device-mapper do not.
        try write("proc/diskstats", """
               8       0 sda 10 0 1000 0 20 0 2000 0 0 0 0
               8       1 sda1 9 0 900 0 19 0 1900 0 0 0 0
               7       0 loop0 1 0 5 0 1 0 5 0 0 0 0
             259       0 nvme0n1 1 0 100 0 2 0 200 0 0 0 0
             259       1 nvme0n1p1 1 0 50 0 1 0 50 0 0 0 0
             253       0 dm-0 1 0 70 0 1 0 70 0 0 0 0

            """)
        try writeNetDev(eth0Received: 1000)
        if cgroup {
            try write("sys/fs/cgroup/cpu.stat", "usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\n")
            try write("sys/fs/cgroup/memory.current", "123456789\n")
            try write("sys/fs/cgroup/io.stat", "8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n259:0 rbytes=1000 wbytes=2000 rios=3 wios=4 dbytes=0 dios=0\n")
        }
    }

    var root: String { folder.path }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: folder.path + "/" + relative, atomically: true, encoding: .utf8)
    }

    /// user 100 + nice 20 + system 30 + irq 6 + softirq 7 + steal 8 = 171 busy ticks at the start.
    func writeProcStat(busyTicks: Int) throws {
        try write("proc/stat", "cpu  \(busyTicks - 71) 20 30 1000 5 6 7 8 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n")
    }

    func writeNetDev(eth0Received: Int) throws {
        try write("proc/net/dev", """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:     500       5    0    0    0     0          0         0      500       5    0    0    0     0       0          0
              eth0: \(eth0Received)      10    0    0    0     0          0         0     3000      30    0    0    0     0       0          0
             wlan0:10 1 0 0 0 0 0 0 20 2 0 0 0 0 0 0

            """)
    }
}

@Suite struct CollectorTests {
    @Test func procfsCountersHaveExactValues() throws {
        let tree = try FakeTree(cgroup: false)
        let reader = CounterReader(root: tree.root)
        #expect(reader.sources == CounterSources(cpu: .procfs, memory: .procfs, disk: .procfs))
        #expect(try reader.hostName() == "fakehost")
        #expect(try reader.read() == CounterSnapshot(
            cpuSeconds: 1.71, memoryBytes: 409_600,
            diskReadBytes: (1000 + 100) * 512, diskWriteBytes: (2000 + 200) * 512,
            networkReceiveBytes: 1010, networkTransmitBytes: 3020))
    }

    @Test func cgroupV2CountersWinWherePresent() throws {
        let tree = try FakeTree(cgroup: true)
        let reader = CounterReader(root: tree.root)
        #expect(reader.sources == CounterSources(cpu: .cgroupV2, memory: .cgroupV2, disk: .cgroupV2))
        #expect(try reader.read() == CounterSnapshot(
            cpuSeconds: 2.5, memoryBytes: 123_456_789, diskReadBytes: 1100, diskWriteBytes: 2200,
            networkReceiveBytes: 1010, networkTransmitBytes: 3020))
    }

    @Test func rootCgroupWithoutMemoryFileFallsBackPerGroup() throws {
        let tree = try FakeTree(cgroup: true)
        try FileManager.default.removeItem(atPath: tree.root + "/sys/fs/cgroup/memory.current")
        let reader = CounterReader(root: tree.root)
        #expect(reader.sources == CounterSources(cpu: .cgroupV2, memory: .procfs, disk: .cgroupV2))
        #expect(try reader.read().memoryBytes == 409_600)
    }

    @Test func samplesGiveCoresAndCumulativeCounters() throws {
        let tree = try FakeTree(cgroup: false)
        // Each 15 s wait adds 150 busy ticks (1.5 CPU-seconds → 0.1 cores) and 4500 received bytes.
        var ticks = 171
        var received = 1000
        let clock = SteppingClock(start: 1_767_571_200) { _ in
            ticks += 150
            received += 4500
            try? tree.writeProcStat(busyTicks: ticks)  // a failed write shows up as a wrong value below
            try? tree.writeNetDev(eth0Received: received)
        }
        let collector = try ResourceCollector(reader: CounterReader(root: tree.root), clock: clock, interval: 15, container: "fakehost")
        let path = tree.root + "/collected.csv"
        let rows = try collector.collectCSV(samples: 2, to: .file(path))
        #expect(rows == 12)
        let all = try CSVSeriesReader.readAll(path: path, options: CSVReadOptions())
        let start = 1_767_571_200.0
        #expect(all[SeriesKey(container: "fakehost", metric: "cpu")]?.timestamps == [start + 15, start + 30])
        #expect(all[SeriesKey(container: "fakehost", metric: "cpu")]?.values == [0.1, 0.1])
        #expect(all[SeriesKey(container: "fakehost", metric: "memory")]?.values == [409_600, 409_600])
        #expect(all[SeriesKey(container: "fakehost", metric: "network_rx")]?.values == [5510, 10010])
        #expect(all[SeriesKey(container: "fakehost", metric: "network_tx")]?.values == [3020, 3020])
        #expect(all[SeriesKey(container: "fakehost", metric: "disk_reads")]?.values == [563_200, 563_200])
        #expect(all[SeriesKey(container: "fakehost", metric: "disk_writes")]?.values == [1_126_400, 1_126_400])
    }

    @Test func missingCounterFileNamesThePath() throws {
        let tree = try FakeTree(cgroup: false)
        try FileManager.default.removeItem(atPath: tree.root + "/proc/net/dev")
        #expect {
            try CounterReader(root: tree.root).read()
        } throws: { error in
            (error as? IngestError)?.description == "\(tree.root)/proc/net/dev: cannot read this counter (No such file or directory); "
                + "the collector needs Linux cgroup v2 or /proc"
        }
    }

    @Test func malformedProcStatNamesTheLine() throws {
        let tree = try FakeTree(cgroup: false)
        try tree.write("proc/stat", "intr 1\ncpu 1 2 x\n")
        #expect(throws: IngestError.counterUnavailable(
            path: tree.root + "/proc/stat", reason: "line 2: expected 8 or more tick counts after \"cpu\"")) {
            try CounterReader(root: tree.root).read()
        }
    }

    @Test(arguments: [("sda1", true), ("sda", false), ("nvme0n1p2", true), ("nvme0n1", false), ("mmcblk0p1", true), ("vda", false)])
    func partitionsAreRecognised(name: String, isPartition: Bool) {
        let names: Set = ["sda", "sda1", "nvme0n1", "nvme0n1p2", "mmcblk0", "mmcblk0p1", "vda"]
        #expect(ProcfsParsers.isPartition(name, of: names) == isPartition)
    }

    /// Reads this machine's real counters twice at 0.2 s (Linux only).
    @Test func smokeTestOnThisMachine() throws {
        guard FileManager.default.fileExists(atPath: "/proc/stat") else {
            print("skipping: /proc/stat is absent, this is not Linux")
            return
        }
        let reader = CounterReader()
        let collector = try ResourceCollector(reader: reader, clock: SystemClock(), interval: 0.2, container: try reader.hostName())
        var samples: [ResourceSample] = []
        try collector.collect(samples: 2) { (_, sample) throws(IngestError) in samples.append(sample) }
        #expect(samples.count == 2)
        for sample in samples {
            #expect(sample.cpu >= 0 && sample.cpu < 1024)
            #expect(sample.memory > 0)
            #expect(sample.diskReads >= 0 && sample.networkRx >= 0)
        }
        #expect(samples[1].networkRx >= samples[0].networkRx)
        #expect(samples[1].diskWrites >= samples[0].diskWrites)
    }
}
