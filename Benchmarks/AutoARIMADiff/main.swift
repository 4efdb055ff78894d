import Foundation
import Forecasting
import Kernels
import Series
import TestSupport

// bench-autoarima-diff: our AutoARIMA against statsforecast's ndiffs, nsdiffs and auto_arima
// on the generated series of Tests/ForecastingTests/Reference/autoarima_differential_full.json
// (make_autoarima_differential.py; same options on both sides: season length 1, stepwise,
// AICc, 94 models, CSS search for n > 150). Run from the package root:
//   swift build -c release --product bench-autoarima-diff && .build/release/bench-autoarima-diff
// Flags: --fixture PATH (default the full set; the CI set is autoarima_differential_ci.json),
// --limit N (first N cases), --json (one JSON document instead of the text report).
// Prints agreement rates (ndiffs, nsdiffs, d, final order), the AICc excess ours −
// statsforecast's, every disagreement with where the two searches parted, and CPU seconds.

struct Options {
    var fixture = "Tests/ForecastingTests/Reference/autoarima_differential_full.json"
    var limit = Int.max
    var json = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--fixture": fixture = try value(flag, &rest)
            case "--limit": limit = try Int(value(flag, &rest)).map { max(0, $0) } ?? { throw UsageError(text: "--limit takes a whole number") }()
            case "--json": json = true
            case "--help", "-h": throw UsageError(text: "usage: bench-autoarima-diff [--fixture PATH] [--limit N] [--json]")
            default: throw UsageError(text: "unknown argument \(flag); usage: bench-autoarima-diff [--fixture PATH] [--limit N] [--json]")
            }
        }
    }

    private func value(_ flag: String, _ rest: inout ArraySlice<String>) throws -> String {
        guard let v = rest.popFirst() else { throw UsageError(text: "\(flag) needs a value") }
        return v
    }
}

struct UsageError: Error, CustomStringConvertible { var text: String; var description: String { text } }

func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func outcome(_ c: AutoARIMADifferentialFixture.Case, nsdiffsPeriod: Int) throws -> (AutoARIMADifferentialOutcome, Double) {
    let x = try DifferentialSeries.generate(seed: c.seed, kind: c.kind, length: c.length)
    if let drift = DifferentialSeries.checksumMismatch(x, sum: c.sum, sumSquares: c.sum_squares) { throw UsageError(text: "seed \(c.seed): \(drift)") }
    let started = cpuSeconds()
    let (model, trail) = try AutoARIMA().fitTraced(series: RegularSeries(name: "\(c.seed)", start: 0, interval: 300, values: x))
    let seconds = cpuSeconds() - started
    let spec = model.specification
    let result = AutoARIMADifferentialOutcome(
        reference: c, ndiffs: KPSSTest.differencesNeeded(x), nsdiffs: SeasonalStrength.differencesNeeded(x, period: nsdiffsPeriod),
        order: [spec.order.p, spec.order.d, spec.order.q], constant: spec.includeConstant, aicc: model.summary.aicc,
        trail: trail.map {
            AutoARIMATrailStep(p: $0.specification.order.p, d: $0.specification.order.d, q: $0.specification.order.q,
                               constant: $0.specification.includeConstant, fit: $0.fit.rawValue, aicc: $0.aicc.isFinite ? $0.aicc : nil)
        })
    return (result, seconds)
}

func main() throws {
    BLAS.useSingleThread()
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let fixture = try AutoARIMADifferentialFixture.load(URL(fileURLWithPath: options.fixture))
    let cases = Array(fixture.cases.prefix(options.limit))
    let terminal = isatty(STDOUT_FILENO) == 1
    var outcomes: [AutoARIMADifferentialOutcome] = []
    var ours = 0.0
    for (i, c) in cases.enumerated() {
        if terminal { FileHandle.standardError.write("\r\(i + 1)/\(cases.count) \(c.kind) n=\(c.length)     ".data(using: .utf8)!) }
        let (o, seconds) = try outcome(c, nsdiffsPeriod: fixture.nsdiffs_period)
        outcomes.append(o)
        ours += seconds
    }
    if terminal { FileHandle.standardError.write("\n".data(using: .utf8)!) }
    let theirs = cases.reduce(0) { $0 + $1.cpu_seconds }
    let n = Double(max(outcomes.count, 1))
    func share(_ f: (AutoARIMADifferentialOutcome) -> Bool) -> Double { Double(outcomes.filter(f).count) / n }
    let excess = outcomes.map(\.aiccExcess)
    let disagreements = outcomes.filter { !$0.sameOrder || $0.aiccExcess > 1 }

    if options.json {
        let rows: [[String: Any]] = disagreements.map { o in
            ["seed": o.reference.seed, "kind": o.reference.kind, "length": o.reference.length,
             "ours": o.describe(o.order, o.constant), "statsforecast": o.describe(o.reference.order, o.reference.constant),
             "aicc_excess": o.aiccExcess, "reason": o.divergence]
        }
        let document: [String: Any] = [
            "series": outcomes.count, "statsforecast": fixture.statsforecast,
            "agreement": ["ndiffs": share(\.sameNdiffs), "nsdiffs": share(\.sameNsdiffs), "d": share(\.sameD), "order": share(\.sameOrder)],
            "aicc_excess": ["max": excess.max() ?? 0, "over_1": excess.filter { $0 > 1 }.count, "below_minus_1": excess.filter { $0 < -1 }.count],
            "cpu_seconds": ["ours": ours, "statsforecast": theirs],
            "disagreements": rows,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
        return
    }
    print("bench-autoarima-diff: \(outcomes.count) series from \(options.fixture) (statsforecast \(fixture.statsforecast))")
    print(String(format: "agreement: ndiffs %.1f %%, nsdiffs (period %d) %.1f %%, d %.1f %%, final order %.1f %%",
                 100 * share(\.sameNdiffs), fixture.nsdiffs_period, 100 * share(\.sameNsdiffs), 100 * share(\.sameD), 100 * share(\.sameOrder)))
    print(String(format: "AICc ours − statsforecast: max %+.3f, > +1 on %d, < −1 (ours better) on %d, |·| ≤ 0.01 on %d",
                 excess.max() ?? 0, excess.filter { $0 > 1 }.count, excess.filter { $0 < -1 }.count, excess.filter { abs($0) <= 0.01 }.count))
    print(String(format: "CPU seconds: ours %.1f, statsforecast %.1f (ratio %.1f×)", ours, theirs, ours > 0 ? theirs / ours : 0))
    for kind in DifferentialSeries.kinds {
        let k = outcomes.filter { $0.reference.kind == kind }
        guard !k.isEmpty else { continue }
        print("  \(kind): \(k.filter(\.sameOrder).count)/\(k.count) same order")
    }
    if !disagreements.isEmpty { print("\ndisagreements:") }
    for o in disagreements {
        print("\(o.label): ours \(o.describe(o.order, o.constant)) AICc \(String(format: "%.2f", o.aicc)), "
            + "statsforecast \(o.describe(o.reference.order, o.reference.constant)) AICc \(String(format: "%.2f", o.reference.aicc)) "
            + "(excess \(String(format: "%+.2f", o.aiccExcess)))\n    \(o.divergence)")
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write("bench-autoarima-diff: \(error)\n".data(using: .utf8)!)
    exit(1)
}
