import Foundation

/// Blobs under `root/sha256/ab/<hash>`. A write goes to `root/tmp/<hash>.<pid>.<n>`, is
/// fsynced, renamed into place (atomic on POSIX) and the folder fsynced, so a crash leaves
/// either no blob or a complete one; reads re-hash and refuse corrupted files.
final class FileArtifactStorage: ArtifactStorage, @unchecked Sendable {
    let root: URL
    private let lock = NSLock()
    private var counter = 0

    init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
    }

    func store(_ data: Data) throws -> StoredBlob {
        let sha = SHA256.hex(of: data)
        let blob = StoredBlob(sha256: sha, size: Int64(data.count), path: StoredBlob.path(for: sha))
        let final = try resolve(blob.path)
        let manager = FileManager.default
        if manager.fileExists(atPath: final.path) {
            let attributes = try manager.attributesOfItem(atPath: final.path)
            // Same hash and size: the blob is already there. A damaged file is replaced below.
            if (attributes[.size] as? NSNumber)?.int64Value == blob.size { return blob }
        }
        let folder = final.deletingLastPathComponent()
        let temporaryFolder = root.appendingPathComponent("tmp", isDirectory: true)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try manager.createDirectory(at: temporaryFolder, withIntermediateDirectories: true)
        let temporary = temporaryFolder.appendingPathComponent("\(sha).\(getpid()).\(nextCounter())")
        try writeDurably(data, to: temporary)
        guard rename(temporary.path, final.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
        }
        try fsyncFolder(folder)
        return blob
    }

    func load(path: String, sha256: String) throws -> Data {
        let url = try resolve(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw TrackingError.artifactFileMissing(path: url.path, sha256: sha256)
        }
        let data = try Data(contentsOf: url)
        let actual = SHA256.hex(of: data)
        guard actual == sha256 else {
            throw TrackingError.artifactCorrupted(path: url.path, expectedSHA256: sha256, actualSHA256: actual)
        }
        return data
    }

    /// Blobs under `sha256/` and leftovers of interrupted writes under `tmp/`.
    func allBlobs() throws -> [(path: String, modified: Double)] {
        try files(under: "sha256") + files(under: "tmp")
    }

    private func files(under folder: String) throws -> [(path: String, modified: Double)] {
        let base = root.appendingPathComponent(folder, isDirectory: true).standardizedFileURL
        guard FileManager.default.fileExists(atPath: base.path) else { return [] }
        var result: [(String, Double)] = []
        let keys: [URLResourceKey] = [.contentModificationDateKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: keys) else { return [] }
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: Set(keys))
            guard values.isRegularFile == true else { continue }
            let relative = folder + "/" + url.standardizedFileURL.path.dropFirst(base.path.count + 1)
            result.append((relative, values.contentModificationDate?.timeIntervalSince1970 ?? 0))
        }
        return result
    }

    func remove(path: String) throws {
        try FileManager.default.removeItem(at: try resolve(path))
    }

    /// Maps a relative blob path to a URL, refusing anything that would leave `root`.
    func resolve(_ path: String) throws -> URL {
        try ArtifactName.validate(path)
        let url = root.appendingPathComponent(path).standardizedFileURL
        guard url.path.hasPrefix(root.path + "/") else {
            throw TrackingError.invalidArtifactName(name: path, reason: "it resolves outside the artifact folder")
        }
        return url
    }

    private func nextCounter() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }

    private func writeDurably(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw posixError(url) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }  // empty data: nothing to write
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw posixError(url)
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw posixError(url) }
    }

    private func fsyncFolder(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY)
        guard descriptor >= 0 else { throw posixError(folder) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw posixError(folder) }
    }

    private func posixError(_ url: URL) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
    }
}
