import Forecasting
import Foundation
import Series
import Serving
import TestSupport
import Testing
import Tracking

/// The predictor over a real SQLite registry where fitted models were promoted.
@Suite struct PredictorTests {
    @Test func forecastsEveryHorizonOfAPromotedARIMAWithIntervals() throws {
        let fixture = try RegistryFixture()
        let history = TestSeries.cpu(600)
        let artifact = try TestSeries.artifact(.arima, on: history)
        try fixture.promote(artifact, model: "autoscale-cpu")
        let predictor = Predictor(store: ModelStore(tracker: fixture.registry))
        let forecast = try predictor.predict(history: history, metric: "cpu", container: "web-1")

        let direct = try artifact.forecast(rawHistory: history, steps: 30)
        #expect(forecast.horizons.map(\.minutes) == [5, 15, 30])
        #expect(forecast.horizons.map(\.steps) == [5, 15, 30])
        for h in forecast.horizons {
            #expect(h.value == direct[h.steps - 1])
            #expect(h.timestamp == history.timestamps.last! + Double(h.steps) * 60)
            #expect(h.intervals.map(\.level) == [0.8, 0.95])
            for interval in h.intervals { #expect(interval.lower < h.value && h.value < interval.upper) }
            #expect(h.intervals[0].upper < h.intervals[1].upper)
        }
        #expect(forecast.model == ModelReference(name: "autoscale-cpu", alias: "production"))
        #expect(forecast.version == 1 && forecast.kind == "arima" && forecast.unit == "cores" && !forecast.isRate)
        #expect(forecast.historyPoints == 600 && forecast.intervalSeconds == 60)
    }

    @Test func aCounterIsForecastAsARatePerSecond() throws {
        let fixture = try RegistryFixture()
        let history = TestSeries.counter(400)
        let preprocessing = try PreprocessingSpec(input: .counter)
        try fixture.promote(try TestSeries.artifact(.naive, on: history, preprocessing: preprocessing), model: "autoscale-network_rx")
        let predictor = Predictor(store: ModelStore(tracker: fixture.registry))
        let forecast = try predictor.predict(history: history, metric: "network_rx", container: "web-1", horizons: [1, 10])
        // naive: every horizon is the last rate, (x_399 − x_398) / 60 = 1000 + 100·sin(398·0.9) B/s.
        let lastRate = 1000 + 100 * sin(398 * 0.9)
        #expect(forecast.isRate && forecast.unit == "bytes/s")
        for h in forecast.horizons { #expect(abs(h.value - lastRate) < 1e-6 * lastRate) }
        // naive's intervals: the rate plus residual quantiles calibrated on validation, around the rate.
        for h in forecast.horizons {
            try #require(h.intervals.map(\.level) == [0.8, 0.95])
            #expect(h.intervals[1].lower <= h.intervals[0].lower && h.intervals[0].lower <= h.intervals[0].upper
                    && h.intervals[0].upper <= h.intervals[1].upper, "\(h.intervals)")
        }
    }

    @Test func predictAllSkipsMetricsWithoutAModelAndLoadsEachArtifactOnce() throws {
        let fixture = try RegistryFixture()
        let cpu = TestSeries.cpu(300)
        try fixture.promote(try TestSeries.artifact(.naive, on: cpu), model: "autoscale-cpu")
        let source = InMemoryHistorySource([.init(container: "web-1", metric: "cpu"): cpu])
        let store = ModelStore(tracker: fixture.registry)
        let predictor = Predictor(store: store)
        let all = try predictor.predictAll(source: source, container: "web-1")
        #expect(all.forecasts.map(\.metric) == ["cpu"])
        #expect(all.skipped.keys.sorted() == ["disk_reads", "disk_writes", "memory", "network_rx", "network_tx"])
        #expect(all.forecasts[0].horizons.map(\.value) == [cpu.values.last!, cpu.values.last!, cpu.values.last!])
        // Loaded once: deleting the file does not matter to the loaded model.
        let reference = ModelReference(name: "autoscale-cpu")
        let summary = try fixture.registry.resolveAlias(model: "autoscale-cpu", alias: "production")
        try FileManager.default.removeItem(at: URL(fileURLWithPath: fixture.location.artifactsPath).appendingPathComponent(summary.artifact.path))
        #expect(try store.model(reference).version == 1)
        #expect(try predictor.predictAll(source: source, container: "web-1").forecasts.count == 1)
    }

    @Test func aMissingAliasListsTheAliasesAndAMissingModelListsTheModels() throws {
        let fixture = try RegistryFixture()
        try fixture.promote(try TestSeries.artifact(.naive, on: TestSeries.cpu(100)), model: "autoscale-cpu", alias: "staging")
        let predictor = Predictor(store: ModelStore(tracker: fixture.registry))
        #expect(throws: ServingError.aliasNotFound(model: "autoscale-cpu", alias: "production", modelExists: true, known: ["staging"])) {
            try predictor.predict(history: TestSeries.cpu(100), metric: "cpu", container: "web-1")
        }
        #expect(throws: ServingError.aliasNotFound(model: "autoscale-memory", alias: "production", modelExists: false, known: ["autoscale-cpu"])) {
            try predictor.predict(history: TestSeries.cpu(100), metric: "memory", container: "web-1")
        }
        let message = ServingError.aliasNotFound(model: "autoscale-cpu", alias: "production", modelExists: true, known: ["staging"]).description
        #expect(message.contains("its aliases: staging"))
    }

    @Test func anArtifactCorruptedOnDiskNamesBothHashes() throws {
        let fixture = try RegistryFixture()
        let promotion = try fixture.promote(try TestSeries.artifact(.naive, on: TestSeries.cpu(100)), model: "autoscale-cpu")
        let file = fixture.artifactFile(promotion)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x01
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try bytes.write(to: file)
        let predictor = Predictor(store: ModelStore(tracker: fixture.registry))
        do {
            _ = try predictor.predict(history: TestSeries.cpu(100), metric: "cpu", container: "web-1")
            Issue.record("a corrupted artifact was loaded")
        } catch ServingError.artifactHashMismatch(let model, _, let expected, let actual) {
            #expect(model == "autoscale-cpu@production")
            #expect(expected == promotion.artifact.sha256)
            #expect(actual != expected && actual.count == 64)
        }
    }

    @Test func tooLittleHistorySaysHowMuchIsNeeded() throws {
        let fixture = try RegistryFixture()
        let long = TestSeries.cpu(600)
        let grid = try TestSeries.grid(long)   // season one hour at one minute: 60 points
        let artifact = try ModelSpec(SeasonalNaiveSettings(periodSeconds: 3600)).fitArtifact(series: grid, trainCount: 510, steps: 30)
        try fixture.promote(artifact, model: "autoscale-cpu")
        let predictor = Predictor(store: ModelStore(tracker: fixture.registry))
        let short = TimeSeries(name: "cpu", timestamps: Array(long.timestamps.suffix(30)), values: Array(long.values.suffix(30)))
        #expect(throws: ServingError.historyTooShort(model: "autoscale-cpu@production", metric: "cpu", container: "web-1",
                                                     points: 30, needed: 60, intervalSeconds: 60)) {
            try predictor.predict(history: short, metric: "cpu", container: "web-1")
        }
        #expect(ServingError.historyTooShort(model: "m", metric: "cpu", container: "c", points: 30, needed: 60, intervalSeconds: 60)
            .description.contains("at least 60 points (60 minutes at 60 s)"))
    }

    @Test func historyAtAnotherIntervalIsRefused() throws {
        let fixture = try RegistryFixture()
        try fixture.promote(try TestSeries.artifact(.arima, on: TestSeries.cpu(300)), model: "autoscale-cpu")
        let predictor = Predictor(store: ModelStore(tracker: fixture.registry))
        #expect(throws: ServingError.intervalMismatch(model: "autoscale-cpu@production", modelSeconds: 60, historySeconds: 120)) {
            try predictor.predict(history: TestSeries.cpu(300, interval: 120), metric: "cpu", container: "web-1")
        }
        #expect(throws: ServingError.badHorizon(minutes: 2.5, intervalSeconds: 60)) {
            try predictor.predict(history: TestSeries.cpu(300), metric: "cpu", container: "web-1", horizons: [2.5])
        }
    }

    @Test func reloadFollowsAMovedAliasAndKeepsThePreviousModelWhenTheNewOneIsCorrupt() throws {
        let fixture = try RegistryFixture()
        let history = TestSeries.cpu(300)
        try fixture.promote(try TestSeries.artifact(.naive, on: history), model: "autoscale-cpu")
        let store = ModelStore(tracker: fixture.registry)
        let reference = ModelReference(name: "autoscale-cpu")
        #expect(try store.model(reference).artifact.kind == .naive)
        #expect(store.reload().map(\.change) == [.unchanged])

        try fixture.promote(try TestSeries.artifact(.arima, on: history), model: "autoscale-cpu")
        #expect(store.reload().map(\.change) == [.replaced(from: 1)])
        #expect(try store.model(reference).artifact.kind == .arima && store.model(reference).version == 2)

        let third = try fixture.promote(try TestSeries.artifact(.naive, on: history), model: "autoscale-cpu")
        try Data("{}".utf8).write(to: fixture.artifactFile(third))
        let outcome = store.reload()
        guard case .keptPrevious(let reason) = outcome.first?.change else {
            Issue.record("expected the previous model kept, got \(outcome)")
            return
        }
        #expect(reason.contains("sha256"))
        #expect(outcome.first?.servingVersion == 2)
        #expect(try store.model(reference).version == 2)
    }

    @Test func modelReferencesParse() throws {
        #expect(try ModelReference(parsing: "autoscale-cpu") == ModelReference(name: "autoscale-cpu", alias: "production"))
        #expect(try ModelReference(parsing: "m@staging") == ModelReference(name: "m", alias: "staging"))
        #expect(throws: ServingError.badModelReference("m@")) { try ModelReference(parsing: "m@") }
        #expect(throws: ServingError.badModelReference("@a")) { try ModelReference(parsing: "@a") }
    }
}
