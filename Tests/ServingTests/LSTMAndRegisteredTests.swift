import Forecasting
import Foundation
import Series
import Serving
import Testing

/// An LSTM's window as the history requirement, and a registered model in a backtest.
@Suite struct LSTMAndRegisteredTests {
    /// A 30-minute window on a one-minute grid: 30 points needed; intervals calibrated on validation.
    @Test func anLSTMNeedsItsWindow() throws {
        let fixture = try RegistryFixture()
        let history = TestSeries.cpu(400)
        let spec = ModelSpec(LSTMConfiguration(windowMinutes: 30, hiddenSize: 4, layers: 1, bidirectional: false, dropout: 0, headHidden: 4,
                                               headDropout: 0, training: LSTMTrainingOptions(epochs: 1, learningRate: 1e-2, seed: 3)))
        let grid = try TestSeries.grid(history)
        try fixture.promote(try spec.fitArtifact(series: grid, trainCount: 340, steps: 30), model: "autoscale-cpu")
        let store = ModelStore(tracker: fixture.registry)
        let predictor = Predictor(store: store)
        #expect(try store.model(ModelReference(name: "autoscale-cpu")).minimumPoints == 30)
        let short = TimeSeries(name: "cpu", timestamps: Array(history.timestamps.suffix(20)), values: Array(history.values.suffix(20)))
        #expect(throws: ServingError.historyTooShort(model: "autoscale-cpu@production", metric: "cpu", container: "web-1",
                                                     points: 20, needed: 30, intervalSeconds: 60)) {
            try predictor.predict(history: short, metric: "cpu", container: "web-1")
        }
        let forecast = try predictor.predict(history: history, metric: "cpu", container: "web-1")
        #expect(forecast.kind == "lstm" && forecast.horizons.count == 3)
        // The LSTM's intervals are residual quantiles calibrated on validation.
        #expect(forecast.horizons.allSatisfy { $0.value.isFinite && $0.intervals.map(\.level) == [0.8, 0.95] })
        #expect(forecast.horizons.allSatisfy { $0.intervals.allSatisfy { $0.lower <= $0.upper } })
    }

    /// A registered naive model in a backtest: no refits, and the forecast made at decision
    /// i is y_i (naive conditioned on the history up to i).
    @Test func aRegisteredModelIsConditionedOnThePastOnly() throws {
        let fixture = try RegistryFixture()
        let trace = TestSeries.cpu(200)
        try fixture.promote(try TestSeries.artifact(.naive, on: trace), model: "autoscale-cpu")
        let model = try ModelStore(tracker: fixture.registry).model(ModelReference(name: "autoscale-cpu"))
        var spec = BacktestSpec()
        spec.warmupPoints = 50
        let report = try Backtest.run(trace: trace, name: "cpu", forecaster: RegisteredForecaster(model: model), spec: spec)
        #expect(report.model == "autoscale-cpu@production (v1, naive)" && report.fits == 0)
        #expect(report.forecasts.count == 149)
        for (k, forecast) in report.forecasts.enumerated() { #expect(abs((forecast ?? .nan) - trace.values[50 + k]) < 1e-12) }  // scaler round trip
    }
}
