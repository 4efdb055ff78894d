import Foundation

/// What one wrk run reports.
struct WrkResult {
    var requestsPerSecond: Double
    var requests: Int
}

/// Creates a run in experiment "0" (Default) through the REST API; its id.
func createRun(_ python: String, url: String) throws -> String {
    let script = """
    import json, sys, urllib.request
    request = urllib.request.Request(sys.argv[1] + "/api/2.0/mlflow/runs/create", method="POST",
        data=json.dumps({"experiment_id": "0", "start_time": 1764900000000}).encode(), headers={"Content-Type": "application/json"})
    print(json.load(urllib.request.urlopen(request))["run"]["info"]["run_id"])
    """
    return try output(python, ["-c", script, url])
}

/// `wrk -t1 -cN -dS` POSTing runs/log-metric (log_metric.lua, a new step per request) to `url`.
/// Throws when any answer was not 2xx.
func wrkLogMetric(url: String, run: String, connections: Int, seconds: Int) throws -> WrkResult {
    let text = try output("/usr/bin/env", ["wrk", "-t1", "-c\(connections)", "-d\(seconds)s",
                                           "-s", here.appendingPathComponent("log_metric.lua").path,
                                           url + "/api/2.0/mlflow/runs/log-metric"],
                          environment: ["RUN_ID": run])
    var rate: Double?, requests: Int?, failures: Int?
    for line in text.split(separator: "\n") {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        if words.first == "Requests/sec:", words.count > 1 { rate = Double(words[1]) }
        if words.first == "REQUESTS", words.count > 1 { requests = Int(words[1]) }
        if words.first == "NON2XX", words.count > 1 { failures = Int(words[1]) }
    }
    guard let rate, let requests, let failures else { throw BenchError("cannot read wrk's report:\n\(text)") }
    guard failures == 0 else { throw BenchError("wrk got \(failures) non-2xx answers from \(url):\n\(text)") }
    return WrkResult(requestsPerSecond: rate, requests: requests)
}
