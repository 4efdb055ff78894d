import Foundation
import Tracking

/// The library side of `autoscale pipeline run | status | graph`: load and check the spec,
/// open the registry and the cache beside it, and run, inspect or draw the plan.
public enum PipelineJob {
    /// Decodes `file` with `overrides` and runs it (`PipelineRunner`). Spec errors are thrown
    /// before anything runs; a run with failed stages returns its report (the caller exits
    /// non-zero on `report.failed`). First, the runs of pipeline processes on this host that
    /// died (kill -9) are marked KILLED (`markRunsOfDeadOwnersKilled`).
    public static func run(
        file: String, overrides: [String], options: PipelineRunOptions, registry location: RegistryLocation,
        events: PipelineEvents = .silent
    ) throws -> PipelineRunReport {
        let spec = try PipelineSpec.load(path: file, overrides: overrides)
        let tracker: any Tracker
        if options.dryRun {
            tracker = try Registry.inMemory()
        } else {
            let registry = try Registry.open(location)
            try registry.markRunsOfDeadOwnersKilled()
            tracker = registry
        }
        let runner = PipelineRunner(plan: spec.plan, cache: StageCache(besideRegistry: location.databasePath), tracker: tracker,
                                    specHash: try specHash(file))
        return try runner.run(options, events: events)
    }

    /// Which stages of `file` are up to date, which are stale and why (`PipelineStatus`); marks
    /// the runs of dead pipeline processes on this host KILLED on the way, as `run` does.
    public static func status(file: String, overrides: [String], registry location: RegistryLocation) throws -> PipelineStatus {
        let spec = try PipelineSpec.load(path: file, overrides: overrides)
        try Registry.markRunsOfDeadOwnersKilled(at: location)
        return try PipelineStatus(plan: spec.plan, cache: StageCache(besideRegistry: location.databasePath))
    }

    /// sha256 of the pipeline file's text.
    static func specHash(_ file: String) throws -> String {
        do {
            return ContentHash.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw PipelineRunError.unreadableInput(path: file, reason: error.localizedDescription)
        }
    }
}

/// `key=value` pairs of `--set`, for the parent run's params.
public func parseOverrides(_ overrides: [String]) -> [String: String] {
    var result: [String: String] = [:]
    for text in overrides {
        guard let eq = text.firstIndex(of: "=") else { continue }
        result[String(text[..<eq])] = String(text[text.index(after: eq)...])
    }
    return result
}
