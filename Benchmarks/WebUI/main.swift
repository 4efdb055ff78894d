import Foundation
import Tracking
import TrackingWebUI

// bench-webui: server time of the web UI's runs table over a 100,000-run registry
// (issue 12: under 150 ms). Times `WebUI.respond(to:)` — the query, the count and the HTML —
// for the pages a user opens; the HTTP layer is not included. See Benchmarks/README.md.
//
//   swift run -c release bench-webui [--runs N] [--keep DIR]
//
// --keep DIR keeps (and reuses) the registry in DIR; by default it lives in a temporary folder
// and is removed at the end. Filling 100,000 runs takes ~30–60 s.

struct Options {
    var runs = 100_000
    var keep: String?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--runs": guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { throw Usage.badValue(flag) }; runs = value
            case "--keep": guard let value = rest.popFirst() else { throw Usage.badValue(flag) }; keep = value
            default: throw Usage.unknown(flag)
            }
        }
    }

    enum Usage: Error, CustomStringConvertible {
        case unknown(String), badValue(String)
        var description: String {
            switch self {
            case .unknown(let flag): return "unknown option \(flag); use --runs N and --keep DIR"
            case .badValue(let flag): return "\(flag) needs a value (--runs a positive count, --keep a folder)"
            }
        }
    }
}

/// `count` runs in experiment "bench" with 10 params and 5 metrics each (as bench-tracking's).
func fill(_ registry: Registry, count: Int) throws {
    let models = ["lstm", "arima", "prophet", "naive"]
    let batch = 1000
    for start in stride(from: 0, to: count, by: batch) {
        for index in start..<min(count, start + batch) {
            let run = try registry.createRun(RunSpec(experiment: "bench", name: "run-\(index)", seed: UInt64(index)))
            var params: [String: String] = ["model": models[index % 4], "window": String(60 + index % 5 * 60)]
            for p in 2..<10 { params["p\(p)"] = String(index % (p + 3)) }
            let mae = 0.02 + Double((index &* 2_654_435_761) % 1000) / 12_500
            try registry.logBatch(run: run, params: params, metrics: [
                MetricPoint(key: "mae_5m", value: mae * 0.8), MetricPoint(key: "mae_15m", value: mae),
                MetricPoint(key: "mae_30m", value: mae * 1.3), MetricPoint(key: "mase_15m", value: mae * 9),
                MetricPoint(key: "fit_seconds", value: Double(index % 97)),
            ], tags: ["metric": index % 2 == 0 ? "cpu" : "memory"])
            try registry.setStatus(run: run, .finished)
        }
        FileHandle.standardError.write(Data("\rfilled \(min(count, start + batch)) of \(count) runs".utf8))
    }
    FileHandle.standardError.write(Data("\n".utf8))
}

/// CPU milliseconds this thread has used (the page is rendered on the calling thread).
func threadCPUMilliseconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e3 + Double(spec.tv_nsec) / 1e6
}

/// Best and median wall milliseconds, and median CPU milliseconds, of `repeats` calls (after one
/// warm-up call). On a loaded machine wall time includes waiting for a core; CPU time does not.
func time(repeats: Int, _ body: () -> WebResponse) -> (best: Double, median: Double, cpu: Double, response: WebResponse) {
    var response = body()
    var walls: [Double] = [], cpus: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = threadCPUMilliseconds()
        response = body()
        cpus.append(threadCPUMilliseconds() - cpuStart)
        walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    walls.sort()
    cpus.sort()
    return (walls[0], walls[walls.count / 2], cpus[cpus.count / 2], response)
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let folder = options.keep.map { URL(fileURLWithPath: $0, isDirectory: true) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-webui-\(getpid())", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer {
        if options.keep == nil {
            do { try FileManager.default.removeItem(at: folder) } catch {
                FileHandle.standardError.write(Data("bench-webui: could not remove \(folder.path): \(error)\n".utf8))
            }
        }
    }
    let location = RegistryLocation(databasePath: folder.appendingPathComponent("registry.sqlite").path)
    let registry = try Registry.open(location)
    let existing = try registry.experiments().first { $0.name == "bench" }?.runs ?? 0
    if existing != options.runs {
        guard existing == 0 else { throw Options.Usage.badValue("--keep (the folder holds \(existing) runs, not \(options.runs))") }
        try fill(registry, count: options.runs)
    }
    let ui = WebUI(registry: try Registry.openForReading(location), settings: WebUISettings(token: nil, readOnly: true, csrfToken: "bench"))
    let lastPage = (options.runs + 49) / 50
    let pages: [(String, String)] = [
        ("first page, newest first", "experiment=bench"),
        ("first page, all experiments", ""),
        ("sorted by metrics.mae_15m", "experiment=bench&order=metrics.mae_15m"),
        ("filter + sort (params, tags, metric)", "experiment=bench&filter=" + FormFields.percentEncode("metrics.mae_15m < 0.05 and params.model = 'lstm' and tags.metric = 'cpu'") + "&order=metrics.mae_15m+desc"),
        ("page 1,000 (offset 49,950)", "experiment=bench&page=1000"),
        ("last page (offset \((lastPage - 1) * 50))", "experiment=bench&page=\(lastPage)"),
        ("last page sorted by metric", "experiment=bench&order=metrics.mae_15m&page=\(lastPage)"),
    ]
    var load = [0.0, 0.0, 0.0]
    _ = getloadavg(&load, 3)
    print(String(format: "bench-webui: runs table over %d runs, 50 per page; load average %.2f", options.runs, load[0]))
    print("| page | best wall ms | median wall ms | median CPU ms | HTML KiB | goal: median wall < 150 ms |")
    print("|---|---|---|---|---|---|")
    var failed = false
    for (label, query) in pages {
        let result = time(repeats: 7) { ui.respond(to: WebRequest(path: "/runs", query: query)) }
        guard result.response.status == 200, result.response.text.contains("<table id=\"runs\"") else {
            print("| \(label) | failed: status \(result.response.status) | | | | no |")
            failed = true
            continue
        }
        print(String(format: "| %@ | %.1f | %.1f | %.1f | %.0f | %@ |", label, result.best, result.median, result.cpu,
                     Double(result.response.body.count) / 1024, result.median < 150 ? "yes" : "no"))
    }
    if failed { exit(1) }
} catch {
    FileHandle.standardError.write(Data("bench-webui: \(error)\n".utf8))
    exit(1)
}
