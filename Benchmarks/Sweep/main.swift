import Foundation
import Pipeline

// bench-sweep: the sweep samplers against Optuna (Benchmarks/README.md, "Sweep").
//   (a) quality: median over seeds of the best value after N trials, on Branin,
//       Hartmann-6 and a mixed space; ours (TPE multivariate = default, the same with
//       Optuna's settings `TPESampler.optuna`, TPE univariate, random) and Optuna's (TPE default = multivariate, TPE univariate, random) from
//       optuna_sweep_bench.py;
//   (b) overhead: seconds per trial with an objective that returns at once;
//   (c) with 20 seeds or more, how much a 10-seed median varies: the medians of the
//       seed blocks 0–9, 10–19, … of ours and Optuna's default TPE.
//   --queue: only the sampler plus the registry's trial queue per trial (QueueOverhead.swift)
//       against Optuna's TPE with SQLite storage, both with an objective that returns at once.
//   --variant SPEC (repeatable): only our TPE with other settings (Variants.swift), the median
//       best per problem and how many 10-seed blocks reach --bar (default: Optuna's 10-seed
//       medians, seeds 0–9, of Benchmarks/README.md); for tuning on seeds away from 0–9.
// Options: --seeds 10 --first-seed 0 --trials 50 --overhead-trials 200 --no-optuna --queue
//          --variant SPEC --bar branin=X,hartmann6=Y,mixed=Z

struct Options {
    var seeds = 10
    var firstSeed = 0
    var trials = 50
    var overheadTrials = 200
    var optuna = true
    var queue = false
    var variants: [String] = []
    var bar = ["branin": 0.4646, "hartmann6": -3.0775, "mixed": 0.0013]

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let next = i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
            switch arguments[i] {
            case "--seeds": seeds = next ?? seeds; i += 1
            case "--first-seed": firstSeed = next ?? firstSeed; i += 1
            case "--variant" where i + 1 < arguments.count: variants.append(arguments[i + 1]); i += 1
            case "--bar" where i + 1 < arguments.count:
                for pair in arguments[i + 1].split(separator: ",") {
                    let kv = pair.split(separator: "=")
                    if kv.count == 2, let value = Double(kv[1]) { bar[String(kv[0])] = value }
                }
                i += 1
            case "--trials": trials = next ?? trials; i += 1
            case "--overhead-trials": overheadTrials = next ?? overheadTrials; i += 1
            case "--no-optuna": optuna = false
            case "--queue": queue = true
            default:
                print("unknown option \(arguments[i]); options: --seeds N --first-seed N --trials N --overhead-trials N --no-optuna --queue --variant SPEC --bar P=X,…")
                exit(2)
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
func optunaResults(_ options: Options, extra: [String] = []) -> [String: Any]? {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("optuna_sweep_bench.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, "--seeds", String(options.seeds), "--first-seed", String(options.firstSeed), "--trials", String(options.trials),
                         "--overhead-trials", String(options.overheadTrials)] + extra
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
if !options.variants.isEmpty {
    print("load average \(load)")
    try variantReport(options.variants, options, bar: options.bar)
    exit(0)
}
if options.queue {
    try queueOverheadReport(options, load: load)
    exit(0)
}
print("bench-sweep: \(options.seeds) seeds from \(options.firstSeed) × \(options.trials) trials; overhead over \(options.overheadTrials) trials; load average \(load)")

let all = try problems()
var ours: [String: [String: Double]] = [:]
var oursBests: [String: [Double]] = [:]
for problem in all {
    var tpe: [Double] = [], optunaSettings: [Double] = [], univariate: [Double] = [], random: [Double] = []
    for seed in options.firstSeed..<(options.firstSeed + options.seeds) {
        tpe.append(try run(TPESampler(seed: UInt64(seed)), problem, trials: options.trials).best)
        optunaSettings.append(try run(TPESampler.optuna(seed: UInt64(seed)), problem, trials: options.trials).best)
        univariate.append(try run(TPESampler(seed: UInt64(seed), multivariate: false), problem, trials: options.trials).best)
        random.append(try run(RandomSampler(seed: UInt64(seed)), problem, trials: options.trials).best)
    }
    ours[problem.name] = ["tpe": median(tpe), "tpe_optuna_settings": median(optunaSettings), "tpe_univariate": median(univariate), "random": median(random)]
    oursBests[problem.name] = tpe
}

// Overhead: one sweep of `overheadTrials` on Branin, objective at once, seconds per trial.
let branin = all[0]
var oursOverhead: [String: Double] = [:]
let timedSamplers: [(String, any SweepSampler)] = [
    ("tpe", TPESampler(seed: 0)), ("tpe_univariate", TPESampler(seed: 0, multivariate: false)), ("random", RandomSampler(seed: 0)),
]
for (name, sampler) in timedSamplers {
    // Branin costs nanoseconds, so the time is the sampler's; its values keep TPE's split realistic.
    let timed = Problem(name: name, space: branin.space, objective: branin.objective, minimum: 0)
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try run(sampler, timed, trials: options.overheadTrials)
    oursOverhead[name] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(options.overheadTrials)
}

let optuna = options.optuna ? optunaResults(options) : nil
let quality = optuna?["quality"] as? [String: [String: Double]]
let overhead = optuna?["overhead"] as? [String: Double]
let optunaBests = optuna?["bests"] as? [String: [String: [Double]]]
if let version = optuna?["optuna_version"] as? String { print("Optuna \(version)") }

print("")
print("(a) median best value (lower is better; minimum in brackets)")
print("| problem | ours TPE (multivariate, default) | Optuna TPE (default, multivariate) | ours − Optuna default | ours TPE with Optuna's settings | ours TPE (univariate) | Optuna TPE (univariate) | ours random | Optuna random |")
print("|---|---|---|---|---|---|---|---|---|")
for problem in all {
    let o = ours[problem.name] ?? [:]
    let q = quality?[problem.name] ?? [:]
    let gap = (o["tpe"] ?? .nan) - (q["tpe"] ?? .nan)
    let cells = [o["tpe"], q["tpe"], gap, o["tpe_optuna_settings"], o["tpe_univariate"], q["tpe_univariate"], o["random"], q["random"]].map { format($0 ?? .nan) }
    print("| \(problem.name) [\(problem.minimum)] | " + cells.joined(separator: " | ") + " |")
}
print("")
print("(b) sampler overhead per trial on Branin (objective returns at once), microseconds")
print("| sampler | ours | Optuna in-memory | Optuna SQLite | in-memory ÷ ours | SQLite ÷ ours |")
print("|---|---|---|---|---|---|")
for (name, key) in [("TPE (multivariate, default)", "tpe"), ("TPE (univariate)", "tpe_univariate"), ("random", "random")] {
    let mine = (oursOverhead[key] ?? .nan) * 1e6
    let memory = (overhead?["\(key)_memory"] ?? .nan) * 1e6
    let sqlite = (overhead?["\(key)_sqlite"] ?? .nan) * 1e6
    print("| \(name) | \(format(mine, 1)) | \(format(memory, 1)) | \(format(sqlite, 1)) | \(format(memory / mine, 0))× | \(format(sqlite / mine, 0))× |")
}

/// The medians of consecutive blocks of `size` values (a last, shorter block is dropped).
func blockMedians(_ xs: [Double], size: Int) -> [Double] {
    stride(from: 0, to: xs.count - size + 1, by: size).map { median(Array(xs[$0..<($0 + size)])) }
}

if options.seeds >= 20 {
    print("")
    print("(c) 10-seed medians of the TPE default over the seed blocks of 10 from --first-seed: min / median / max; blocks where ours ≤ Optuna's")
    print("| problem | ours | Optuna | blocks ours ≤ Optuna |")
    print("|---|---|---|---|")
    for problem in all {
        let mine = blockMedians(oursBests[problem.name] ?? [], size: 10)
        let theirs = blockMedians(optunaBests?[problem.name]?["tpe"] ?? [], size: 10)
        func spread(_ m: [Double]) -> String {
            m.isEmpty ? "—" : "\(format(m.min() ?? .nan)) / \(format(median(m))) / \(format(m.max() ?? .nan))"
        }
        let wins = zip(mine, theirs).filter { $0 <= $1 }.count
        print("| \(problem.name) | \(spread(mine)) | \(spread(theirs)) | \(theirs.isEmpty ? "—" : "\(wins) of \(min(mine.count, theirs.count))") |")
    }
}
