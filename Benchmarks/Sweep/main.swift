import Foundation
import Pipeline

// bench-sweep: the sweep samplers against Optuna (Benchmarks/README.md, "Sweep").
//   (a) quality: median over seeds of the best value after N trials, on Branin,
//       Hartmann-6 and a mixed space; ours (TPE, random) and Optuna's (TPE default,
//       TPE univariate, random) from optuna_sweep_bench.py;
//   (b) overhead: seconds per trial with an objective that returns at once.
// Options: --seeds 10 --trials 50 --overhead-trials 200 --no-optuna

struct Options {
    var seeds = 10
    var trials = 50
    var overheadTrials = 200
    var optuna = true

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let next = i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
            switch arguments[i] {
            case "--seeds": seeds = next ?? seeds; i += 1
            case "--trials": trials = next ?? trials; i += 1
            case "--overhead-trials": overheadTrials = next ?? overheadTrials; i += 1
            case "--no-optuna": optuna = false
            default: print("unknown option \(arguments[i]); options: --seeds N --trials N --overhead-trials N --no-optuna"); exit(2)
            }
            i += 1
        }
    }
}

/// The best value of one sweep, and the seconds spent in `suggest`.
func run(_ sampler: any SweepSampler, _ problem: Problem, trials: Int) throws -> (best: Double, suggestSeconds: Double) {
    var history: [CompletedTrial] = []
    var seconds = 0.0
    for k in 0..<trials {
        let start = DispatchTime.now().uptimeNanoseconds
        let p = try sampler.suggest(space: problem.space, history: history, trialNumber: k)
        seconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        history.append(CompletedTrial(number: k, parameters: p, value: problem.objective(p), state: .complete))
    }
    return (history.compactMap(\.value).min() ?? .infinity, seconds)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func format(_ x: Double, _ digits: Int = 4) -> String { x.isNaN ? "—" : String(format: "%.\(digits)f", x) }

/// Runs the Optuna script and returns its JSON (nil, with the reason printed, when it fails).
func optunaResults(_ options: Options) -> [String: Any]? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("optuna_sweep_bench.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, "--seeds", String(options.seeds), "--trials", String(options.trials),
                         "--overhead-trials", String(options.overheadTrials)]
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        print("Optuna: not run (\(error))")
        return nil
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        print("Optuna: not run (python3 exited with \(process.terminationStatus))")
        return nil
    }
    do {
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    } catch {
        print("Optuna: unreadable output (\(error))")
        return nil
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
func loadAverage() -> String {
    do {
        return try String(contentsOfFile: "/proc/loadavg", encoding: .utf8).split(separator: " ").prefix(3).joined(separator: " ")
    } catch {
        return "unknown (\(error.localizedDescription))"
    }
}
let load = loadAverage()
print("bench-sweep: \(options.seeds) seeds × \(options.trials) trials; overhead over \(options.overheadTrials) trials; load average \(load)")

let all = try problems()
var ours: [String: [String: Double]] = [:]
for problem in all {
    var tpe: [Double] = [], random: [Double] = []
    for seed in 0..<options.seeds {
        tpe.append(try run(TPESampler(seed: UInt64(seed)), problem, trials: options.trials).best)
        random.append(try run(RandomSampler(seed: UInt64(seed)), problem, trials: options.trials).best)
    }
    ours[problem.name] = ["tpe": median(tpe), "random": median(random)]
}

// Overhead: one sweep of `overheadTrials` on Branin, objective at once, seconds per trial.
let branin = all[0]
var oursOverhead: [String: Double] = [:]
for (name, sampler) in [("tpe", TPESampler(seed: 0) as any SweepSampler), ("random", RandomSampler(seed: 0))] {
    // Branin costs nanoseconds, so the time is the sampler's; its values keep TPE's split realistic.
    let timed = Problem(name: name, space: branin.space, objective: branin.objective, minimum: 0)
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try run(sampler, timed, trials: options.overheadTrials)
    oursOverhead[name] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(options.overheadTrials)
}

let optuna = options.optuna ? optunaResults(options) : nil
let quality = optuna?["quality"] as? [String: [String: Double]]
let overhead = optuna?["overhead"] as? [String: Double]
if let version = optuna?["optuna_version"] as? String { print("Optuna \(version)") }

print("")
print("(a) median best value (lower is better; minimum in brackets)")
print("| problem | ours TPE | ours random | Optuna TPE (default, multivariate) | Optuna TPE (univariate) | Optuna random | ours TPE − Optuna univariate |")
print("|---|---|---|---|---|---|---|")
for problem in all {
    let o = ours[problem.name] ?? [:]
    let q = quality?[problem.name] ?? [:]
    let gap = (o["tpe"] ?? .nan) - (q["tpe_univariate"] ?? .nan)
    print("| \(problem.name) [\(problem.minimum)] | \(format(o["tpe"] ?? .nan)) | \(format(o["random"] ?? .nan)) | \(format(q["tpe"] ?? .nan)) | \(format(q["tpe_univariate"] ?? .nan)) | \(format(q["random"] ?? .nan)) | \(format(gap)) |")
}
print("")
print("(b) sampler overhead per trial on Branin (objective returns at once), microseconds")
print("| sampler | ours | Optuna in-memory | Optuna SQLite | in-memory ÷ ours | SQLite ÷ ours |")
print("|---|---|---|---|---|---|")
for (name, key) in [("TPE (univariate)", "tpe"), ("random", "random")] {
    let mine = (oursOverhead[key] ?? .nan) * 1e6
    let memory = (overhead?["\(key)_memory"] ?? .nan) * 1e6
    let sqlite = (overhead?["\(key)_sqlite"] ?? .nan) * 1e6
    print("| \(name) | \(format(mine, 1)) | \(format(memory, 1)) | \(format(sqlite, 1)) | \(format(memory / mine, 0))× | \(format(sqlite / mine, 0))× |")
}
