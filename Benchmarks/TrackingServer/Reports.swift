import Foundation

/// The client table: seconds per workload against the canned server (the client floor),
/// `runs server` and `mlflow server`; the ratio mlflow ÷ ours as the client sees it, and the
/// server-side ratio (mlflow − floor) ÷ (ours − floor): the seconds each server adds to the floor.
/// With `before` (another `runs` binary) its seconds and both ratios for it follow.
func printClientTable(ours: [String: Double], floor: [String: Double], theirs: [String: Double], before: [String: Double]?) {
    var header = String(format: "%-12@ %14@ %14@ %16@ %8@ %12@", "workload" as NSString, "client floor s" as NSString,
                        "runs server s" as NSString, "mlflow server s" as NSString, "ratio" as NSString, "server-side" as NSString)
    if before != nil {
        header += String(format: " %14@ %13@ %19@", "runs before s" as NSString, "ratio before" as NSString, "server-side before" as NSString)
    }
    print(header)
    for key in ["log_metric", "log_batch", "create_runs", "search_runs"] where ours[key] != nil {
        let a = ours[key] ?? .nan, b = theirs[key] ?? .nan, f = floor[key] ?? .nan
        var line = String(format: "%-12@ %14.3f %14.3f %16.3f %7.1fx %11.1fx", key as NSString, f, a, b, b / a, (b - f) / (a - f))
        if let before {
            let old = before[key] ?? .nan
            line += String(format: " %14.3f %12.1fx %18.1fx", old, b / old, (b - f) / (old - f))
        }
        print(line)
    }
}

/// The wrk table: runs/log-metric requests per second and microseconds per request with 1 and 8
/// connections, for each server, and mlflow ÷ ours (and `before`'s requests per second when given).
func printWrkTable(ours: [Int: Double], floor: [Int: Double], theirs: [Int: Double], before: [Int: Double]?, seconds: Int) {
    print("wrk -t1 -d\(seconds)s POST runs/log-metric (requests/s; µs per request = 1e6 / requests/s with 1 connection)")
    print(String(format: "%-12@ %14@ %14@ %16@ %8@", "connections" as NSString, "canned req/s" as NSString,
                 "runs req/s" as NSString, "mlflow req/s" as NSString, "ratio" as NSString)
          + (before == nil ? "" : String(format: " %17@", "runs before req/s" as NSString)))
    for connections in [1, 8] {
        let f = floor[connections] ?? .nan
        let a = ours[connections] ?? .nan
        let b = theirs[connections] ?? .nan
        print(String(format: "%-12d %14.0f %14.0f %16.0f %7.1fx", connections, f, a, b, a / b)
              + (before.map { String(format: " %17.0f", $0[connections] ?? .nan) } ?? ""))
    }
    if let f = floor[1], let a = ours[1] {
        let b = theirs[1] ?? .nan
        var line = String(format: "µs per request, 1 connection: canned %.0f, runs %.0f, mlflow %.0f; runs − canned = %.0f µs",
                          1e6 / f, 1e6 / a, 1e6 / b, 1e6 / a - 1e6 / f)
        if let old = before?[1] { line += String(format: "; runs before %.0f (− canned = %.0f µs)", 1e6 / old, 1e6 / old - 1e6 / f) }
        print(line)
    }
}
