import ArgumentParser
import Foundation
import Pipeline
import Tracking

/// `--track`, `--experiment NAME` and `--db PATH`: record a command as a run in the
/// registry (params, per-epoch and final metrics, the model artifact).
struct TrackingOptions: ParsableArguments {
    @Flag(help: "Record this run in the registry (params, metrics, the fitted model as artifact kind `model`).")
    var track = false

    @Option(help: ArgumentHelp("Experiment to record the run in (implies --track; default: the command's name).", valueName: "name"))
    var experiment: String?

    @Option(help: ArgumentHelp("Registry to record in (default: experiments/registry.sqlite, or $AUTOSCALE_REGISTRY).", valueName: "path"))
    var db: String?

    /// The registry location, when recording is asked for.
    var location: RegistryLocation? {
        guard track || experiment != nil else { return nil }
        return RegistryLocation.resolve(
            explicit: db, environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Where to record, opening the registry, or nil without --track / --experiment.
    func tracking(defaultExperiment: String) throws -> (RunTracking, RegistryLocation)? {
        guard let location else { return nil }
        return (RunTracking(tracker: try Registry.open(location), experiment: experiment ?? defaultExperiment), location)
    }

    /// `tracked` into the registry when `--track` / `--experiment` ask for it, with the line
    /// that says where; else `untracked`, with no line.
    func perform<T: Sendable>(
        defaultExperiment: String, tracked: (RunTracking) throws -> Tracked<T>, untracked: () throws -> T
    ) throws -> (value: T, recorded: String?) {
        guard let (destination, location) = try tracking(defaultExperiment: defaultExperiment) else { return (try untracked(), nil) }
        let run = try tracked(destination)
        return (run.value, recordedNote(run: run.run, experiment: destination.experiment, location: location))
    }

    /// The line that says where a run was recorded and how to look at it.
    func recordedNote(run: RunID, experiment: String, location: RegistryLocation) -> String {
        let db = self.db.map { " --db \($0)" } ?? ""
        return "recorded run \(run.short) in experiment \(experiment) of \(location.databasePath); see it with: runs show \(run.short)\(db)"
    }
}
