import Foundation

/// Wall-clock seconds of `body`, best (minimum) of `repeats` fresh runs: the least disturbed
/// run on a shared machine. `setup` prepares untimed state for each repeat.
func measure<State>(repeats: Int, setup: () throws -> State, _ body: (State) throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<repeats {
        let state = try setup()
        let start = DispatchTime.now().uptimeNanoseconds
        try body(state)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
    }
    return best
}

/// One line of the report: our time, MLflow's (TARGETS.md §3) and the ratio against the goal.
struct BenchmarkResult {
    var operation: String
    var seconds: Double
    /// MLflow 3.17's figure from ../shared/docs/TARGETS.md §3, if it measured this operation.
    var mlflowSeconds: Double?
    /// Required speed-up over MLflow, or an absolute limit in seconds.
    var goal: Goal

    enum Goal {
        case ratio(Double)
        case under(Double)
        case none
    }

    var ratio: Double? { mlflowSeconds.map { $0 / seconds } }

    var meetsGoal: Bool? {
        switch goal {
        case .ratio(let needed): return ratio.map { $0 >= needed }
        case .under(let limit): return seconds < limit
        case .none: return nil
        }
    }

    var goalText: String {
        switch goal {
        case .ratio(let needed): return "≥ \(Int(needed))×"
        case .under(let limit): return "< \(Int(limit * 1000)) ms"
        case .none: return "—"
        }
    }
}

func printReport(_ results: [BenchmarkResult]) {
    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
    let width = results.map(\.operation.count).max() ?? 10
    print(pad("operation", width) + "  " + pad("ours s", 10, right: true) + "  " + pad("MLflow s", 9, right: true)
          + "  " + pad("ratio", 8, right: true) + "  " + pad("goal", 9) + "  met")
    for r in results {
        let ratio = r.ratio.map { String(format: "%.0f×", $0) } ?? "—"
        let met = r.meetsGoal.map { $0 ? "yes" : "NO" } ?? "—"
        print(pad(r.operation, width) + "  " + pad(String(format: "%.4f", r.seconds), 10, right: true) + "  "
              + pad(r.mlflowSeconds.map { String(format: "%.3f", $0) } ?? "—", 9, right: true) + "  "
              + pad(ratio, 8, right: true) + "  " + pad(r.goalText, 9) + "  " + met)
    }
}
