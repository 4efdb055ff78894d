import Foundation

/// One route of `runs server --timing`'s report: its calls and each phase's median and mean
/// microseconds (docs/formats/mlflow-rest.md, "Timing").
struct TimedRoute {
    var route: String
    var calls: Int
    /// phase → (p50, mean) in µs.
    var phases: [String: (median: Double, mean: Double)]
}

/// The phases in the order a call goes through them.
let timingPhases = ["body", "queue", "parse", "handler", "encode", "resume", "total"]

/// Reads `GET /debug/timing` of the server at `url`, then resets it (`DELETE`), with the venv's Python.
func takeTiming(_ python: String, url: String) throws -> [TimedRoute] {
    let script = """
    import sys, urllib.request
    url = sys.argv[1] + "/debug/timing"
    print(urllib.request.urlopen(url).read().decode())
    urllib.request.urlopen(urllib.request.Request(url, method="DELETE")).read()
    """
    let text = try output(python, ["-c", script, url])
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
          let routes = object["routes"] as? [[String: Any]] else { throw BenchError("unexpected /debug/timing answer: \(text)") }
    return try routes.map { route in
        guard let name = route["route"] as? String, let calls = route["calls"] as? Int,
              let phases = route["phases"] as? [String: [String: Any]] else { throw BenchError("unexpected route in /debug/timing: \(route)") }
        var values: [String: (median: Double, mean: Double)] = [:]
        for (phase, numbers) in phases {
            values[phase] = ((numbers["p50_us"] as? Double) ?? .nan, (numbers["mean_us"] as? Double) ?? .nan)
        }
        return TimedRoute(route: name, calls: calls, phases: values)
    }
}

/// Median µs of each phase per route (mean of `total` in the last column).
func printTimingTable(phase: String, _ routes: [TimedRoute]) {
    print("inside runs server during \(phase): median µs per call by phase (route handler entered → answer returned)")
    let header = ["route", "calls"] + timingPhases + ["mean total"]
    print(String(format: "%-34@ %6@", header[0] as NSString, header[1] as NSString)
          + header.dropFirst(2).map { String(format: " %9@", $0 as NSString) }.joined())
    for route in routes {
        let cells = timingPhases.map { String(format: " %9.1f", route.phases[$0]?.median ?? .nan) }.joined()
        print(String(format: "%-34@ %6d", route.route as NSString, route.calls) + cells
              + String(format: " %9.1f", route.phases["total"]?.mean ?? .nan))
    }
}

/// The smallest value (nil when empty): for seconds, the round least disturbed by other work.
func best(_ values: [Double]) -> Double? { values.min() }

/// The median (nil when empty).
func median(_ values: [Double]) -> Double? {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return nil }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Per key, `pick` of the values the rounds measured (keys missing in a round are skipped).
func pickEach(_ rounds: [[String: Double]], _ pick: ([Double]) -> Double?) -> [String: Double] {
    var result: [String: Double] = [:]
    for key in Set(rounds.flatMap(\.keys)) { result[key] = pick(rounds.compactMap { $0[key] }) }
    return result
}
