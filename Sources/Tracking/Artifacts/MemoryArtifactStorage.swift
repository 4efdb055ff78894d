import Foundation

/// Blobs kept in a dictionary, for the in-memory registry used by tests.
final class MemoryArtifactStorage: ArtifactStorage, @unchecked Sendable {
    private let lock = NSLock()
    private var blobs: [String: Data] = [:]

    func store(_ data: Data) throws -> StoredBlob {
        let sha = SHA256.hex(of: data)
        let blob = StoredBlob(sha256: sha, size: Int64(data.count), path: StoredBlob.path(for: sha))
        lock.lock()
        blobs[blob.path] = data
        lock.unlock()
        return blob
    }

    func load(path: String, sha256: String) throws -> Data {
        lock.lock()
        let data = blobs[path]
        lock.unlock()
        guard let data else { throw TrackingError.artifactFileMissing(path: path, sha256: sha256) }
        let actual = SHA256.hex(of: data)
        guard actual == sha256 else {
            throw TrackingError.artifactCorrupted(path: path, expectedSHA256: sha256, actualSHA256: actual)
        }
        return data
    }

    func allBlobs() throws -> [(path: String, modified: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return blobs.keys.sorted().map { ($0, 0) }
    }

    func remove(path: String) throws {
        lock.lock()
        blobs[path] = nil
        lock.unlock()
    }
}
