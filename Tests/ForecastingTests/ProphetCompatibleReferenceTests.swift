import Foundation
@testable import Forecasting
import Kernels
import Series
import TestSupport
import Testing

/// Reference/prophet_compatible_reference.json (make_prophet_compatible_reference.py):
/// CmdStan's own iterations and result when prophet 1.5.0 fits two simulated series.
struct ProphetCompatibleReference: Decodable {
    struct Case: Decodable {
        var count: Int
        var init_k: Double
        var init_m: Double
        var log_density_per_iteration: [Double]
        var termination: String
        var k: Double
        var m: Double
        var delta: [Double]
        var beta: [Double]
        var sigma_obs: Double
        var forecast: [Double]
    }
    var start_epoch_seconds: Double
    var interval_seconds: Double
    var series: [Double]
    var lbfgs: Case
    var newton: Case

    func regular(_ c: Case) -> RegularSeries {
        RegularSeries(name: "prophet-compatible-reference", start: start_epoch_seconds, interval: interval_seconds,
                      values: Array(series.prefix(c.count)))
    }

    static func load() throws -> ProphetCompatibleReference {
        guard let url = Bundle.module.url(forResource: "prophet_compatible_reference", withExtension: "json", subdirectory: "Reference") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(ProphetCompatibleReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct ProphetCompatibleReferenceTests {
    /// prophet's feature order (weekly, then daily) so that θ lines up with its β.
    static let model = ProphetStyle(seasonalities: [.weekly(), .daily()], recentPast: .none, fitProcedure: .prophetCompatible)

    /// The exact objective (ε = 0) on the case's history and prophet's start z₀.
    static func problem(_ ref: ProphetCompatibleReference, _ c: ProphetCompatibleReference.Case) -> (ProphetObjective, [Double]) {
        let series = ref.regular(c)
        let timestamps = (0..<series.count).map { series.timestamp(at: $0) }
        let design = ProphetDesign(timestamps: timestamps, changepointCount: 25, changepointRange: 0.8, seasonalities: [.weekly(), .daily()])
        let yScale = series.values.map(abs).max() ?? 1
        var objective = ProphetObjective(design: design, x: design.matrix(at: timestamps), y: series.values.map { $0 / yScale },
                                         changepointPriorScale: 0.05)
        objective.l1Smoothing = 0
        var z = [Double](repeating: 0, count: design.columnCount + 1)
        z[0] = c.init_k; z[1] = c.init_m
        return (objective, z)
    }

    /// Index of the first value that does not round to the reference's 6 significant digits
    /// (CmdStan's printed precision), nil when all do.
    static func firstDisagreementAtSixDigits(_ ours: [Double], _ theirs: [Double]) -> Int? {
        zip(ours, theirs).enumerated().first { _, pair in
            let unit = pow(10, (log10(abs(pair.1))).rounded(.down) - 5)
            return abs(pair.0 - pair.1) > 0.5 * unit * (1 + 1e-6)
        }?.offset
    }

    static func describe(_ ours: [Double], _ theirs: [Double]) -> String {
        zip(ours, theirs).prefix(40).enumerated().map { "\($0.offset + 1): \($0.element.0) vs \($0.element.1)" }.joined(separator: "; ")
    }

    @Test func startIsProphetsLinearGrowthInit() throws {
        let ref = try ProphetCompatibleReference.load()
        for c in [ref.lbfgs, ref.newton] {
            let series = ref.regular(c)
            let y = series.values.map { $0 / (series.values.map(abs).max() ?? 1) }
            let design = ProphetDesign(timestamps: (0..<series.count).map { series.timestamp(at: $0) }, changepointCount: 25,
                                       changepointRange: 0.8, seasonalities: [.weekly(), .daily()])
            let k = (y[y.count - 1] - y[0]) / design.scaledTime(series.timestamp(at: series.count - 1))
            #expect(isClose(k, c.init_k, rel: 1e-12) && isClose(y[0], c.init_m, rel: 1e-12))
        }
    }

    /// Stan's L-BFGS from prophet's start, step by step: the log density CmdStan prints
    /// (6 significant digits) agrees at each of the first 50 iterations (measured: 72).
    /// Later iterations drift apart in the last digits: the objective is summed in another
    /// order than Stan's, and along the flat ridges of the posterior a 1e-13 difference
    /// grows by ~10× every 10 iterations.
    @Test func lbfgsTakesCmdStansSteps() throws {
        let ref = try ProphetCompatibleReference.load()
        let (objective, z0) = Self.problem(ref, ref.lbfgs)
        var trace: [Double] = []
        let result = try StanBFGS(maxIterations: 10_000).minimize(from: z0, observe: { trace.append(-$0.value) }) { z, g in
            objective.evaluate(z, gradient: &g)
        }
        let head = 50
        let theirs = Array(ref.lbfgs.log_density_per_iteration.prefix(head))
        #expect(Self.firstDisagreementAtSixDigits(Array(trace.prefix(head)), theirs) == nil, "\(Self.describe(trace, theirs))")
        // CmdStan ended on its relative-gradient rule after 418 iterations. Ours ends after a
        // similar count (measured 393) on one of Stan's convergence rules, not always the same
        // one: the last iterations creep along the ridge, where the 1e-13 differences grow, and
        // the objective's sums follow OpenBLAS's kernel for the CPU (OPENBLAS_CORETYPE=Haswell
        // ends on the parameter-change rule instead). Which rule fires first is not what
        // matters; that the run converged (not an iteration limit or a failed line search) and
        // where it ended are: the final log density within 0.2 nats of CmdStan's (the fit's
        // parameters and forecast are checked in `lbfgsFitMatchesProphet`).
        #expect(ref.lbfgs.termination.contains("relative gradient magnitude"))
        let converged: [StanBFGS.Termination] = [.relativeGradient, .absoluteGradient, .relativeObjective,
                                                 .absoluteObjective, .absoluteParameter]
        #expect(converged.contains(result.termination), "ended with \(result.termination)")
        #expect(abs(trace.count - ref.lbfgs.log_density_per_iteration.count) < ref.lbfgs.log_density_per_iteration.count / 4)
        let cmdstanFinal = try #require(ref.lbfgs.log_density_per_iteration.last)
        #expect(abs(try #require(trace.last) - cmdstanFinal) < 0.2, "\(trace.suffix(3)) vs \(cmdstanFinal)")
    }

    /// The fitted model against prophet's: its log density within 0.2 nats of CmdStan's
    /// final one (measured 0.10; the exact MAP is 0.1 nats higher still), σ to 1e-3, the
    /// next hour's forecast to 2e-4 of the series' scale (measured 7e-5).
    @Test func lbfgsFitMatchesProphet() throws {
        let ref = try ProphetCompatibleReference.load()
        let fitted = try Self.model.fit(series: ref.regular(ref.lbfgs))
        #expect(fitted.trend.fitProcedure == .prophetCompatible)
        let cmdstan = try #require(ref.lbfgs.log_density_per_iteration.last)
        #expect(abs(-fitted.trend.negativeLogPosterior - cmdstan) < 0.2)
        #expect(isClose(fitted.trend.sigma, ref.lbfgs.sigma_obs, rel: 1e-3))
        let scale = ref.series.map(abs).max() ?? 1
        let path = try fitted.predict(steps: 12)
        for h in 0..<12 {
            #expect(abs(path[h] - ref.lbfgs.forecast[h]) < 2e-4 * scale, "h=\(h + 1): \(path[h]) vs \(ref.lbfgs.forecast[h])")
        }
    }

    /// Below 100 points prophet asks for Stan's Newton: every iteration's log density
    /// agrees to CmdStan's 6 printed digits, and the fit lands on CmdStan's parameters
    /// (to 1e-6) and forecast (to 1e-6 of the scale; measured 2e-8).
    @Test func newtonBelowHundredPoints() throws {
        let ref = try ProphetCompatibleReference.load()
        let (objective, z0) = Self.problem(ref, ref.newton)
        var trace: [Double] = []
        _ = try StanNewton(maxIterations: 10_000).minimize(from: z0, observe: { trace.append(-$1) }) { z, g in
            objective.evaluate(z, gradient: &g)
        }
        let theirs = ref.newton.log_density_per_iteration
        let common = min(trace.count, theirs.count)
        // The tail converges linearly (the Hessian is a finite difference): each step gains
        // about half the previous one (2.2e-8, 1.1e-8, 5.7e-9 nats), and Newton stops at the first
        // gain ≤ 1e-8, a change of 4e-11 of the log density, where the objective's summation
        // order (OpenBLAS's kernel for the CPU) decides on which side of the threshold a gain
        // falls: OPENBLAS_CORETYPE=Haswell takes 2 iterations more than CmdStan, the default
        // kernels on AVX-512 at most one. Up to 3 extra tail steps move the parameters by < 1e-8,
        // far inside the 1e-6 checked below.
        #expect(abs(trace.count - theirs.count) <= 3, "ours ends \(trace.suffix(4)), CmdStan's \(theirs.suffix(4))")
        #expect(Self.firstDisagreementAtSixDigits(Array(trace.prefix(common)), Array(theirs.prefix(common))) == nil, "\(Self.describe(trace, theirs))")

        let fitted = try Self.model.fit(series: ref.regular(ref.newton))
        let theta = fitted.trend.theta
        let expected = [ref.newton.k, ref.newton.m] + ref.newton.delta + ref.newton.beta
        #expect(firstMismatch(theta, expected, rel: 0, abs: 1e-6) == nil)
        #expect(isClose(fitted.trend.sigma, ref.newton.sigma_obs, rel: 1e-6))
        let scale = ref.series.prefix(ref.newton.count).map(abs).max() ?? 1
        let path = try fitted.predict(steps: 12)
        for h in 0..<12 {
            #expect(abs(path[h] - ref.newton.forecast[h]) < 1e-6 * scale, "h=\(h + 1): \(path[h]) vs \(ref.newton.forecast[h])")
        }
    }

    /// prophet does not call Stan on a constant history (linear growth): it keeps its start
    /// (k = 0, m = y₀/max|y| = 1, δ = β = 0) with σ = 1e-9.
    @Test func constantHistoryKeepsProphetsStart() throws {
        let series = RegularSeries(name: "flat", start: 0, interval: 300, values: [Double](repeating: 0.3, count: 600))
        let trend = try Self.model.fit(series: series).trend
        #expect(trend.theta == [0, 1] + [Double](repeating: 0, count: trend.theta.count - 2))
        #expect(trend.sigma == 1e-9 && trend.iterations == 0)
        #expect(try Self.model.fit(series: series).predict(steps: 3) == [0.3, 0.3, 0.3])
    }
}
