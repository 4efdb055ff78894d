import ArgumentParser
import Foundation
import Tracking

/// Hidden: one sweep worker for the trial-queue tests. Claims trials of `--sweep` until none is
/// queued; for each, creates a child run `trial-<n>`, attaches it, prints
/// `claimed <number> attempt <attempt> run <run id>`, holds the trial `--hold-seconds` (so a
/// test can kill it inside one), logs `objective` = the trial number and finishes it complete.
struct TrialWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_trial-worker", shouldDisplay: false)

    @OptionGroup var options: RegistryOptions
    @Option(help: "The sweep's parent run id (all 32 characters).") var sweep: String
    @Option var worker: String
    @Option var experiment = "sweep"
    @Option var holdSeconds: Double = 0

    func run() throws {
        let registry = try options.open(create: false)
        let sweepRun = try RunID(sweep)
        while let claim = try registry.claimTrial(sweep: sweepRun, worker: worker, staleAfter: options.staleAfter) {
            let run = try registry.createRun(RunSpec(experiment: experiment, name: "trial-\(claim.number)", parent: sweepRun,
                                                     tags: ["trial": String(claim.number), "worker": worker]))
            try registry.attachRun(run, to: claim)
            print("claimed \(claim.number) attempt \(claim.attempt) run \(run)")
            fflush(nil)
            if holdSeconds > 0 { Thread.sleep(forTimeInterval: holdSeconds) }
            try registry.logMetric(run: run, key: "objective", value: Double(claim.number))
            try registry.finishTrial(claim, state: .complete, objective: Double(claim.number))
        }
    }
}
