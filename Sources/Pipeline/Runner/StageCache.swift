import Foundation
import Tracking

/// Finished stages, content-addressed under `experiments/cache/` (docs/formats/pipeline-cache.md):
///
///     <root>/entries/<key[0..<2]>/<key>/manifest.json   what produced it, and the product's hash
///                                    /product.json    the `StageProduct`
///                                    /<files>         artifacts the product names (model.json, …)
///
/// An entry is written into `<root>/tmp/<random>/` and renamed into place, so a stage killed
/// half-way leaves no entry (`runs gc` removes its temporary folder, and the entries no run
/// refers to with a tag `cache.<stage id>`, once they are older than its grace period),
/// and readers see either nothing or a complete entry.
public struct StageCache: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// `experiments/cache` beside the registry database `experiments/registry.db`.
    public init(besideRegistry databasePath: String) {
        let folder = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        self.init(root: folder.appendingPathComponent("cache", isDirectory: true))
    }

    func entryURL(_ key: String) -> URL {
        root.appendingPathComponent("entries", isDirectory: true)
            .appendingPathComponent(String(key.prefix(2)), isDirectory: true)
            .appendingPathComponent(key, isDirectory: true)
    }

    /// The manifest of the entry for `key`, or nil when there is none.
    public func manifest(_ key: String) throws -> CacheManifest? {
        let url = entryURL(key).appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try Self.decoder.decode(CacheManifest.self, from: Data(contentsOf: url))
        } catch {
            throw PipelineRunError.cacheEntryUnreadable(path: url.path, reason: "\(error)")
        }
    }

    /// The product of the entry for `key`.
    public func product(_ key: String) throws -> StageProduct {
        let url = entryURL(key).appendingPathComponent("product.json")
        do {
            return try Self.decoder.decode(StageProduct.self, from: Data(contentsOf: url))
        } catch {
            throw PipelineRunError.cacheEntryUnreadable(path: url.path, reason: "\(error)")
        }
    }

    /// The file `name` of the entry for `key`.
    public func file(_ key: String, _ name: String) -> URL {
        entryURL(key).appendingPathComponent(name)
    }

    /// Writes an entry: `files` first, then the product, then the manifest, all inside a
    /// temporary folder that is renamed to the entry's place. Returns the manifest. When
    /// another process stored the same key meanwhile, its entry is kept (same key, same inputs).
    @discardableResult
    public func store(key: String, stage: String, kind: StageKind, product: StageProduct, files: [String: Data]) throws -> CacheManifest {
        let fm = FileManager.default
        let tmp = root.appendingPathComponent("tmp", isDirectory: true).appendingPathComponent(UUID().uuidString, isDirectory: true)
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        do {
            for (name, data) in files {
                try data.write(to: tmp.appendingPathComponent(name))
            }
            let productData = try Self.encoder.encode(product)
            try productData.write(to: tmp.appendingPathComponent("product.json"))
            let manifest = CacheManifest(
                key: key, stage: stage, kind: kind.rawValue, productHash: ContentHash.sha256Hex(productData),
                files: files.keys.sorted(), created: Date().timeIntervalSince1970)
            try Self.encoder.encode(manifest).write(to: tmp.appendingPathComponent("manifest.json"))
            let destination = entryURL(key)
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if fm.fileExists(atPath: destination.path) {
                try fm.removeItem(at: tmp)
            } else {
                try fm.moveItem(at: tmp, to: destination)
            }
            return manifest
        } catch {
            if fm.fileExists(atPath: tmp.path) { try fm.removeItem(at: tmp) }
            throw error
        }
    }

    /// Every key with an entry.
    public func keys() throws -> [String] {
        let entries = root.appendingPathComponent("entries", isDirectory: true)
        let fm = FileManager.default
        guard fm.fileExists(atPath: entries.path) else { return [] }
        var keys: [String] = []
        for prefix in try fm.contentsOfDirectory(atPath: entries.path) {
            keys += try fm.contentsOfDirectory(atPath: entries.appendingPathComponent(prefix).path)
        }
        return keys.sorted()
    }

    /// Removes the entry for `key` (nothing when absent).
    public func remove(_ key: String) throws {
        let url = entryURL(key)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    /// Removes temporary folders left by killed stages.
    public func removeTemporaryFolders() throws {
        let tmp = root.appendingPathComponent("tmp", isDirectory: true)
        if FileManager.default.fileExists(atPath: tmp.path) { try FileManager.default.removeItem(at: tmp) }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()
}

/// `manifest.json` of a cache entry.
public struct CacheManifest: Codable, Sendable, Equatable {
    public var key: String
    /// The stage instance that produced it first (`train@cpu-lstm`).
    public var stage: String
    public var kind: String
    /// sha256 of `product.json`: what dependants' keys are computed from.
    public var productHash: String
    public var files: [String]
    public var created: Double
}
