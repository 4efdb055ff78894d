/// Why a sweep stage, or one of its trials, could not go on; each names the stage or trial
/// and the offending value.
public enum SweepRunError: Error, Equatable, CustomStringConvertible {
    /// A trial's parameter names a config key whose parent is not a mapping in the config.
    case notAMapping(config: String, key: String)
    /// The trial ran but its scores have no finite value for the objective's metric.
    case objectiveMissing(trial: Int, metric: String, known: [String])
    /// No trial of the sweep completed; the failed ones with their reasons.
    case noCompleteTrial(stage: String, trials: Int, failures: [String])
    /// `--workers N` > 1, and nothing to start extra worker processes with.
    case noWorkerLauncher(workers: Int)
    /// An extra worker process ended with a non-zero status.
    case workerFailed(worker: String, status: Int32)
    /// The trial's worker died in each of its `maxAttempts` claims; it is not run again.
    case attemptsExhausted(trial: Int, attempts: Int, maxAttempts: Int)
    /// `pipeline worker --stage ID`: no sweep stage of that id in the plan.
    case notASweepStage(String, sweeps: [String])

    public var description: String {
        switch self {
        case .notAMapping(let config, let key):
            return "\(config): cannot set `\(key)` for a trial: a part of its path is not a mapping in the config"
        case .objectiveMissing(let trial, let metric, let known):
            return "trial \(trial): no finite value for the objective's metric \(metric); the trial's scores are \(known.joined(separator: ", "))"
        case .noCompleteTrial(let stage, let trials, let failures):
            let detail = failures.isEmpty ? "" : ": " + failures.joined(separator: "; ")
            return "\(stage): none of the sweep's \(trials) trials completed\(detail)"
        case .noWorkerLauncher(let workers):
            return "--workers \(workers): this invocation cannot start worker processes; run with --workers 1"
        case .workerFailed(let worker, let status):
            return "sweep worker \(worker) ended with status \(status); its trial goes back to the queue after the stale window"
        case .attemptsExhausted(let trial, let attempts, let maxAttempts):
            return "trial \(trial): its worker died in each of its \(attempts) attempts (max_attempts: \(maxAttempts)), so it is not run again; the KILLED runs tagged trial=\(trial) show how far each got (a crash, the memory limit, a kill); raise max_attempts in the sweep to try it more often"
        case .notASweepStage(let id, let sweeps):
            return "no sweep stage \(id) in the plan; its sweep stages are \(sweeps.isEmpty ? "none" : sweeps.joined(separator: ", "))"
        }
    }
}
