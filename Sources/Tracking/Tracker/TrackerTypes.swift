import Foundation

/// What a run is created from. Only `experiment` is required.
public struct RunSpec: Sendable, Equatable {
    public var experiment: String
    /// A readable name; defaults to `run-<first 8 id characters>`.
    public var name: String?
    /// The seed the run's randomness was drawn from, so the run can be reproduced.
    public var seed: UInt64?
    public var source: RunSource?
    /// The sweep (or other) run this one belongs to.
    public var parent: RunID?
    public var tags: [String: String]

    public init(experiment: String, name: String? = nil, seed: UInt64? = nil, source: RunSource? = nil,
                parent: RunID? = nil, tags: [String: String] = [:]) {
        self.experiment = experiment
        self.name = name
        self.seed = seed
        self.source = source
        self.parent = parent
        self.tags = tags
    }
}

/// The pipeline file a run came from and the hash of its resolved spec.
public struct RunSource: Codable, Sendable, Equatable {
    public var file: String
    public var specHash: String
    public init(file: String, specHash: String) {
        self.file = file
        self.specHash = specHash
    }
}

/// One metric observation. NaN and ±infinity are stored as such (never dropped).
/// `timestamp` nil means "now" by the tracker's clock.
public struct MetricPoint: Sendable, Equatable {
    public var key: String
    public var value: Double
    public var step: Int64
    public var timestamp: Double?

    public init(key: String, value: Double, step: Int64 = 0, timestamp: Double? = nil) {
        self.key = key
        self.value = value
        self.step = step
        self.timestamp = timestamp
    }
}

/// An opaque, content-addressed artifact reference: Tracking never looks inside.
public struct ArtifactReference: Codable, Sendable, Equatable {
    public var run: RunID
    public var name: String
    public var kind: String
    public var sha256: String
    public var size: Int64
    /// Path relative to the registry's artifact folder.
    public var path: String
}

/// The outcome of a promotion: the new immutable version and the alias move it made.
public struct Promotion: Codable, Sendable, Equatable {
    public var model: String
    public var version: Int64
    public var run: RunID
    public var artifact: ArtifactReference
    public var alias: String?
    /// The version the alias pointed at before, if any.
    public var replacedVersion: Int64?
}

/// The outcome of a rollback: which alias moved from which version to which.
public struct AliasMove: Codable, Sendable, Equatable {
    public var model: String
    public var alias: String
    public var fromVersion: Int64?
    public var toVersion: Int64
    public var reason: String?
}
