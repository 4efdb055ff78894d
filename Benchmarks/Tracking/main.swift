import Foundation
import Tracking

// Tracking benchmarks against MLflow 3.17 (SQLite backend), figures from ../shared/docs/TARGETS.md §3.
// Run: swift build -c release --product runs && swift run -c release bench-tracking
// (the cold-CLI line needs the release `runs` binary beside this one; it is skipped otherwise).

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tracking-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer {
    do { try FileManager.default.removeItem(at: folder) } catch { print("could not remove \(folder.path): \(error)") }
}
let scenarios = Scenarios(folder: folder)
var results: [BenchmarkResult] = []

results.append(BenchmarkResult(operation: "1,000 single metric logs (each committed)", seconds: try scenarios.singleLogs(),
                               mlflowSeconds: 3.2, goal: .ratio(50)))
results.append(BenchmarkResult(operation: "10,000 points, 10 logBatch calls of 1,000", seconds: try scenarios.batchLogs(calls: 10),
                               mlflowSeconds: 1.0, goal: .ratio(30)))
results.append(BenchmarkResult(operation: "10,000 points, one logBatch call", seconds: try scenarios.batchLogs(calls: 1),
                               mlflowSeconds: 1.0, goal: .ratio(30)))
results.append(BenchmarkResult(operation: "create 1,000 runs (10 params, 5 metrics)", seconds: try scenarios.runCreation(),
                               mlflowSeconds: 16.6, goal: .ratio(50)))

let small = try scenarios.freshRegistry("search-1k")
try Scenarios.createRuns(small, count: 1000)
let smallSearch = try scenarios.search(small)
results.append(BenchmarkResult(operation: "search 1,000 runs, filter + order (\(smallSearch.matches) hits)", seconds: smallSearch.seconds,
                               mlflowSeconds: 0.042, goal: .none))
results.append(BenchmarkResult(operation: "register a version + set alias", seconds: try scenarios.registration(small),
                               mlflowSeconds: 0.018, goal: .none))

let besideMe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("runs")
if FileManager.default.isExecutableFile(atPath: besideMe.path) {
    let path = folder.appendingPathComponent("search-1k/registry.sqlite").path
    results.append(BenchmarkResult(operation: "cold `runs list` process, 1,000 runs", seconds: try scenarios.coldList(path: path, runs: besideMe),
                                   mlflowSeconds: 3.9, goal: .ratio(50)))
} else {
    print("skipping the cold CLI: no `runs` binary beside this benchmark; build it with `swift build -c release --product runs`")
}

print("filling a registry with 100,000 runs (about a minute)…")
let large = try scenarios.freshRegistry("search-100k")
let fillStart = Date()
try Scenarios.createRuns(large, count: 100_000)
print(String(format: "  filled in %.1f s", Date().timeIntervalSince(fillStart)))
let largeSearch = try scenarios.search(large)
results.append(BenchmarkResult(operation: "search 100,000 runs, filter + order (\(largeSearch.matches) hits)", seconds: largeSearch.seconds,
                               mlflowSeconds: nil, goal: .under(0.1)))

print("")
print("filter: \(Scenarios.searchFilter), order by metrics.mae_15m, limit 1000")
printReport(results)
