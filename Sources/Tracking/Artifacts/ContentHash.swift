import Foundation

/// Content hashes used for artifacts (and available to other rooms, e.g. for a spec hash).
public enum ContentHash {
    /// Lowercase hexadecimal SHA-256 of `data` (64 characters).
    public static func sha256Hex(_ data: Data) -> String { SHA256.hex(of: data) }
}
