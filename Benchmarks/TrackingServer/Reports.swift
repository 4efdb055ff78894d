import Foundation

/// The client table: seconds per workload against the canned server (the client floor),
/// `runs server` and `mlflow server`; the ratio mlflow ÷ ours as the client sees it, and the
/// server-side ratio (mlflow − floor) ÷ (ours − floor): the seconds each server adds to the floor.
func printClientTable(ours: [String: Double], floor: [String: Double], theirs: [String: Double]) {
    print(String(format: "%-12@ %14@ %14@ %16@ %8@ %12@", "workload" as NSString, "client floor s" as NSString,
                 "runs server s" as NSString, "mlflow server s" as NSString, "ratio" as NSString, "server-side" as NSString))
    for key in ["log_metric", "log_batch", "create_runs", "search_runs"] {
        let a = ours[key] ?? .nan, b = theirs[key] ?? .nan, f = floor[key] ?? .nan
        print(String(format: "%-12@ %14.3f %14.3f %16.3f %7.1fx %11.1fx", key as NSString, f, a, b, b / a, (b - f) / (a - f)))
    }
}

/// The wrk table: runs/log-metric requests per second and microseconds per request with 1 and 8
/// connections, for each server, and mlflow ÷ ours.
func printWrkTable(ours: [Int: WrkResult], floor: [Int: WrkResult], theirs: [Int: WrkResult], seconds: Int) {
    print("wrk -t1 -d\(seconds)s POST runs/log-metric (requests/s; µs per request = 1e6 / requests/s with 1 connection)")
    print(String(format: "%-12@ %14@ %14@ %16@ %8@", "connections" as NSString, "canned req/s" as NSString,
                 "runs req/s" as NSString, "mlflow req/s" as NSString, "ratio" as NSString))
    for connections in [1, 8] {
        let f = floor[connections]?.requestsPerSecond ?? .nan
        let a = ours[connections]?.requestsPerSecond ?? .nan
        let b = theirs[connections]?.requestsPerSecond ?? .nan
        print(String(format: "%-12d %14.0f %14.0f %16.0f %7.1fx", connections, f, a, b, a / b))
    }
    if let f = floor[1]?.requestsPerSecond, let a = ours[1]?.requestsPerSecond {
        let b = theirs[1]?.requestsPerSecond ?? .nan
        print(String(format: "µs per request, 1 connection: canned %.0f, runs %.0f, mlflow %.0f; runs − canned = %.0f µs",
                     1e6 / f, 1e6 / a, 1e6 / b, 1e6 / a - 1e6 / f))
    }
}
