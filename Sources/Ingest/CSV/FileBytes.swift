import Foundation

/// Whole-file reads straight into a byte array (one copy from the kernel, no `Data` in between).
enum FileBytes {
    static func read(path: String) throws(IngestError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw .unreadableFile(path: path, reason: "it is a folder") }
        var bytes: [UInt8] = []
        var capacity = max(Int(status.st_size), 0) + 1
        while true {
            let start = bytes.count
            bytes.reserveCapacity(start + capacity)
            var failure: Int32 = 0
            var reachedEnd = false
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            let filled = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                var filled = 0
                while filled < capacity {
                    let count = Foundation.read(descriptor, base + start + filled, capacity - filled)
                    if count < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return filled
                    }
                    if count == 0 {
                        reachedEnd = true
                        return filled
                    }
                    filled += count
                }
                return filled
            }
            bytes.removeLast(capacity - filled)
            if failure != 0 { throw .unreadableFile(path: path, reason: String(cString: strerror(failure))) }
            if reachedEnd { return bytes }
            capacity = max(capacity, 1 << 16)
        }
    }
}
