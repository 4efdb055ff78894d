import Foundation
@testable import Forecasting
import Kernels
import Series
import TestSupport
import Testing

/// Logistic growth: prophet's γ continuity, the objective's gradient, capacity semantics.
@Suite struct ProphetLogisticTests {
    /// Saturating towards `capacity` with a daily cycle, 5-minute grid.
    static func saturating(count: Int = 1440, capacity: Double = 10, seed: UInt64 = 4) -> RegularSeries {
        var rng = SplitMix64(seed: seed)
        let values = (0..<count).map { i -> Double in
            let day = Double(i) * 300 / 86_400
            return 0.9 * capacity / (1 + exp(-1.5 * (day - 2))) + 0.4 * sin(2 * Double.pi * day) + 0.15 * rng.nextGaussian()
        }
        return RegularSeries(name: "saturating", start: 1_700_000_000, interval: 300, values: values)
    }

    @Test func trendIsContinuousAtEveryChangepoint() {
        let changepoints = [0.2, 0.45, 0.7]
        let trend = PiecewiseLogistic(k: 3, m: 0.4, deltas: [1.5, -2.0, 0.7], changepoints: changepoints)
        #expect(trend.rates == [3, 4.5, 2.5, 3.2])
        for s in changepoints {
            let before = trend.value(at: s - 1e-12, capacity: 2), after = trend.value(at: s, capacity: 2)
            #expect(abs(before - after) < 1e-10, "jump \(after - before) at \(s)")
        }
        // Hand-computed: γ_0 = (0.2 − 0.4)(1 − 3/4.5) = −1/15, so M_1 = 0.4 − 1/15.
        #expect(isClose(trend.offsets[1], 0.4 - 1.0 / 15, rel: 1e-14))
        #expect(isClose(trend.value(at: 0.1, capacity: 2), 2 / (1 + exp(-3 * (0.1 - 0.4))), rel: 1e-14))
    }

    @Test func offsetJacobianMatchesFiniteDifferences() {
        let changepoints = [0.2, 0.45, 0.7]
        let psi = [3.0, 0.4, 1.5, -2.0, 0.7]
        func offsets(_ v: [Double]) -> [Double] {
            PiecewiseLogistic(k: v[0], m: v[1], deltas: v[2...], changepoints: changepoints).offsets
        }
        let jacobian = PiecewiseLogistic(k: psi[0], m: psi[1], deltas: psi[2...], changepoints: changepoints).offsetJacobian()
        for b in psi.indices {
            var up = psi, down = psi
            up[b] += 1e-6; down[b] -= 1e-6
            let numeric = zip(offsets(up), offsets(down)).map { ($0 - $1) / 2e-6 }
            for j in numeric.indices {
                #expect(abs(jacobian[j * psi.count + b] - numeric[j]) < 1e-7, "∂M_\(j)/∂ψ_\(b)")
            }
        }
    }

    @Test func objectiveGradientMatchesFiniteDifferences() {
        let series = Self.saturating(count: 600)
        let timestamps = (0..<series.count).map { series.timestamp(at: $0) }
        let design = ProphetDesign(timestamps: timestamps, changepointCount: 6, changepointRange: 0.8, seasonalities: [.daily(order: 2)])
        let yScale = series.values.map(abs).max() ?? 1
        let objective = ProphetLogisticObjective(
            design: design, timestamps: timestamps, y: series.values.map { $0 / yScale },
            capacity: [Double](repeating: 10 / yScale, count: series.count), changepointPriorScale: 0.05)
        var rng = SplitMix64(seed: 9)
        var z = (0...design.columnCount).map { _ in 0.3 * rng.nextGaussian() }
        z[0] = 4; z[1] = 0.3
        var analytic = [Double](repeating: 0, count: z.count)
        _ = objective.evaluate(z, gradient: &analytic)
        var numeric = [Double](repeating: 0, count: z.count)
        _ = centralDifferenceGradient(at: z, into: &numeric) { var g = [Double](repeating: 0, count: z.count); return objective.evaluate($0, gradient: &g) }
        for i in z.indices {
            #expect(abs(analytic[i] - numeric[i]) <= 1e-5 * max(1, abs(numeric[i])), "component \(i): \(analytic[i]) vs \(numeric[i])")
        }
    }

    @Test func forecastStaysBelowTheCapacityAndFollowsASchedule() throws {
        let series = Self.saturating()
        let constant = try ProphetStyle(seasonalities: [.daily()], recentPast: .none, growth: .logistic(.constant(10))).fit(series: series)
        let trend = constant.trend.mean(at: (0..<2000).map { series.timestamp(at: 1440 + $0 * 50) })
        // ŷ includes the daily cycle (amplitude 0.4): the trend under it stays below C = 10.
        #expect(trend.allSatisfy { $0 < 10 + 0.6 })
        #expect(constant.parameters["growth"] == .text("logistic"))
        // A schedule that doubles the capacity from the end of the history on lifts the
        // long-range forecast towards the new ceiling; the fitted history is unchanged.
        let end = series.timestamp(at: series.count)
        let schedule = ProphetCapacity.schedule(timestamps: [series.start, end], values: [10, 20])
        let raised = try ProphetStyle(seasonalities: [.daily()], recentPast: .none, growth: .logistic(schedule)).fit(series: series)
        #expect(raised.trend.theta == constant.trend.theta)
        let far = series.timestamp(at: series.count + 5000)
        #expect(raised.trend.mean(at: [far])[0] > constant.trend.mean(at: [far])[0] + 5)
    }

    @Test func capacityErrorsSayWhatToFix() {
        let series = Self.saturating(count: 300)
        #expect(throws: ProphetError.invalidCapacity(index: 0, value: -1)) {
            _ = try ProphetStyle(recentPast: .none, growth: .logistic(.constant(-1))).fit(series: series)
        }
        #expect(throws: ProphetError.invalidCapacitySchedule(timestamps: 2, values: 1)) {
            _ = try ProphetStyle(recentPast: .none, growth: .logistic(.schedule(timestamps: [0, 1], values: [5]))).fit(series: series)
        }
        #expect(ProphetError.invalidCapacity(index: 3, value: .nan).description.contains("positive capacity"))
    }

    @Test func logisticArtifactRoundTrips() throws {
        let series = Self.saturating(count: 600)
        let fitted = try ProphetStyle(seasonalities: [.daily()], recentPast: .autoARIMA, growth: .logistic(.constant(10))).fit(series: series)
        let data = try ProphetArtifact(model: fitted).encoded()
        let loaded = try ProphetArtifact.decode(data)
        #expect(loaded.formatVersion == 2)
        #expect(loaded.model == fitted)
        #expect(try loaded.model.predict(steps: 6) == fitted.predict(steps: 6))
    }
}
