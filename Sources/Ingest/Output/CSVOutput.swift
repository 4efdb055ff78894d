import Foundation

/// Where a writer sends its bytes: a file, replaced atomically, or standard output.
public enum CSVDestination: Sendable, Equatable {
    case file(String)
    case standardOutput

    /// "-" means standard output, anything else a file path.
    public init(argument: String) {
        self = argument == "-" ? .standardOutput : .file(argument)
    }
}

/// A buffered byte stream for CSV output. For a file it writes to a temporary file in the
/// same folder and renames it over the destination on `commit()`, so a failure (or
/// `abort()`) leaves nothing half-written at the destination.
final class CSVOutput {
    private let destination: CSVDestination
    private let temporaryPath: String?
    private let handle: FileHandle
    private(set) var buffer: [UInt8] = []
    private var finished = false
    private let flushThreshold = 1 << 20

    init(destination: CSVDestination) throws(IngestError) {
        self.destination = destination
        switch destination {
        case .standardOutput:
            temporaryPath = nil
            handle = FileHandle.standardOutput
        case let .file(path):
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path
            let temporary = folder + "/." + url.lastPathComponent + ".tmp-" + UUID().uuidString
            guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
                throw .writeFailed(path: path, reason: "cannot create a file in \(folder)")
            }
            do {
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
            } catch {
                CSVOutput.removeTemporaryFile(temporary)
                throw .writeFailed(path: path, reason: error.localizedDescription)
            }
            temporaryPath = temporary
        }
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    var destinationDescription: String {
        switch destination {
        case let .file(path): return path
        case .standardOutput: return "standard output"
        }
    }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
    }

    func appendByte(_ byte: UInt8) {
        buffer.append(byte)
    }

    func appendValue(_ value: Double, decimals: Int) {
        DecimalFormatter.append(value, decimals: decimals, to: &buffer)
    }

    /// Writes the buffer out once it holds more than about 1 MiB.
    func flushIfFull() throws(IngestError) {
        if buffer.count >= flushThreshold { try flush() }
    }

    func flush() throws(IngestError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .writeFailed(path: destinationDescription, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and moves the temporary file over the destination.
    func commit() throws(IngestError) {
        do {
            try flush()
        } catch {
            abort()
            throw error
        }
        finished = true
        guard case let .file(path) = destination, let temporaryPath else { return }
        do {
            try handle.close()
        } catch {
            CSVOutput.removeTemporaryFile(temporaryPath)
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            CSVOutput.removeTemporaryFile(temporaryPath)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Drops everything written so far (the temporary file is removed).
    func abort() {
        guard !finished else { return }
        finished = true
        guard let temporaryPath else { return }
        do {
            try handle.close()
        } catch {
            // The file is being thrown away; a failed close changes nothing for the caller.
        }
        CSVOutput.removeTemporaryFile(temporaryPath)
    }

    /// Removes a temporary file after a failure. The failure itself is what gets reported;
    /// if the removal fails too, a hidden `.<name>.tmp-<uuid>` file stays next to the destination.
    private static func removeTemporaryFile(_ path: String) {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            // Nothing more to do: the destination itself was never touched.
        }
    }

    deinit {
        abort()
    }
}
