import Foundation

/// A pipeline run's stage outcomes, read from its `stage.<stage id>` tags (the pipeline runner
/// writes one per stage: `executed`, `reused` or `failed: <reason>`).
public struct StageOutcomes: Codable, Sendable, Equatable {
    /// Tag prefix that marks a stage outcome.
    public static let tagPrefix = "stage."

    /// Whether the tag `key` is a stage outcome: `stage.` followed by a stage id.
    public static func isStageTag(_ key: String) -> Bool {
        key.hasPrefix(tagPrefix) && key.count > tagPrefix.count
    }

    /// One per `stage.*` tag, by stage id.
    public var stages: [StageOutcome]
    public var executed: Int
    public var reused: Int
    public var failed: Int
    /// Tags whose value is none of the three forms (shown as they are).
    public var unrecognized: Int

    /// The outcomes among `tags`, or nil when the run has no `stage.*` tag.
    public init?(tags: [String: String]) {
        let stages = tags.filter { Self.isStageTag($0.key) }
            .sorted { $0.key < $1.key }
            .map { StageOutcome(stage: String($0.key.dropFirst(Self.tagPrefix.count)), value: $0.value) }
        if stages.isEmpty { return nil }
        self.stages = stages
        executed = stages.count { $0.outcome == .executed }
        reused = stages.count { $0.outcome == .reused }
        failed = stages.count { $0.outcome == .failed }
        unrecognized = stages.count { $0.outcome == .unrecognized }
    }
}

/// What happened to one stage.
public struct StageOutcome: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case executed, reused, failed
        /// The tag's value is not `executed`, `reused` or `failed: <reason>`.
        case unrecognized
    }

    /// The stage id (the tag key after `stage.`).
    public var stage: String
    public var outcome: Outcome
    /// Why a failed stage failed (the text after `failed:`), nil when not given.
    public var reason: String?
    /// The tag's value as written.
    public var value: String

    /// Reads a tag value: `executed`, `reused`, `failed` or `failed: <reason>`; anything else is
    /// `unrecognized` (kept in `value`, never dropped).
    public init(stage: String, value: String) {
        self.stage = stage
        self.value = value
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "executed": outcome = .executed
        case "reused": outcome = .reused
        case "failed": outcome = .failed
        default:
            if trimmed.hasPrefix("failed:") {
                outcome = .failed
                let text = trimmed.dropFirst("failed:".count).trimmingCharacters(in: .whitespaces)
                reason = text.isEmpty ? nil : text
            } else {
                outcome = .unrecognized
            }
        }
    }
}
