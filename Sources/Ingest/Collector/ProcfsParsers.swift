/// Parsers of Linux /proc files (text in, numbers out), kept apart from file access so
/// tests can feed them exact text. Each throws `counterUnavailable` naming the file and line.
enum ProcfsParsers {
    /// /proc/stat, first line `cpu user nice system idle iowait irq softirq steal …` in ticks:
    /// busy seconds = (user + nice + system + irq + softirq + steal) / ticksPerSecond
    /// (guest time is already counted in user).
    static func busyCPUSeconds(procStat text: String, path: String, ticksPerSecond: Double) throws(IngestError) -> Double {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.first == "cpu" else { continue }
            let ticks = fields.dropFirst().map { Double($0) }
            guard ticks.count >= 8, ticks.allSatisfy({ $0 != nil }) else {
                throw .counterUnavailable(path: path, reason: "line \(number + 1): expected 8 or more tick counts after \"cpu\"")
            }
            let t = ticks.map { $0 ?? 0 }
            return (t[0] + t[1] + t[2] + t[5] + t[6] + t[7]) / ticksPerSecond
        }
        throw .counterUnavailable(path: path, reason: "no line starts with \"cpu\"")
    }

    /// /proc/meminfo: used bytes = (MemTotal − MemAvailable)·1024 (values in kB);
    /// MemFree stands in for MemAvailable on kernels older than 3.14.
    static func usedMemoryBytes(meminfo text: String, path: String) throws(IngestError) -> Double {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let number = parts[1].split(separator: " ").first.flatMap { Double($0) }
            values[String(parts[0])] = number
        }
        guard let total = values["MemTotal"] else { throw .counterUnavailable(path: path, reason: "no MemTotal line") }
        guard let available = values["MemAvailable"] ?? values["MemFree"] else {
            throw .counterUnavailable(path: path, reason: "no MemAvailable or MemFree line")
        }
        return (total - available) * 1024
    }

    /// /proc/diskstats: sectors read (field 6) and written (field 10), × 512 bytes, summed over
    /// whole disks — loop, ram, zram, device-mapper, md, optical and network block devices are
    /// left out, and so are partitions (a name that is another listed name plus digits, with
    /// an optional `p`), so no byte is counted twice.
    static func diskBytes(diskstats text: String, path: String) throws(IngestError) -> (read: Double, written: Double) {
        var rows: [(name: String, read: Double, written: Double)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.isEmpty { continue }
            guard fields.count >= 10, let read = Double(fields[5]), let written = Double(fields[9]) else {
                throw .counterUnavailable(path: path, reason: "line \(number + 1): expected at least 10 fields with sector counts")
            }
            rows.append((String(fields[2]), read * 512, written * 512))
        }
        let names = Set(rows.map(\.name))
        let virtualPrefixes = ["loop", "ram", "zram", "dm-", "md", "sr", "fd", "nbd"]
        var total = (read: 0.0, written: 0.0)
        for row in rows {
            if virtualPrefixes.contains(where: { row.name.hasPrefix($0) }) { continue }
            if isPartition(row.name, of: names) { continue }
            total.read += row.read
            total.written += row.written
        }
        return total
    }

    /// "sda1" of "sda", "nvme0n1p2" of "nvme0n1", "mmcblk0p1" of "mmcblk0".
    static func isPartition(_ name: String, of names: Set<String>) -> Bool {
        var stem = Substring(name)
        while let last = stem.last, last.isASCII, last.isNumber { stem.removeLast() }
        guard stem.count < name.count, !stem.isEmpty else { return false }
        if names.contains(String(stem)) { return true }
        if stem.last == "p" {
            let parent = stem.dropLast()
            if let last = parent.last, last.isNumber, names.contains(String(parent)) { return true }
        }
        return false
    }

    /// /proc/net/dev: received (first number) and transmitted (ninth number) bytes summed over
    /// interfaces other than the loopback `lo`.
    static func networkBytes(netDev text: String, path: String) throws(IngestError) -> (received: Double, transmitted: Double) {
        var total = (received: 0.0, transmitted: 0.0)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let interface = parts[0].trimmingCharacters(in: " ")
            if number < 2 || interface.contains("|") { continue }
            let numbers = parts[1].split(separator: " ", omittingEmptySubsequences: true).map { Double($0) }
            guard numbers.count >= 9, let received = numbers[0], let transmitted = numbers[8] else {
                throw .counterUnavailable(path: path, reason: "line \(number + 1): expected 16 counters after \"\(interface):\"")
            }
            if interface == "lo" { continue }
            total.received += received
            total.transmitted += transmitted
        }
        return total
    }
}

extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        var text = self
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}
