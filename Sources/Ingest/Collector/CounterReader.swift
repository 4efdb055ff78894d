import Foundation

/// Reads this machine's counters below a file-system `root` ("/" in production, a fake
/// tree in tests): cgroup v2 files under `sys/fs/cgroup` where present, /proc otherwise
/// (per group of counters: a root cgroup has cpu.stat and io.stat but no memory.current).
public struct CounterReader: Sendable {
    public let root: String
    /// USER_HZ, the unit of /proc/stat (100 on every mainstream Linux build).
    public let ticksPerSecond: Double

    public init(root: String = "/", ticksPerSecond: Double = 100) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.ticksPerSecond = ticksPerSecond
    }

    private func path(_ relative: String) -> String { root + "/" + relative }

    private func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    public var sources: CounterSources {
        CounterSources(
            cpu: exists("sys/fs/cgroup/cpu.stat") ? .cgroupV2 : .procfs,
            memory: exists("sys/fs/cgroup/memory.current") ? .cgroupV2 : .procfs,
            disk: exists("sys/fs/cgroup/io.stat") ? .cgroupV2 : .procfs)
    }

    /// The host name (proc/sys/kernel/hostname, else etc/hostname), or "localhost" when
    /// neither file exists. A file that exists but cannot be read is an error.
    public func hostName() throws(IngestError) -> String {
        for relative in ["proc/sys/kernel/hostname", "etc/hostname"] where exists(relative) {
            let name = Substring(try text(relative)).trimmingCharacters(in: "\n")
            if !name.isEmpty { return name }
        }
        return "localhost"
    }

    public func read() throws(IngestError) -> CounterSnapshot {
        let sources = sources
        let cpu: Double
        switch sources.cpu {
        case .cgroupV2:
            cpu = try CgroupParsers.cpuSeconds(cpuStat: text("sys/fs/cgroup/cpu.stat"), path: path("sys/fs/cgroup/cpu.stat"))
        case .procfs:
            cpu = try ProcfsParsers.busyCPUSeconds(procStat: text("proc/stat"), path: path("proc/stat"), ticksPerSecond: ticksPerSecond)
        }
        let memory: Double
        switch sources.memory {
        case .cgroupV2:
            memory = try CgroupParsers.memoryBytes(
                memoryCurrent: text("sys/fs/cgroup/memory.current"), path: path("sys/fs/cgroup/memory.current"))
        case .procfs:
            memory = try ProcfsParsers.usedMemoryBytes(meminfo: text("proc/meminfo"), path: path("proc/meminfo"))
        }
        let disk: (read: Double, written: Double)
        switch sources.disk {
        case .cgroupV2:
            disk = try CgroupParsers.ioBytes(ioStat: text("sys/fs/cgroup/io.stat"), path: path("sys/fs/cgroup/io.stat"))
        case .procfs:
            disk = try ProcfsParsers.diskBytes(diskstats: text("proc/diskstats"), path: path("proc/diskstats"))
        }
        let network = try ProcfsParsers.networkBytes(netDev: text("proc/net/dev"), path: path("proc/net/dev"))
        return CounterSnapshot(
            cpuSeconds: cpu, memoryBytes: memory, diskReadBytes: disk.read, diskWriteBytes: disk.written,
            networkReceiveBytes: network.received, networkTransmitBytes: network.transmitted)
    }

    /// The file's text. /proc files report size 0; `FileBytes` reads to the end regardless.
    private func text(_ relative: String) throws(IngestError) -> String {
        let full = path(relative)
        do {
            return String(decoding: try FileBytes.read(path: full), as: UTF8.self)
        } catch {
            guard case let .unreadableFile(_, reason) = error else { throw error }
            throw .counterUnavailable(path: full, reason: reason)
        }
    }
}
