import Foundation
import Tracking

/// The operations of TARGETS.md §3, each on a fresh registry file in `folder`.
struct Scenarios {
    let folder: URL

    func freshRegistry(_ name: String) throws -> Registry {
        let path = folder.appendingPathComponent(name).appendingPathComponent("registry.sqlite").path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: directory.path) { try FileManager.default.removeItem(at: directory) }
        return try Registry.open(RegistryLocation(databasePath: path))
    }

    /// 1,000 `logMetric` calls, each its own committed WAL transaction (durable against a
    /// process crash when the call returns).
    /// `count` above 1,000 also includes WAL checkpoints (every 10,000 pages).
    func singleLogs(count: Int = 1000) throws -> Timing {
        try measure(repeats: count > 1000 ? 1 : 5, setup: {
            let registry = try freshRegistry("single")
            return (registry, try registry.createRun(RunSpec(experiment: "bench")))
        }) { registry, run in
            for step in 0..<count { try registry.logMetric(run: run, key: "loss", value: Double(step) * 0.001, step: Int64(step)) }
        }
    }

    /// 10,000 points through `logBatch`, in `calls` calls.
    func batchLogs(calls: Int) throws -> Timing {
        try measure(repeats: 5, setup: {
            let registry = try freshRegistry("batch")
            return (registry, try registry.createRun(RunSpec(experiment: "bench")))
        }) { registry, run in
            let perCall = 10_000 / calls
            for call in 0..<calls {
                let points = (0..<perCall).map { i in
                    MetricPoint(key: "m\(i % 10)", value: Double(call * perCall + i), step: Int64(call * perCall + i))
                }
                try registry.logBatch(run: run, params: [:], metrics: points, tags: [:])
            }
        }
    }

    /// Creates `count` runs, each with 10 params and 5 metrics (MLflow: create_run + log_batch).
    static func createRuns(_ registry: Registry, count: Int, offset: Int = 0) throws {
        let models = ["lstm", "arima", "prophet", "naive"]
        for index in offset..<(offset + count) {
            let run = try registry.createRun(RunSpec(experiment: "bench", name: "run-\(index)", seed: UInt64(index)))
            var params: [String: String] = ["model": models[index % 4], "window": String(60 + index % 5 * 60)]
            for p in 2..<10 { params["p\(p)"] = String(index % (p + 3)) }
            // A deterministic spread of errors in [0.02, 0.1).
            let mae = 0.02 + Double((index &* 2_654_435_761) % 1000) / 12_500
            let metrics = [MetricPoint(key: "mae_5m", value: mae * 0.8), MetricPoint(key: "mae_15m", value: mae),
                           MetricPoint(key: "mae_30m", value: mae * 1.3), MetricPoint(key: "mase_15m", value: mae * 9),
                           MetricPoint(key: "fit_seconds", value: Double(index % 97))]
            try registry.logBatch(run: run, params: params, metrics: metrics, tags: ["metric": index % 2 == 0 ? "cpu" : "memory"])
            try registry.setStatus(run: run, .finished)
        }
    }

    func runCreation() throws -> Timing {
        try measure(repeats: 5, setup: { try freshRegistry("create") }) { registry in
            try Self.createRuns(registry, count: 1000)
        }
    }

    static let searchFilter = "metrics.mae_15m < 0.05 and params.model = 'lstm' and tags.metric = 'cpu'"

    /// Filtered, ordered search returning up to 1,000 runs (MLflow's search_runs page size).
    func search(_ registry: Registry) throws -> (timing: Timing, matches: Int) {
        var matches = 0
        let timing = try measure(repeats: 5, setup: { () }) { _ in
            matches = try registry.searchRuns(RunSearch(filter: Self.searchFilter, orderBy: "metrics.mae_15m", limit: 1000)).runs.count
        }
        return (timing, matches)
    }

    /// Reads back a 100,000-point metric history (logged in batches of 10,000, untimed).
    func longHistory() throws -> Timing {
        let registry = try freshRegistry("history")
        let run = try registry.createRun(RunSpec(experiment: "bench"))
        for chunk in 0..<10 {
            let points = (0..<10_000).map { i in MetricPoint(key: "loss", value: 1 / Double(chunk * 10_000 + i + 1), step: Int64(chunk * 10_000 + i)) }
            try registry.logBatch(run: run, params: [:], metrics: points, tags: [:])
        }
        return try measure(repeats: 3, setup: { () }) { _ in
            let count = try registry.history(run, metric: "loss").points.count
            guard count == 100_000 else { throw BenchmarkFailure(message: "history returned \(count) points instead of 100,000") }
        }
    }

    func registration(_ registry: Registry) throws -> Timing {
        let run = try registry.createRun(RunSpec(experiment: "bench", name: "to-promote"))
        _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("{}".utf8))
        return try measure(repeats: 5, setup: { () }) { _ in
            _ = try registry.promote(run: run, model: "bench", artifact: nil, alias: "production", reason: "benchmark")
        }
    }

    /// A fresh `runs list` process over the registry at `path` (median wall time of 5).
    func coldList(path: String, runs: URL) throws -> Timing {
        var times: [Timing] = []
        for _ in 0..<5 {
            let process = Process()
            process.executableURL = runs
            process.arguments = ["list", "--db", path, "--experiment", "bench"]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            let cpuStart = cpuSeconds(children: true)
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            times.append(Timing(wall: wall, cpu: cpuSeconds(children: true) - cpuStart))
            guard process.terminationStatus == 0 else {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw BenchmarkFailure(message: "`runs list` exited with status \(process.terminationStatus): \(message)")
            }
        }
        return times.sorted { $0.wall < $1.wall }[times.count / 2]
    }
}

/// A benchmark that could not measure what it meant to, and why.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
