import Foundation

/// Wall-clock and CPU (user + system) seconds of one operation.
struct Timing {
    var wall: Double
    var cpu: Double
}

/// CPU seconds (user + system) used so far by this process, or by its waited-for children.
func cpuSeconds(children: Bool = false) -> Double {
    var usage = rusage()
    getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Times `body`, best (minimum wall time) of `repeats` fresh runs: the least disturbed run on a
/// shared machine. `setup` prepares untimed state for each repeat.
func measure<State>(repeats: Int, setup: () throws -> State, _ body: (State) throws -> Void) rethrows -> Timing {
    var best = Timing(wall: .infinity, cpu: .infinity)
    for _ in 0..<repeats {
        let state = try setup()
        let cpuStart = cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        try body(state)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = cpuSeconds() - cpuStart
        if wall < best.wall { best = Timing(wall: wall, cpu: cpu) }
    }
    return best
}

/// One line of the report: our time, MLflow's (TARGETS.md §3) and the ratio against the goal.
struct BenchmarkResult {
    var operation: String
    var timing: Timing
    var seconds: Double { timing.wall }
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
    /// The ratio had this process had a core to itself (MLflow's seconds over our CPU seconds).
    var cpuRatio: Double? { mlflowSeconds.map { $0 / max(timing.cpu, 1e-6) } }

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
    print(pad("operation", width) + "  " + pad("wall s", 8, right: true) + "  " + pad("CPU s", 8, right: true) + "  "
          + pad("MLflow s", 8, right: true) + "  " + pad("ratio", 6, right: true) + "  " + pad("CPU ratio", 9, right: true)
          + "  " + pad("goal", 9) + "  met")
    for r in results {
        let ratio = r.ratio.map { String(format: "%.0f×", $0) } ?? "—"
        let met = r.meetsGoal.map { $0 ? "yes" : "NO" } ?? "—"
        let cpuRatio = r.cpuRatio.map { String(format: "%.0f×", $0) } ?? "—"
        print(pad(r.operation, width) + "  " + pad(String(format: "%.4f", r.seconds), 8, right: true) + "  "
              + pad(String(format: "%.4f", r.timing.cpu), 8, right: true) + "  "
              + pad(r.mlflowSeconds.map { String(format: "%.3f", $0) } ?? "—", 8, right: true) + "  "
              + pad(ratio, 6, right: true) + "  " + pad(cpuRatio, 9, right: true) + "  " + pad(r.goalText, 9) + "  " + met)
    }
}
