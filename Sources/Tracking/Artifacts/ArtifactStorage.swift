import Foundation

/// A stored blob: where its bytes live relative to the artifact folder, and what they hash to.
struct StoredBlob: Sendable, Equatable {
    var sha256: String
    var size: Int64
    /// `sha256/ab/abcdef…`: the path is derived from the hash, never from a user-supplied name.
    var path: String

    static func path(for sha256: String) -> String {
        "sha256/\(sha256.prefix(2))/\(sha256)"
    }
}

/// Content-addressed byte storage behind the registry's artifacts.
protocol ArtifactStorage: Sendable {
    /// Stores `data` (idempotent: the same bytes map to the same blob) and returns its reference.
    func store(_ data: Data) throws -> StoredBlob
    /// Reads a blob and verifies its SHA-256 before returning it.
    func load(path: String, sha256: String) throws -> Data
    /// Paths of every blob, with their last modification time (seconds since 1970).
    func allBlobs() throws -> [(path: String, modified: Double)]
    func remove(path: String) throws
}
