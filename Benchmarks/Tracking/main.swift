import Foundation
import Tracking

// Tracking benchmarks against MLflow 3.17 (SQLite backend), figures from ../shared/docs/TARGETS.md §3.
// Run: swift build -c release --product runs && swift run -c release bench-tracking [--quick]
// (--quick skips the 100,000-run search, whose registry takes minutes to fill)
// (the cold-CLI line needs the release `runs` binary beside this one; it is skipped otherwise).

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tracking-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer {
    do { try FileManager.default.removeItem(at: folder) } catch { print("could not remove \(folder.path): \(error)") }
}
let scenarios = Scenarios(folder: folder)
if CommandLine.arguments.contains("--profile-create") {
    try Scenarios.createRuns(try scenarios.freshRegistry("profile"), count: 3000)
    exit(0)
}
var results: [BenchmarkResult] = []
var loadAverage = [Double](repeating: 0, count: 3)
getloadavg(&loadAverage, 3)
print(String(format: "load average at start: %.2f %.2f %.2f on %d cores", loadAverage[0], loadAverage[1], loadAverage[2],
             ProcessInfo.processInfo.activeProcessorCount))

results.append(BenchmarkResult(operation: "1,000 single metric logs (each committed)", timing: try scenarios.singleLogs(),
                               mlflowSeconds: 3.2, goal: .ratio(50)))
let sustained = try scenarios.singleLogs(count: 10_000)
results.append(BenchmarkResult(operation: "  sustained: 10,000 single logs, per 1,000", timing: Timing(wall: sustained.wall / 10, cpu: sustained.cpu / 10),
                               mlflowSeconds: 3.2, goal: .ratio(50)))
results.append(BenchmarkResult(operation: "10,000 points, 10 logBatch calls of 1,000", timing: try scenarios.batchLogs(calls: 10),
                               mlflowSeconds: 1.0, goal: .ratio(30)))
results.append(BenchmarkResult(operation: "10,000 points, one logBatch call", timing: try scenarios.batchLogs(calls: 1),
                               mlflowSeconds: 1.0, goal: .ratio(30)))
results.append(BenchmarkResult(operation: "create 1,000 runs (10 params, 5 metrics)", timing: try scenarios.runCreation(),
                               mlflowSeconds: 16.6, goal: .ratio(50)))

let small = try scenarios.freshRegistry("search-1k")
try Scenarios.createRuns(small, count: 1000)
let smallSearch = try scenarios.search(small)
results.append(BenchmarkResult(operation: "search 1,000 runs, filter + order (\(smallSearch.matches) hits)", timing: smallSearch.timing,
                               mlflowSeconds: 0.042, goal: .none))
results.append(BenchmarkResult(operation: "register a version + set alias", timing: try scenarios.registration(small),
                               mlflowSeconds: 0.018, goal: .none))

results.append(BenchmarkResult(operation: "read a 100,000-point metric history", timing: try scenarios.longHistory(),
                               mlflowSeconds: nil, goal: .none))

let besideMe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("runs")
if FileManager.default.isExecutableFile(atPath: besideMe.path) {
    let path = folder.appendingPathComponent("search-1k/registry.sqlite").path
    results.append(BenchmarkResult(operation: "cold `runs list` process, 1,000 runs", timing: try scenarios.coldList(path: path, runs: besideMe),
                                   mlflowSeconds: 3.9, goal: .ratio(50)))
} else {
    print("skipping the cold CLI: no `runs` binary beside this benchmark; build it with `swift build -c release --product runs`")
}

if CommandLine.arguments.contains("--quick") {
    printReport(results)
    exit(0)
}
print("filling a registry with 100,000 runs…")
let large = try scenarios.freshRegistry("search-100k")
let fillStart = Date()
try Scenarios.createRuns(large, count: 100_000)
print(String(format: "  filled in %.1f s", Date().timeIntervalSince(fillStart)))
let largeSearch = try scenarios.search(large)
results.append(BenchmarkResult(operation: "search 100,000 runs, filter + order (\(largeSearch.matches) hits)", timing: largeSearch.timing,
                               mlflowSeconds: nil, goal: .under(0.1)))

print("")
print("filter: \(Scenarios.searchFilter), order by metrics.mae_15m, limit 1000")
printReport(results)
