@testable import Kernels
import Foundation
import Testing

/// `StanBFGS` (CmdStan's L-BFGS/BFGS) and `StanNewton` on textbook functions, and every
/// termination code reached on purpose.
@Suite struct StanBFGSTests {
    /// f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        g[0] = -2 * a - 400 * x[0] * b
        g[1] = 200 * b
        return a * a + 100 * b * b
    }

    @Test(arguments: [StanBFGS.Update.limitedMemory(history: 5), .dense])
    func rosenbrockFromTheTextbookStart(update: StanBFGS.Update) throws {
        let result = try StanBFGS(update: update).minimize(from: [-1.2, 1], Self.rosenbrock)
        #expect(result.termination.isNormal && result.termination != .maxIterations)
        #expect(abs(result.point[0] - 1) < 1e-4 && abs(result.point[1] - 1) < 1e-4, "\(result.point)")
        #expect(result.value < 1e-8)
        #expect(result.iterations < 100)
    }

    /// Extended Rosenbrock in 10 dimensions, L-BFGS with history 5.
    @Test func rosenbrockInTenDimensions() throws {
        let result = try StanBFGS(maxIterations: 2000).minimize(from: (0..<10).map { $0 % 2 == 0 ? -1.2 : 1 }) { x, g in
            var f = 0.0
            for i in g.indices { g[i] = 0 }
            for i in 0..<(x.count - 1) {
                let a = 1 - x[i], b = x[i + 1] - x[i] * x[i]
                f += a * a + 100 * b * b
                g[i] += -2 * a - 400 * x[i] * b
                g[i + 1] += 200 * b
            }
            return f
        }
        for v in result.point { #expect(abs(v - 1) < 1e-3) }
    }

    /// f = 1e8 + ½ (x² + 10 y²): the relative-gradient test (−pᵀg / |f| < 1e7 ε) fires
    /// long before the gradient norm reaches 1e-8, because |f| is large.
    @Test func relativeGradientStopsAnOffsetQuadratic() throws {
        let result = try StanBFGS().minimize(from: [1, 1]) { x, g in
            g[0] = x[0]; g[1] = 10 * x[1]
            return 1e8 + 0.5 * (x[0] * x[0] + 10 * x[1] * x[1])
        }
        #expect(result.termination == .relativeGradient)
        #expect(abs(result.point[0]) < 1 && abs(result.point[1]) < 1)
    }

    /// f = ½ |x|² from (1, 1): the line search accepts α = 0.1 (|φ′| = 0.9 |φ′(0)|, the
    /// curvature condition exactly), the cubic guess of the second step lands within
    /// rounding of 0, where the gradient norm is below 1e-8.
    @Test func absoluteGradientAtAnExactMinimum() throws {
        let result = try StanBFGS().minimize(from: [1, 1]) { x, g in
            g[0] = x[0]; g[1] = x[1]
            return 0.5 * (x[0] * x[0] + x[1] * x[1])
        }
        #expect(result.termination == .absoluteGradient)
        #expect(result.iterations == 2)
        #expect(result.point.allSatisfy { abs($0) < 1e-15 })
    }

    @Test func eachToleranceEndsTheRunWhenLoose() throws {
        let start = [-1.2, 1.0]
        // |Δf| on the first step is far below 1e3.
        #expect(try StanBFGS(absoluteObjectiveTolerance: 1e3).minimize(from: start, Self.rosenbrock).termination == .absoluteObjective)
        // ‖Δx‖ on the first step is far below 1e3.
        #expect(try StanBFGS(parameterTolerance: 1e3).minimize(from: start, Self.rosenbrock).termination == .absoluteParameter)
        let capped = try StanBFGS(maxIterations: 3).minimize(from: start, Self.rosenbrock)
        #expect(capped.termination == .maxIterations && capped.iterations == 3)
        // f + 1e15: a first-step decrease of ~20 is below 1e4 ε relative to f.
        let offset = try StanBFGS().minimize(from: start) { x, g in 1e15 + Self.rosenbrock(x, &g) }
        #expect(offset.termination == .relativeObjective && offset.iterations == 1)
    }

    /// A gradient with the wrong sign: every direction goes uphill, the line search fails,
    /// then fails again after the reset; the run stops at the start.
    @Test func lineSearchFailureKeepsTheStart() throws {
        let result = try StanBFGS().minimize(from: [1, 2]) { x, g in
            g[0] = -2 * x[0]; g[1] = -2 * x[1]
            return x[0] * x[0] + x[1] * x[1]
        }
        #expect(result.termination == .lineSearchFailed)
        #expect(!result.termination.isNormal)
        #expect(result.point == [1, 2])
    }

    /// f = x − log x is undefined for x ≤ 0; trial steps that land there are halved.
    @Test func backsOffFromNonFiniteValues() throws {
        let result = try StanBFGS().minimize(from: [0.05]) { x, g in
            g[0] = 1 - 1 / x[0]
            return x[0] > 0 ? x[0] - log(x[0]) : .nan
        }
        #expect(abs(result.point[0] - 1) < 1e-4)
    }

    @Test func nonFiniteStartIsAnError() {
        #expect(throws: OptimizationError.self) {
            _ = try StanBFGS().minimize(from: [0]) { _, g in g[0] = 0; return .nan }
        }
    }

    /// The cubic through φ(0) = 0, φ′(0) = −3, φ(2) = 2, φ′(2) = 9 is a³ − 3a: minimum at 1.
    @Test func cubicStepGuess() {
        #expect(abs(StanLineSearch.cubicMinimum(d0: -3, a1: 2, f1: 2, d1: 9, lo: 0, hi: 2) - 1) < 1e-12)
        // On [0, 0.5] the minimum of the cubic is at the upper end.
        #expect(StanLineSearch.cubicMinimum(d0: -3, a1: 2, f1: 2, d1: 9, lo: 0, hi: 0.5) == 0.5)
    }

    /// Newton on a convex quadratic: one step of the (ε²-scaled) Hessian overshoots by
    /// 1e6, the halving brings it back; the run ends at the minimum.
    @Test func newtonOnAQuadratic() throws {
        let result = try StanNewton().minimize(from: [3, -2]) { x, g in
            g[0] = 2 * x[0] + x[1] - 1; g[1] = x[0] + 4 * x[1]
            return x[0] * x[0] + x[0] * x[1] + 2 * x[1] * x[1] - x[0]
        }
        // ∇f = 0 at x = (4/7, −1/7).
        #expect(abs(result.point[0] - 4.0 / 7) < 1e-3 && abs(result.point[1] + 1.0 / 7) < 1e-3, "\(result.point)")
    }

    @Test func jacobiEigenDecomposition() {
        let a = [4.0, 1, 0, 1, 3, 1, 0, 1, 2]
        let (values, vectors) = symmetricEigenDecomposition(a, dimension: 3)
        // A v = λ v for every pair; eigenvalues 3, 3 ± √3.
        for i in 0..<3 {
            for r in 0..<3 {
                var av = 0.0
                for c in 0..<3 { av += a[r * 3 + c] * vectors[i * 3 + c] }
                #expect(abs(av - values[i] * vectors[i * 3 + r]) < 1e-12)
            }
        }
        #expect(zip(values.sorted(), [3 - 3.0.squareRoot(), 3, 3 + 3.0.squareRoot()]).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}
