import Foundation
import Synchronization

/// Where the time of the server's JSON calls goes, kept when `runs server --timing` is given
/// (docs/formats/mlflow-rest.md, "Timing"). Each answered call is cut at seven moments of a
/// monotonic clock (nanoseconds); the six phases between them and the total are counted per
/// route ("POST runs/log-metric") in a `LatencyHistogram` each:
///
/// | phase | from → to |
/// | --- | --- |
/// | `body` | route handler entered → request body collected (on the request's task) |
/// | `queue` | handed to the registry pool → running on a pool thread (thread hop and queue wait) |
/// | `parse` | → the JSON body and query parsed into an `MLflowRequest` |
/// | `handler` | → the endpoint returned: registry reads and writes, SQLite statements and commit |
/// | `encode` | → the answer encoded as JSON |
/// | `resume` | pool work done → the request's task running again (thread hop back) |
/// | `total` | route handler entered → answer handed back to Hummingbird |
///
/// Not in any phase: NIO and Hummingbird reading and parsing the HTTP request before the route's
/// handler runs, and writing the answer after it returns. Calls that fail are not counted.
final class CallTimings: Sendable {
    enum Phase: String, CaseIterable, Sendable {
        case body, queue, parse, handler, encode, resume, total
    }

    /// The moments of one call, in the order of the phases: entered, collected, started, parsed,
    /// handled, encoded, resumed (7 values, nanoseconds).
    struct Moments: Sendable {
        var values: [UInt64] = []
        mutating func mark(_ now: UInt64) { values.append(now) }

        /// Each phase's duration in nanoseconds (`Phase.allCases` order); nil unless all 7 moments are marked.
        var durations: [UInt64]? {
            guard values.count == 7 else { return nil }
            let steps = (1..<7).map { values[$0] &- values[$0 - 1] }
            return steps + [values[6] &- values[0]]
        }
    }

    /// Nanoseconds of a monotonic clock (tests pass their own).
    let now: @Sendable () -> UInt64
    private let histograms = Mutex<[String: [LatencyHistogram]]>([:])

    static let monotonicNanoseconds: @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }

    init(now: @escaping @Sendable () -> UInt64 = CallTimings.monotonicNanoseconds) {
        self.now = now
    }

    /// Counts one call of `route`; a call without all its moments is ignored.
    func record(route: String, _ moments: Moments) {
        guard let durations = moments.durations else { return }
        histograms.withLock { all in
            // In place: the dictionary's arrays are not copied per call.
            for (index, duration) in durations.enumerated() {
                all[route, default: Array(repeating: LatencyHistogram(), count: Phase.allCases.count)][index].record(duration)
            }
        }
    }

    /// Forgets every call counted so far.
    func reset() { histograms.withLock { $0.removeAll() } }

    /// `Server-Timing` header value of one call: each phase's duration in milliseconds,
    /// `body;dur=0.004, queue;dur=0.031, …` (the W3C Server Timing syntax).
    static func serverTimingHeader(_ moments: Moments) -> String? {
        guard let durations = moments.durations else { return nil }
        return zip(Phase.allCases, durations).map { phase, nanoseconds in
            "\(phase.rawValue);dur=\(milliseconds(nanoseconds))"
        }.joined(separator: ", ")
    }

    /// Nanoseconds as milliseconds with three decimals, rounded ("0.120"), without `String(format:)`
    /// (which costs microseconds per call on Linux).
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let microseconds = (nanoseconds + 500) / 1000
        let fraction = String(microseconds % 1000)
        return "\(microseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// What `GET /debug/timing` answers: per route its call count and, per phase, the mean,
    /// median, 90th and 99th percentile in microseconds (percentiles within 9%: `LatencyHistogram`).
    ///
    ///     {"routes": [{"route": "POST runs/log-metric", "calls": 1000,
    ///                  "phases": {"body": {"mean_us": 3.1, "p50_us": 2.8, "p90_us": 4.6, "p99_us": 9.2}, …}}, …]}
    func report() -> [String: Any] {
        let snapshot = histograms.withLock { $0 }
        let routes = snapshot.sorted { $0.key < $1.key }.map { route, phases -> [String: Any] in
            var byPhase: [String: Any] = [:]
            for (phase, histogram) in zip(Phase.allCases, phases) {
                byPhase[phase.rawValue] = [
                    "mean_us": histogram.meanNanoseconds / 1000, "p50_us": histogram.quantileNanoseconds(0.5) / 1000,
                    "p90_us": histogram.quantileNanoseconds(0.9) / 1000, "p99_us": histogram.quantileNanoseconds(0.99) / 1000,
                ]
            }
            return ["route": route, "calls": phases.first?.count ?? 0, "phases": byPhase]
        }
        return ["routes": routes]
    }
}
