import ArgumentParser
import Foundation
import Pipeline
import Tracking

/// Hidden: one extra worker of a sweep, started by `pipeline run --workers N`
/// (`SweepWorkerLauncher`); claims trials of `--sweep` until the budget is spent
/// (`PipelineJob.sweepWorker`).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", shouldDisplay: false)

    @Argument var file: String
    @Option(name: .customLong("set")) var overrides: [String] = []
    @Option var sweep: String
    @Option var stage: String
    @Option var inputKey: String
    @Option var worker: String
    @Option var experiment: String
    @Option var staleAfter: Double = Registry.defaultStaleAfter
    @Option var holdTrial: Int?
    @Option var parentPid: Int32?
    @OptionGroup var registry: PipelineRegistryOptions

    func run() throws {
        let request = SweepWorkerRequest(sweep: try RunID(sweep), stage: stage, inputKey: inputKey, worker: worker, experiment: experiment)
        try PipelineJob.sweepWorker(file: file, overrides: overrides, registry: registry.location, request: request,
                                    settings: SweepSettings(staleAfter: staleAfter, holdTrial: holdTrial, onHold: HoldAnnouncement.print),
                                    parent: parentPid)
    }
}

/// The `--hold-trial` test knob's line on standard error: `holding trial N run ID pid P`
/// (extra workers write to the same standard error as the pipeline's process).
enum HoldAnnouncement {
    @Sendable static func print(_ trial: Int, _ run: RunID) {
        let pid = ProcessInfo.processInfo.processIdentifier
        FileHandle.standardError.write(Data("holding trial \(trial) run \(run.rawValue) pid \(pid)\n".utf8))
    }
}
