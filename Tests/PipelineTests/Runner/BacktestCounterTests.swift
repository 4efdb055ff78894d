@testable import Pipeline
import Series
import Testing

/// A counter's backtest gives its artifact raw counter values rebuilt from the rates the
/// pipeline holds: c_0 = 0, c_i = c_{i−1} + r_i·Δt_i, whose rate stage gives r_1 … r_n back.
@Suite struct BacktestCounterTests {
    @Test func integratedRatesGiveTheRatesBack() throws {
        let timestamps = [0.0, 15, 30, 60, 75, 90]
        let rates = [9.0, 2, 4.5, 0, 1.25, 8]
        let counter = ArtifactDemandForecaster.integrated(TimeSeries(name: "rx", timestamps: timestamps, values: rates))
        #expect(counter.values == [0, 30, 97.5, 97.5, 116.25, 236.25])  // 9·0 dropped; 2·15; +4.5·15; +0·30; +1.25·15; +8·15
        let back = try CounterRate.rates(of: counter).series
        #expect(back.timestamps == Array(timestamps.dropFirst()))
        for (got, want) in zip(back.values, rates.dropFirst()) { #expect(abs(got - want) <= 1e-12 * max(1, want)) }
    }
}
