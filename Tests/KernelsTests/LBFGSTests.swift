import Kernels
import Testing
import Foundation

@Suite struct LBFGSTests {
    /// f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
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

    @Test func rosenbrockFromTextbookStart() throws {
        let result = try LBFGS().minimize(from: [-1.2, 1], Self.rosenbrock)
        #expect(result.status.converged)
        #expect(abs(result.point[0] - 1) < 1e-5)
        #expect(abs(result.point[1] - 1) < 1e-5)
        #expect(result.value < 1e-10)
        // Nocedal & Wright report ~35–45 iterations for quasi-Newton from (−1.2, 1).
        #expect(result.iterations < 80)
    }

    @Test func rosenbrockInTenDimensions() throws {
        let start = (0..<10).map { $0 % 2 == 0 ? -1.2 : 1.0 }
        let result = try LBFGS(maxIterations: 500).minimize(from: start, Self.rosenbrock)
        #expect(result.status.converged)
        for v in result.point { #expect(abs(v - 1) < 1e-4) }
    }

    /// Beale: (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5).
    @Test func bealeWithNumericalGradient() throws {
        func beale(_ p: [Double]) -> Double {
            let x = p[0], y = p[1]
            let a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y
            return a * a + b * b + c * c
        }
        let result = try LBFGS().minimize(from: [1, 1]) { x, g in
            centralDifferenceGradient(at: x, into: &g, beale)
        }
        #expect(abs(result.point[0] - 3) < 1e-4)
        #expect(abs(result.point[1] - 0.5) < 1e-4)
    }

    /// Ill-conditioned quadratic ½ Σ c_i x_i², c_i = 10^{i/2}: exact minimum at 0.
    @Test func illConditionedQuadratic() throws {
        let c = (0..<8).map { pow10(Double($0) / 2) }
        let result = try LBFGS().minimize(from: [Double](repeating: 1, count: 8)) { x, g in
            var f = 0.0
            for i in x.indices { f += 0.5 * c[i] * x[i] * x[i]; g[i] = c[i] * x[i] }
            return f
        }
        #expect(result.status.converged)
        for v in result.point { #expect(abs(v) < 1e-6) }
    }

    /// f = x − log x is +∞ for x ≤ 0; the line search must step back into the domain.
    @Test func infiniteOutsideDomainIsAvoided() throws {
        let result = try LBFGS().minimize(from: [0.05]) { x, g in
            guard x[0] > 0 else { g[0] = .nan; return .infinity }
            g[0] = 1 - 1 / x[0]
            return x[0] - log(x[0])
        }
        #expect(abs(result.point[0] - 1) < 1e-6)
    }

    @Test func nonFiniteStartThrows() {
        #expect(throws: OptimizationError.self) {
            _ = try LBFGS().minimize(from: [0]) { _, g in g[0] = 0; return .nan }
        }
    }

    @Test func centralDifferenceMatchesAnalyticGradient() {
        var numeric = [0.0, 0.0]
        var analytic = [0.0, 0.0]
        let x = [-0.7, 1.3]
        _ = Self.rosenbrock(x, &analytic)
        _ = centralDifferenceGradient(at: x, into: &numeric) { p in var g = [0.0, 0.0]; return Self.rosenbrock(p, &g) }
        for i in 0..<2 { #expect(abs(numeric[i] - analytic[i]) < 1e-6 * max(1, abs(analytic[i]))) }
    }
}

private func pow10(_ e: Double) -> Double { exp(e * log(10)) }


@Suite struct ForwardDifferenceTests {
    @Test func forwardDifferenceMatchesAnalyticGradient() {
        var numeric = [0.0, 0.0], analytic = [0.0, 0.0]
        let x = [-0.7, 1.3]
        _ = LBFGSTests.rosenbrock(x, &analytic)
        _ = forwardDifferenceGradient(at: x, into: &numeric) { p in var g = [0.0, 0.0]; return LBFGSTests.rosenbrock(p, &g) }
        // O(h) truncation: |error| ≲ ½ h |f''| ≈ 1e-8 · 1e3.
        for i in 0..<2 { #expect(abs(numeric[i] - analytic[i]) < 1e-4 * max(1, abs(analytic[i]))) }
    }

    /// The caller's test sees every accepted step in order and ends the run where it says.
    @Test func stopTestEndsTheRunAtTheStepItNames() throws {
        var seen: [Int] = []
        var lastValue = Double.nan
        let result = try LBFGS().minimize(from: [-1.2, 1], stop: { iteration, _, f in
            seen.append(iteration)
            lastValue = f
            return iteration == 4
        }, LBFGSTests.rosenbrock)
        #expect(result.status == .stoppedByCaller)
        #expect(!result.status.converged)
        #expect(result.iterations == 4)
        #expect(seen == [1, 2, 3, 4])
        #expect(result.value == lastValue)
        // The same first four steps as an unstopped run capped at four iterations.
        let capped = try LBFGS(maxIterations: 4).minimize(from: [-1.2, 1], LBFGSTests.rosenbrock)
        #expect(capped.point == result.point)
    }
}
