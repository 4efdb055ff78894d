/// Parsers of cgroup v2 interface files.
enum CgroupParsers {
    /// cpu.stat `usage_usec N` → N / 10⁶ seconds.
    static func cpuSeconds(cpuStat text: String, path: String) throws(IngestError) -> Double {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == "usage_usec" {
                guard let microseconds = Double(fields[1]) else {
                    throw .counterUnavailable(path: path, reason: "usage_usec \"\(fields[1])\" is not a number")
                }
                return microseconds / 1_000_000
            }
        }
        throw .counterUnavailable(path: path, reason: "no usage_usec line")
    }

    /// memory.current: one integer, bytes.
    static func memoryBytes(memoryCurrent text: String, path: String) throws(IngestError) -> Double {
        let trimmed = Substring(text).trimmingCharacters(in: "\n")
        guard let bytes = Double(trimmed) else {
            throw .counterUnavailable(path: path, reason: "\"\(trimmed)\" is not a number of bytes")
        }
        return bytes
    }

    /// io.stat lines `MAJ:MIN rbytes=… wbytes=… rios=… …`: rbytes and wbytes summed over devices.
    static func ioBytes(ioStat text: String, path: String) throws(IngestError) -> (read: Double, written: Double) {
        var total = (read: 0.0, written: 0.0)
        for (number, line) in text.split(separator: "\n").enumerated() {
            for field in line.split(separator: " ").dropFirst() {
                let pair = field.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0] == "rbytes" || pair[0] == "wbytes" else { continue }
                guard let value = Double(pair[1]) else {
                    throw .counterUnavailable(path: path, reason: "line \(number + 1): \(field) is not a byte count")
                }
                if pair[0] == "rbytes" { total.read += value } else { total.written += value }
            }
        }
        return total
    }
}
