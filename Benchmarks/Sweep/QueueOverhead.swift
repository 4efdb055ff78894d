import Foundation
import Pipeline
import Tracking

/// `bench-sweep --queue`: the sampler plus the registry's trial queue per trial, on a real
/// SQLite registry file, with an objective that returns at once (Branin, nanoseconds).
///
/// Each trial goes through the steps `SweepWorker.work` and `TrialExecution.run` take with the
/// registry (the model fit and its artifacts left out):
///   claim (nothing queued) → read the trials → history → `suggest` → enqueue → claim →
///   create the trial's child run → attach it → log the objective → finish the trial.
/// One worker, one process; the sweep run is a run of experiment `bench`.
struct QueueOverhead {
    /// Seconds per trial, in total and per step (summed over the trials, then divided).
    var perTrial: Double
    var steps: [(String, Double)]
    var best: Double

    static func run(_ sampler: any SweepSampler, _ problem: Problem, trials: Int, folder: URL) throws -> QueueOverhead {
        let registry = try Registry.open(RegistryLocation(databasePath: folder.appendingPathComponent("registry.sqlite").path))
        let sweep = try registry.createRun(RunSpec(experiment: "bench", name: "sweep train", tags: ["sweep": "train"]))
        var spent: [String: UInt64] = [:]
        let order = ["claim", "read trials + history", "suggest", "enqueue", "create run", "attach run", "log objective", "finish trial"]
        func timed<T>(_ step: String, _ body: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { spent[step, default: 0] += DispatchTime.now().uptimeNanoseconds - start }
            return try body()
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var best = Double.infinity
        var completed = 0
        while completed < trials {
            if let claim = try timed("claim", { try registry.claimTrial(sweep: sweep, worker: "w0", staleAfter: Registry.defaultStaleAfter) }) {
                let run = try timed("create run") {
                    try registry.createRun(RunSpec(experiment: "bench", name: "branin trial \(claim.number)", parent: sweep,
                                                   tags: ["sweep": "train", "trial": String(claim.number), "attempt": String(claim.attempt),
                                                          "worker": "w0"]))
                }
                try timed("attach run") { try registry.attachRun(run, to: claim) }
                let value = problem.objective(try TrialParameters(canonicalJSON: claim.params))
                try timed("log objective") { try registry.logMetrics(run: run, [MetricPoint(key: "objective", value: value)]) }
                try timed("finish trial") { try registry.finishTrial(claim, state: .complete, objective: value) }
                best = min(best, value)
                completed += 1
                continue
            }
            let (next, history) = try timed("read trials + history") { () throws -> (Int, [CompletedTrial]) in
                let stored = try registry.trials(sweep: sweep)
                let history = try stored.compactMap { trial -> CompletedTrial? in
                    guard trial.state == .complete else { return nil }
                    return CompletedTrial(number: trial.number, parameters: try TrialParameters(canonicalJSON: trial.params),
                                          value: trial.objective, state: .complete)
                }
                return ((stored.map(\.number).max() ?? -1) + 1, history)
            }
            let parameters = try timed("suggest") { try sampler.suggest(space: problem.space, history: history, trialNumber: next) }
            _ = try timed("enqueue") { try registry.enqueueTrial(sweep: sweep, number: next, params: parameters.canonicalJSON) }
        }
        let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try registry.setStatus(run: sweep, .finished)
        return QueueOverhead(perTrial: total / Double(trials),
                             steps: order.map { ($0, Double(spent[$0] ?? 0) / 1e9 / Double(trials)) }, best: best)
    }
}

/// Prints the `--queue` table: ours (sampler + registry queue on a SQLite file; the median of
/// three sweeps, each on a fresh registry) and the sampler alone, against Optuna's TPE with
/// SQLite storage and in memory (one sweep each, `optuna_sweep_bench.py --no-quality`).
func queueOverheadReport(_ options: Options, load: String) throws {
    print("bench-sweep --queue: \(options.overheadTrials) trials on Branin, objective at once; load average \(load)")
    let branin = try problems()[0]
    let samplers: [(key: String, name: String, make: () -> any SweepSampler)] = [
        ("tpe", "TPE (multivariate, default)", { TPESampler(seed: 0) }),
        ("random", "random", { RandomSampler(seed: 0) }),
    ]
    var ours: [String: QueueOverhead] = [:]
    var samplerOnly: [String: Double] = [:]
    for sampler in samplers {
        var runs: [QueueOverhead] = []
        for _ in 0..<3 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-sweep-queue-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            runs.append(try QueueOverhead.run(sampler.make(), branin, trials: options.overheadTrials, folder: folder))
        }
        ours[sampler.key] = runs.sorted { $0.perTrial < $1.perTrial }[1]
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try run(sampler.make(), branin, trials: options.overheadTrials)
        samplerOnly[sampler.key] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(options.overheadTrials)
    }
    let optuna = options.optuna
        ? optunaResults(options, extra: ["--no-quality", "--samplers", samplers.map(\.key).joined(separator: ",")]) : nil
    let overhead = optuna?["overhead"] as? [String: Double]
    if let version = optuna?["optuna_version"] as? String { print("Optuna \(version)") }
    print("")
    print("per trial, microseconds (ours: median of 3 sweeps, each on a fresh registry file)")
    print("| sampler | ours: sampler + registry queue | ours: sampler alone | Optuna SQLite | Optuna in-memory | Optuna SQLite ÷ ours (queue) |")
    print("|---|---|---|---|---|---|")
    for sampler in samplers {
        let mine = (ours[sampler.key]?.perTrial ?? .nan) * 1e6
        let sqlite = (overhead?["\(sampler.key)_sqlite"] ?? .nan) * 1e6
        let memory = (overhead?["\(sampler.key)_memory"] ?? .nan) * 1e6
        print("| \(sampler.name) | \(format(mine, 1)) | \(format((samplerOnly[sampler.key] ?? .nan) * 1e6, 1)) | \(format(sqlite, 1)) | \(format(memory, 1)) | \(format(sqlite / mine, 0))× |")
    }
    print("")
    print("ours, where a trial's time goes (µs per trial, the same median sweep)")
    print("| step | " + samplers.map(\.name).joined(separator: " | ") + " |")
    print("|---|" + samplers.map { _ in "---|" }.joined())
    for (index, step) in (ours["tpe"]?.steps ?? []).enumerated() {
        let cells = samplers.map { format((ours[$0.key]?.steps[index].1 ?? .nan) * 1e6, 1) }
        print("| \(step.0) | " + cells.joined(separator: " | ") + " |")
    }
}
