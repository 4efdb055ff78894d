import Forecasting
import Foundation
import Tracking

/// Where `--track` / `--experiment` record a command: a tracker and an experiment name.
public struct RunTracking: Sendable {
    public let tracker: any Tracker
    public let experiment: String

    public init(tracker: any Tracker, experiment: String) {
        self.tracker = tracker
        self.experiment = experiment
    }

    /// Creates a run, passes it to `body`, and marks it FINISHED, or FAILED when `body`
    /// throws (the error is rethrown).
    func record<T: Sendable>(_ spec: RunSpec, _ body: (RunID) throws -> T) throws -> Tracked<T> {
        let run = try tracker.createRun(spec)
        do {
            let value = try body(run)
            try tracker.setStatus(run: run, .finished)
            return Tracked(value: value, run: run)
        } catch {
            try tracker.setStatus(run: run, .failed)
            throw error
        }
    }

    /// The params every tracked command logs for its model: the kind, its resolved
    /// settings as JSON (sorted keys) and the code version.
    static func modelParams(_ spec: ModelSpec) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [
            "model": spec.name,
            "settings": String(decoding: try encoder.encode(spec), as: UTF8.self),
            "code_version": CodeVersion.current,
        ]
    }

    /// The seed a spec draws its randomness from (the LSTM's), for `RunSpec.seed`.
    static func seed(_ spec: ModelSpec) -> UInt64? {
        if case .lstm(let configuration) = spec { configuration.training.seed } else { nil }
    }

    /// Pretty, key-sorted JSON of a report, as `--json` prints it.
    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}

/// A command's result and the run that recorded it.
public struct Tracked<Value: Sendable>: Sendable {
    public let value: Value
    public let run: RunID
}
