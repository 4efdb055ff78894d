import GRDB
import Testing
@testable import Tracking

/// Filters run against a real (in-memory) SQLite registry.
@Suite struct FilterSearchTests {
    let registry: Registry
    let runs: [String: RunID]

    init() throws {
        registry = try Registry.inMemory(clock: SteppingClock(start: 1_800_000_000), ids: SeededRunIDGenerator(seed: 11))
        var made: [String: RunID] = [:]
        let rows: [(String, String, Double?, String)] = [
            ("lstm-a", "lstm", 0.04, "cpu"), ("lstm-b", "LSTM", 0.03, "memory"), ("arima-a", "arima", 0.06, "cpu"),
            ("naive", "naive", .nan, "cpu"), ("prophet", "prophet", nil, "disk"),
        ]
        for (name, model, mae, metric) in rows {
            let run = try registry.createRun(RunSpec(experiment: metric == "disk" ? "disk" : "main", name: name, tags: ["metric": metric]))
            try registry.logBatch(run: run, params: ["model": model], metrics: mae.map { [MetricPoint(key: "mae_15m", value: $0)] } ?? [], tags: [:])
            made[name] = run
        }
        try registry.setStatus(run: made["arima-a"]!, .finished)
        runs = made
    }

    func names(_ filter: String, orderBy: String? = nil) throws -> [String] {
        try registry.searchRuns(RunSearch(filter: filter, orderBy: orderBy)).runs.map(\.name)
    }

    @Test func comparisonsAndMissingMetrics() throws {
        #expect(try names("metrics.mae_15m < 0.05", orderBy: "metrics.mae_15m") == ["lstm-b", "lstm-a"])
        #expect(try names("metrics.mae_15m >= 0.04 order by metrics.mae_15m desc") == ["arima-a", "lstm-a"])
        #expect(try names("metrics.mae_15m = nan") == ["naive"])
        #expect(try names("metrics.mae_15m < inf order by attributes.name") == ["arima-a", "lstm-a", "lstm-b"])
    }

    @Test func orAndParentheses() throws {
        let filter = "(params.model = 'lstm' or params.model = 'arima') and tags.metric = 'cpu' order by attributes.name"
        #expect(try names(filter) == ["arima-a", "lstm-a"])
        #expect(try names("params.model = 'lstm' or metrics.mae_15m > 0.05 order by attributes.name") == ["arima-a", "lstm-a"])
    }

    @Test func likeIsCaseSensitiveIlikeIsNot() throws {
        #expect(try names("params.model like 'ls%'") == ["lstm-a"])
        #expect(try names("params.model ilike 'ls%' order by attributes.name") == ["lstm-a", "lstm-b"])
        #expect(try names("params.model in ('naive', 'prophet') order by attributes.name") == ["naive", "prophet"])
        #expect(try names("params.model not in ('naive', 'prophet', 'lstm', 'LSTM')") == ["arima-a"])
    }

    @Test func attributes() throws {
        #expect(try names("attributes.status = 'finished'") == ["arima-a"])
        #expect(try names("attributes.experiment = 'disk'") == ["prophet"])
        let id = runs["naive"]!.rawValue
        #expect(try names("attributes.run_id like '\(id.prefix(6))%'") == ["naive"])
        #expect(try registry.searchRuns(RunSearch(statuses: [.finished])).runs.map(\.name) == ["arima-a"])
        #expect(try registry.searchRuns(RunSearch(experiment: "disk")).runs.map(\.name) == ["prophet"])
    }

    @Test func limitAndFlagOrderCombine() throws {
        let list = try registry.searchRuns(RunSearch(filter: "metrics.mae_15m < 1", orderBy: "metrics.mae_15m desc", limit: 1))
        #expect(list.runs.map(\.name) == ["arima-a"])
        #expect(list.columns == ["metrics.mae_15m"])
        #expect(list.runs.first?.metrics["mae_15m"] == 0.06)
    }

    /// Injection attempts are data, never SQL: they match nothing and the schema survives.
    @Test(arguments: [
        "params.model = 'x'' OR ''1''=''1'",
        "params.model = 'lstm''; DROP TABLE runs; --'",
        "params.`model' OR 1=1 --` = 'lstm'",
        "tags.\"metric\"\"; DELETE FROM runs; --\" = 'cpu'",
        "attributes.name like '%'' OR 1=1 --'",
    ])
    func injectionAttemptsMatchNothing(filter: String) throws {
        // A key no run has is reported as such; a bound value matches nothing.
        do {
            #expect(try names(filter).isEmpty)
        } catch TrackingError.unknownKey(let key, _, _, _) {
            #expect(key.contains("OR") || key.contains("DELETE"), "\(key)")
        }
        let count = try registry.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") }
        #expect(count == 5)
    }

    @Test func injectionInKeysIsRefusedOrBound() throws {
        #expect(throws: FilterError.self) { try names("attributes.`name; DROP TABLE runs` = 'x'") }
        #expect(throws: FilterError.self) { try names("metrics.mae_15m < 1 order by `x`") }
    }

    /// A key no run has is named, with the closest existing keys, instead of matching nothing.
    @Test func keysNoRunHasAreReportedWithTheClosestOnes() throws {
        do {
            _ = try names("metrics.mae_15 < 0.05")
            Issue.record("a filter on metrics.mae_15 should fail")
        } catch let error as TrackingError {
            #expect(error == .unknownKey(key: "metrics.mae_15", use: .filter, closest: ["metrics.mae_15m"], existing: ["metrics.mae_15m"]))
            #expect(error.description == "No run has metrics.mae_15, so the filter would match nothing — closest: metrics.mae_15m.")
        }
        #expect(throws: TrackingError.unknownKey(key: "metrics.mae_5m", use: .ordering, closest: ["metrics.mae_15m"], existing: ["metrics.mae_15m"])) {
            try names("params.model = 'lstm'", orderBy: "metrics.mae_5m")
        }
        // The same name under another kind is offered too.
        #expect(throws: TrackingError.unknownKey(key: "params.metric", use: .filter, closest: ["tags.metric"], existing: ["params.model"])) {
            try names("params.metric = 'cpu'")
        }
        let error = TrackingError.unknownKey(key: "tags.zzz", use: .filter, closest: [], existing: ["tags.metric"])
        #expect(error.description == "No run has tags.zzz, so the filter would match nothing; the tags keys are: tags.metric.")
        // Keys that exist still match nothing quietly when no value fits.
        #expect(try names("metrics.mae_15m > 5").isEmpty)
    }

    @Test func detailsFillEveryParamTagAndLatestMetric() throws {
        let plain = try registry.searchRuns(RunSearch(filter: "params.model = 'lstm'"))
        #expect(plain.runs.first?.metrics.isEmpty == true && plain.runs.first?.tags.isEmpty == true)
        let detailed = try registry.searchRuns(RunSearch(filter: "params.model = 'lstm'", details: true))
        let run = try #require(detailed.runs.first)
        #expect(run.params == ["model": "lstm"])
        #expect(run.tags == ["metric": "cpu"])
        #expect(run.metrics == ["mae_15m": 0.04])
        let naive = try #require(registry.searchRuns(RunSearch(filter: "attributes.name = 'naive'", details: true)).runs.first)
        #expect(naive.metrics["mae_15m"]?.isNaN == true)
    }

    @Test func experimentsCountRunsAndLastActivity() throws {
        let experiments = try registry.experiments()
        // Finishing arima-a, after the disk run started, is the latest activity: main comes first.
        #expect(experiments.map(\.name) == ["main", "disk"])
        #expect(experiments.map(\.runs) == [4, 1])
        // arima-a is FINISHED; the others are RUNNING with heartbeats seconds old.
        #expect(experiments.map(\.running) == [3, 1])
        #expect(experiments[0].lastActivity >= experiments[1].lastActivity)
    }
}
