import Foundation
import GRDB

extension Registry {
    /// Stores the bytes first (a crash before the row is written leaves only an unreferenced
    /// blob, which `gc` removes), then records them. Artifact names are write-once per run:
    /// re-logging identical bytes returns the existing reference.
    public func logArtifact(run: RunID, name: String, kind: String, data: Data) throws -> ArtifactReference {
        try ArtifactName.validate(name)
        try NameRules.validate(kind: "artifact kind", kind)
        let blob = try artifacts.store(data)
        let now = clock.now()
        return try write { db in
            _ = try Self.runKey(run, db)
            if let existing = try ArtifactRecord.fetchOne(db, sql: "SELECT * FROM artifacts WHERE run_id = ? AND name = ?", arguments: [run.rawValue, name]) {
                guard existing.sha256 == blob.sha256 else {
                    throw TrackingError.invalidArtifactName(name: name, reason: "run \(run.short) already has a different artifact under this name (sha256 \(existing.sha256.prefix(12))…); artifacts are write-once, so choose a new name")
                }
                return Self.reference(existing)
            }
            var record = ArtifactRecord(id: nil, runId: run.rawValue, name: name, kind: kind, sha256: blob.sha256,
                                        size: blob.size, path: blob.path, created: now)
            try record.insert(db)
            try db.execute(sql: "UPDATE runs SET heartbeat = max(heartbeat, ?) WHERE id = ?", arguments: [now, run.rawValue])
            return Self.reference(record)
        }
    }

    /// The artifacts of a run, by name.
    public func artifacts(of run: RunID) throws -> [ArtifactReference] {
        try read { db in
            try ArtifactRecord.fetchAll(db, sql: "SELECT * FROM artifacts WHERE run_id = ? ORDER BY name", arguments: [run.rawValue])
                .map(Self.reference)
        }
    }

    /// Reads an artifact's bytes, verifying their SHA-256 against the registry.
    public func readArtifact(_ reference: ArtifactReference) throws -> Data {
        try artifacts.load(path: reference.path, sha256: reference.sha256)
    }

    /// Reads the artifact `name` of `run`.
    public func readArtifact(run: RunID, name: String) throws -> Data {
        let all = try artifacts(of: run)
        guard let reference = all.first(where: { $0.name == name }) else {
            throw TrackingError.artifactNotFound(run: run.rawValue, name: name, available: all.map(\.name))
        }
        return try readArtifact(reference)
    }

    static func reference(_ record: ArtifactRecord) -> ArtifactReference {
        ArtifactReference(run: RunID(trusted: record.runId), name: record.name, kind: record.kind,
                          sha256: record.sha256, size: record.size, path: record.path)
    }
}
