/// A run's lifecycle state; the database enforces the same five values with a CHECK constraint.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case scheduled = "SCHEDULED"
    case running = "RUNNING"
    case finished = "FINISHED"
    case failed = "FAILED"
    case killed = "KILLED"

    /// Finished, failed and killed runs have an end time and no longer heartbeat.
    public var isTerminal: Bool { self == .finished || self == .failed || self == .killed }

    /// Parses `FINISHED`, `finished`, … ; unknown text is a `TrackingError.unknownStatus`.
    public init(parsing text: String) throws {
        guard let status = RunStatus(rawValue: text.uppercased()) else {
            throw TrackingError.unknownStatus(text)
        }
        self = status
    }
}
