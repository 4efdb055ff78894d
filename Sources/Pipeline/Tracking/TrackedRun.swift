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
    /// settings as JSON (sorted keys; `JSONDecoder` gives the spec back), each setting on its
    /// own as `settings.<path>` (so `runs list --filter` and `runs diff` see them, e.g.
    /// `settings.hiddenSize`, `settings.training.learningRate`), and the code version.
    static func modelParams(_ spec: ModelSpec) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(spec)
        var params = [
            "model": spec.name,
            "settings": String(decoding: json, as: UTF8.self),
            "code_version": CodeVersion.current,
        ]
        let object = try JSONSerialization.jsonObject(with: json)
        // Each setting under its own key; a kind without settings (naive) adds none, and the
        // whole-spec `settings` param stays.
        if let settings = (object as? [String: Any])?["settings"] as? [String: Any] {
            for (key, child) in settings { try flatten(child, path: "settings.\(key)", into: &params) }
        }
        return params
    }

    /// Objects become dotted paths; strings stay as they are; numbers, booleans and lists
    /// are written as JSON text (`0.001`, `true`, `[5,15,30]`).
    static func flatten(_ value: Any, path: String, into params: inout [String: String]) throws {
        if let object = value as? [String: Any], !object.isEmpty {
            for (key, child) in object { try flatten(child, path: "\(path).\(key)", into: &params) }
        } else if let text = value as? String {
            params[path] = text
        } else {
            params[path] = String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]), as: UTF8.self)
        }
    }

    /// The seed a spec draws its randomness from (the LSTM's), for `RunSpec.seed`.
    static func seed(_ spec: ModelSpec) -> UInt64? {
        (spec.settings as? LSTMConfiguration)?.training.seed
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
