import Kernels
import Testing

/// The batched finite-difference gradients evaluate the same points with the same steps
/// as the one-point forms, so with an objective that returns f at each point they give
/// the same bits (ARIMA's exact-ML refits rely on this to keep their results unchanged).
@Suite struct BatchedDifferenceGradientTests {
    static let x = [-0.7, 1.3, 0.25, -2.5]

    static func f(_ p: [Double]) -> Double {
        var g = [Double](repeating: 0, count: p.count)
        return LBFGSTests.rosenbrock(p, &g)
    }

    @Test func forwardBatchEqualsOnePointForm() {
        var single = [Double](repeating: 0, count: 4), batched = [Double](repeating: 0, count: 4)
        var seen: [[Double]] = []
        let v1 = forwardDifferenceGradient(at: Self.x, into: &single, Self.f)
        let v2 = forwardDifferenceGradient(at: Self.x, into: &batched, batch: { points in
            seen = points
            return points.map(Self.f)
        })
        #expect(v1 == v2)
        #expect(single == batched)
        // x first, then one probe per coordinate, each moved in its own coordinate only.
        #expect(seen.count == 5 && seen[0] == Self.x)
        for i in 0..<4 { #expect(zip(seen[i + 1], Self.x).enumerated().allSatisfy { $0.offset == i ? $0.element.0 > $0.element.1 : $0.element.0 == $0.element.1 }) }
        // And it is a gradient: Rosenbrock's at x to O(h).
        var analytic = [Double](repeating: 0, count: 4)
        _ = LBFGSTests.rosenbrock(Self.x, &analytic)
        for i in 0..<4 { #expect(abs(batched[i] - analytic[i]) < 1e-4 * max(1, abs(analytic[i]))) }
    }

    @Test func centralBatchEqualsOnePointForm() {
        var single = [Double](repeating: 0, count: 4), batched = [Double](repeating: 0, count: 4)
        var count = 0
        let v1 = centralDifferenceGradient(at: Self.x, into: &single, Self.f)
        let v2 = centralDifferenceGradient(at: Self.x, into: &batched, batch: { points in
            count = points.count
            return points.map(Self.f)
        })
        #expect(v1 == v2)
        #expect(single == batched)
        #expect(count == 9)
        var analytic = [Double](repeating: 0, count: 4)
        _ = LBFGSTests.rosenbrock(Self.x, &analytic)
        for i in 0..<4 { #expect(abs(batched[i] - analytic[i]) < 1e-6 * max(1, abs(analytic[i]))) }
    }
}
