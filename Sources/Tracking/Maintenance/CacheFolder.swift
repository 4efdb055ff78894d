import Foundation

/// The stage cache beside the registry (`cache/` next to the database file), seen only as a
/// folder convention (docs/formats/registry.md, "Cache entries"): this room knows nothing of
/// pipelines or what an entry holds.
///
///     cache/entries/<first 2 hex of key>/<key>/   one entry; the key is 64 lowercase hex digits
///     cache/tmp/<anything>/                       entries being written (or left by a killed run)
///
/// Anything else under `cache/` (and any folder under `entries/` not of that form) is left alone.
struct CacheFolder: Sendable {
    /// The `cache` folder.
    let root: URL

    init(root: URL) {
        self.root = root
    }

    /// One folder found under `entries/` or `tmp/`, with the newest modification time of the
    /// folder and the files directly inside it (seconds since 1970).
    struct Item: Sendable, Equatable {
        /// The cache key for an entry; the folder name for a temporary folder.
        var name: String
        var url: URL
        var modified: Double
    }

    var entriesFolder: URL { root.appendingPathComponent("entries", isDirectory: true) }
    var temporaryFolder: URL { root.appendingPathComponent("tmp", isDirectory: true) }

    /// Every entry (`entries/<2 hex>/<64 hex>/` whose prefix is the key's), sorted by key.
    /// Empty when the folder does not exist.
    func entries() throws -> [Item] {
        var items: [Item] = []
        for prefix in try subfolders(of: entriesFolder) where prefix.lastPathComponent.count == 2 && Self.isHex(prefix.lastPathComponent) {
            for entry in try subfolders(of: prefix) {
                let key = entry.lastPathComponent
                guard key.count == 64, Self.isHex(key), key.hasPrefix(prefix.lastPathComponent) else { continue }
                items.append(Item(name: key, url: entry, modified: try newestModification(entry)))
            }
        }
        return items.sorted { $0.name < $1.name }
    }

    /// Every folder directly under `tmp/`, sorted by name. Empty when there is none.
    func temporaryFolders() throws -> [Item] {
        try subfolders(of: temporaryFolder)
            .map { Item(name: $0.lastPathComponent, url: $0, modified: try newestModification($0)) }
            .sorted { $0.name < $1.name }
    }

    /// Removes a folder found by `entries()` or `temporaryFolders()`.
    func remove(_ item: Item) throws {
        do {
            try FileManager.default.removeItem(at: item.url)
        } catch {
            throw TrackingError.cacheFolderFailed(path: item.url.path, reason: "\(error)")
        }
    }

    private func subfolders(of folder: URL) throws -> [URL] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        do {
            return try fm.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])
                .filter { try $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true }
        } catch {
            throw TrackingError.cacheFolderFailed(path: folder.path, reason: "\(error)")
        }
    }

    /// The latest modification time of `folder` and of what is directly inside it: a folder's own
    /// time does not change when a file in it is rewritten, nor (everywhere) when it is renamed.
    private func newestModification(_ folder: URL) throws -> Double {
        do {
            let key: Set<URLResourceKey> = [.contentModificationDateKey]
            var newest = try folder.resourceValues(forKeys: key).contentModificationDate?.timeIntervalSince1970 ?? 0
            for child in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: Array(key)) {
                let modified = try child.resourceValues(forKeys: key).contentModificationDate?.timeIntervalSince1970 ?? 0
                newest = max(newest, modified)
            }
            return newest
        } catch {
            throw TrackingError.cacheFolderFailed(path: folder.path, reason: "\(error)")
        }
    }

    private static func isHex(_ text: String) -> Bool {
        text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
