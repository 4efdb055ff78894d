import Foundation
@testable import Forecasting
import Series
import TestSupport
import Testing

/// Reference/prophet_logistic_reference.json: prophet 1.5 with growth='logistic' and a
/// per-timestamp `cap` on a simulated 10-day 5-minute saturating series
/// (make_prophet_logistic_reference.py).
struct ProphetLogisticReference: Decodable {
    var start_epoch_seconds: Double
    var interval_seconds: Double
    var series: [Double]
    var cap: [Double]
    var changepoints_t: [Double]
    var y_scale: Double
    var init_k: Double
    var init_m: Double
    var k: Double
    var m: Double
    var delta: [Double]
    var beta: [Double]
    var sigma_obs: Double
    var objective: Double
    var trend_at_history: [Double]
    var forecast: [Double]
    var forecast_trend: [Double]

    var regular: RegularSeries {
        RegularSeries(name: "prophet-logistic-reference", start: start_epoch_seconds, interval: interval_seconds, values: series)
    }
    /// The cap column as a schedule over the history and the 12 future grid points.
    var capacity: ProphetCapacity {
        .schedule(timestamps: cap.indices.map { start_epoch_seconds + Double($0) * interval_seconds }, values: cap)
    }

    static func load() throws -> ProphetLogisticReference {
        guard let url = Bundle.module.url(forResource: "prophet_logistic_reference", withExtension: "json", subdirectory: "Reference") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(ProphetLogisticReference.self, from: Data(contentsOf: url))
    }
}

@Suite struct ProphetLogisticReferenceTests {
    static func model(_ ref: ProphetLogisticReference) -> ProphetStyle {
        ProphetStyle(seasonalities: [.weekly(), .daily()], recentPast: .none, growth: .logistic(ref.capacity), fitProcedure: .exactMAP)
    }

    static func objective(_ ref: ProphetLogisticReference) -> ProphetLogisticObjective {
        let timestamps = (0..<ref.series.count).map { ref.regular.timestamp(at: $0) }
        let design = ProphetDesign(timestamps: timestamps, changepointCount: 25, changepointRange: 0.8, seasonalities: [.weekly(), .daily()])
        return ProphetLogisticObjective(
            design: design, timestamps: timestamps, y: ref.series.map { $0 / ref.y_scale },
            capacity: ref.cap.prefix(ref.series.count).map { $0 / ref.y_scale }, changepointPriorScale: 0.05)
    }

    /// prophet's logistic_growth_init and its piecewise_logistic (with the γ offsets) at
    /// prophet's own parameters, every 240th history point.
    @Test func initialValuesAndTrendMatchProphet() throws {
        let ref = try ProphetLogisticReference.load()
        let objective = Self.objective(ref)
        #expect(firstMismatch(objective.design.changepoints, ref.changepoints_t, rel: 1e-12) == nil)
        let (k, m) = objective.initialRateAndOffset()
        #expect(isClose(k, ref.init_k, rel: 1e-12) && isClose(m, ref.init_m, rel: 1e-12), "init \(k), \(m) vs \(ref.init_k), \(ref.init_m)")
        let trend = PiecewiseLogistic(k: ref.k, m: ref.m, deltas: ref.delta[...], changepoints: ref.changepoints_t)
        let ours = stride(from: 0, to: ref.series.count, by: 240).map { i in
            trend.value(at: objective.times[i], capacity: objective.capacity[i])
        }
        #expect(firstMismatch(ours, ref.trend_at_history, rel: 1e-12) == nil)
    }

    /// Our objective at prophet's MAP equals the script's evaluation of the Stan model's
    /// formula; our own MAP (|δ| smoothed while fitting) scores at least as well.
    @Test func objectiveAtProphetsOptimumAndOurs() throws {
        let ref = try ProphetLogisticReference.load()
        var objective = Self.objective(ref)
        objective.l1Smoothing = 0
        var gradient = [Double](repeating: 0, count: objective.design.columnCount + 1)
        let z = [ref.k, ref.m] + ref.delta + ref.beta + [log(ref.sigma_obs)]
        #expect(isClose(objective.evaluate(z, gradient: &gradient), ref.objective, rel: 1e-9))
        let fitted = try Self.model(ref).fit(series: ref.regular)
        #expect(isClose(fitted.trend.yScale, ref.y_scale, rel: 1e-15))
        let ours = objective.evaluate(fitted.trend.theta + [log(fitted.trend.sigma)], gradient: &gradient)
        #expect(ours <= ref.objective + 1e-6, "ours \(ours) vs prophet \(ref.objective)")
    }

    /// The next hour's forecast (trend under the future cap + seasonalities) agrees with
    /// prophet's to 4e-3 of the series scale (0.09 on a level of 20), its trend part to
    /// 1e-2. Not closer: our MAP is 4.5 nats better than where prophet's Stan L-BFGS stops
    /// (k = 8.01 against 7.33, traded against the δ's and the weekly terms along a flat
    /// ridge), so trend and seasonality split the level differently (measured: forecast
    /// 0.069–0.074, trend 0.150–0.153 apart at h = 1…12).
    @Test func forecastsMatchProphet() throws {
        let ref = try ProphetLogisticReference.load()
        let fitted = try Self.model(ref).fit(series: ref.regular)
        #expect(isClose(fitted.trend.sigma, ref.sigma_obs, rel: 2e-2))
        let path = try fitted.predict(steps: 12)
        let future = (0..<12).map { ref.regular.timestamp(at: ref.series.count + $0) }
        let seasonal = fitted.trend.seasonal(at: future)
        let trend = zip(fitted.trend.mean(at: future), seasonal).map { $0 - $1 }
        for h in 0..<12 {
            #expect(abs(path[h] - ref.forecast[h]) < 4e-3 * ref.y_scale, "h=\(h + 1): \(path[h]) vs \(ref.forecast[h])")
            #expect(abs(trend[h] - ref.forecast_trend[h]) < 1e-2 * ref.y_scale, "h=\(h + 1) trend: \(trend[h]) vs \(ref.forecast_trend[h])")
        }
    }

    /// The prophet-compatible fit (prophet's start, CmdStan's L-BFGS, exact |δ|) against
    /// prophet's own result. Measured: log density 0.74 nats from prophet's (the run is
    /// 2130 iterations long, far past where rounding lets two L-BFGS runs agree), k 7.39
    /// against prophet's 7.33 (the exact MAP: 8.01), next-hour forecast within 6.4e-4 of
    /// the scale (the exact MAP: 3e-3).
    @Test func compatibleFitTracksProphet() throws {
        let ref = try ProphetLogisticReference.load()
        var model = Self.model(ref)
        model.fitProcedure = .prophetCompatible
        let fitted = try model.fit(series: ref.regular)
        var objective = Self.objective(ref)
        objective.l1Smoothing = 0
        var gradient = [Double](repeating: 0, count: objective.design.columnCount + 1)
        let ours = objective.evaluate(fitted.trend.theta + [log(fitted.trend.sigma)], gradient: &gradient)
        #expect(abs(ours - ref.objective) < 1.5, "ours \(ours) vs prophet \(ref.objective)")
        #expect(abs(fitted.trend.k - ref.k) < 0.2, "k \(fitted.trend.k) vs \(ref.k)")
        let path = try fitted.predict(steps: 12)
        for h in 0..<12 {
            #expect(abs(path[h] - ref.forecast[h]) < 1.5e-3 * ref.y_scale, "h=\(h + 1): \(path[h]) vs \(ref.forecast[h])")
        }
    }
}
