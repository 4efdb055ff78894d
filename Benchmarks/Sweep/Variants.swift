import Foundation
import Pipeline

/// `--variant SPEC`: a TPE setting other than the default, written as comma-separated
/// `key=value` pairs over `TPESampler`'s settings: startup, candidates, prior, gamma, rank
/// (0 | 1), clip and factor (l's `ParzenBandwidth`), gclip and gfactor (g's), multivariate
/// (0 | 1; first, as it resets the others to the mode's defaults); e.g. `--variant optuna` (Optuna's defaults) or `--variant optuna,rank=1`.
/// Starts from our default; the word `optuna` resets to Optuna's.
func tpeVariant(_ spec: String, seed: UInt64) -> TPESampler {
    var sampler = TPESampler(seed: seed)
    for pair in spec.split(separator: ",") {
        if pair == "optuna" { sampler = TPESampler.optuna(seed: seed, multivariate: sampler.multivariate); continue }
        if pair == "default" { continue }
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2, let number = Double(kv[1]) else {
            print("--variant: cannot read `\(pair)`; write key=number (see Benchmarks/Sweep/Variants.swift)")
            exit(2)
        }
        switch kv[0] {
        case "startup": sampler.startupTrials = Int(number)
        case "candidates": sampler.candidates = Int(number)
        case "prior": sampler.priorWeight = number
        case "gamma": sampler.gammaFraction = number
        case "rank": sampler.rankWeighting = number != 0
        case "clip": sampler.belowBandwidth.clipScale = number
        case "factor": sampler.belowBandwidth.factor = number
        case "gclip": sampler.aboveBandwidth.clipScale = number
        case "gfactor": sampler.aboveBandwidth.factor = number
        case "multivariate": sampler = TPESampler(seed: seed, multivariate: number != 0) // the mode's defaults: write it first
        default:
            print("--variant: unknown key `\(kv[0])` (see Benchmarks/Sweep/Variants.swift)")
            exit(2)
        }
    }
    return sampler
}

/// For each variant, the median best value per problem over seeds
/// `firstSeed ..< firstSeed + seeds`, and how many 10-seed blocks of them have a median at
/// or below `bar[problem]` (a fixed number to beat, e.g. Optuna's 10-seed median).
func variantReport(_ variants: [String], _ options: Options, bar: [String: Double]) throws {
    let all = try problems()
    print("variants: seeds \(options.firstSeed)–\(options.firstSeed + options.seeds - 1) × \(options.trials) trials; median best (10-seed blocks ≤ bar) [quartiles]")
    print("| variant | " + all.map { "\($0.name) (bar \(format(bar[$0.name] ?? .nan)))" }.joined(separator: " | ") + " |")
    print("|---|" + all.map { _ in "---|" }.joined())
    for spec in variants {
        var cells: [String] = []
        for problem in all {
            let bests = try (0..<options.seeds).map { i in
                try run(tpeVariant(spec, seed: UInt64(options.firstSeed + i)), problem, trials: options.trials).best
            }
            let blocks = blockMedians(bests, size: 10)
            let wins = blocks.filter { $0 <= bar[problem.name] ?? .nan }.count
            let sorted = bests.sorted()
            let quartiles = "\(format(sorted[sorted.count / 4])) / \(format(sorted[3 * sorted.count / 4]))"
            cells.append("\(format(median(bests))) (\(wins)/\(blocks.count)) [\(quartiles)]")
        }
        print("| \(spec) | " + cells.joined(separator: " | ") + " |")
    }
}
