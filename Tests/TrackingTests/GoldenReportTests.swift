import Foundation
import Testing
@testable import Tracking

/// Table output of `runs` checked against Golden/*.txt. A stepping clock and seeded ids make
/// every time and id in the output fixed. Re-record: RECORD_GOLDEN=1 swift test --filter TrackingTests
@Suite struct GoldenReportTests {
    let registry: Registry
    let lstmWide: RunID, lstmNarrow: RunID, arima: RunID, sweep: RunID

    init() throws {
        registry = try Registry.inMemory(clock: SteppingClock(start: 1_800_000_000, tick: 7), ids: SeededRunIDGenerator(seed: 42))
        sweep = try registry.createRun(RunSpec(experiment: "cpu-forecast", name: "sweep-lstm", seed: 1))
        lstmWide = try Self.trained(registry, name: "lstm-w240", parent: sweep, seed: 7,
                                    params: ["model": "lstm", "window": "240", "hidden": "128", "lr": "0.001"],
                                    mae: [0.041, 0.052, 0.067], coverage: 0.91, losses: [0.9, 0.5, 0.31, 0.22, 0.18, 0.16, 0.15, 0.149])
        lstmNarrow = try Self.trained(registry, name: "lstm-w120", parent: sweep, seed: 8,
                                      params: ["model": "lstm", "window": "120", "hidden": "128", "lr": "0.003"],
                                      mae: [0.039, 0.058, 0.071], coverage: 0.88, losses: [0.8, 0.45, 0.3, 0.27, 0.26])
        arima = try Self.trained(registry, name: "arima-111", parent: nil, seed: nil,
                                 params: ["model": "arima", "order": "1,1,1"],
                                 mae: [0.044, 0.055, 0.062], coverage: .nan, losses: [])
        try registry.setStatus(run: sweep, .finished)
        _ = try registry.createRun(RunSpec(experiment: "memory-forecast", name: "naive-mem", tags: ["metric": "memory"]))
    }

    static func trained(_ registry: Registry, name: String, parent: RunID?, seed: UInt64?, params: [String: String],
                        mae: [Double], coverage: Double, losses: [Double]) throws -> RunID {
        let run = try registry.createRun(RunSpec(experiment: "cpu-forecast", name: name, seed: seed,
                                                 source: RunSource(file: "Pipelines/cpu.yaml", specHash: "9f86d081884c7d659a2feaa0c55ad015"),
                                                 parent: parent, tags: ["metric": "cpu"]))
        var points = zip(["mae_5m", "mae_15m", "mae_30m"], mae).map { MetricPoint(key: $0.0, value: $0.1) }
        points.append(MetricPoint(key: "coverage_90", value: coverage))
        points += losses.enumerated().map { MetricPoint(key: "loss", value: $0.element, step: Int64($0.offset)) }
        try registry.logBatch(run: run, params: params, metrics: points, tags: [:])
        _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("{\"model\":\"\(name)\"}".utf8))
        try registry.setStatus(run: run, .finished)
        return run
    }

    @Test func listAll() throws {
        try golden.check(RunReports.list(registry.searchRuns(RunSearch())), named: "list")
    }

    @Test func listFilteredAndOrdered() throws {
        let search = RunSearch(filter: "params.model = 'lstm' or metrics.mae_15m < 0.056", orderBy: "metrics.mae_15m")
        try golden.check(RunReports.list(registry.searchRuns(search)), named: "list-filtered")
    }

    @Test func show() throws {
        try golden.check(RunReports.show(registry.runDetails(lstmWide)), named: "show")
    }

    @Test func diff() throws {
        try golden.check(RunReports.diff(registry.diff(lstmWide, lstmNarrow)), named: "diff")
    }

    @Test func compare() throws {
        try golden.check(RunReports.compare(registry.compare([lstmWide, lstmNarrow, arima])), named: "compare")
    }

    /// Two series (cpu, memory), a repeated run name, and a width that forces two pages.
    @Test func compareAcrossSeriesAndPages() throws {
        let memory = try registry.createRun(RunSpec(experiment: "memory-forecast", name: "lstm-w240", tags: ["metric": "memory"]))
        try registry.logBatch(run: memory, params: ["model": "lstm", "window": "240", "hidden": "64", "lr": "0.001"],
                              metrics: [MetricPoint(key: "mae_15m", value: 0.021), MetricPoint(key: "mae_5m", value: 0.011)], tags: [:])
        try registry.setStatus(run: memory, .finished)
        let runs = [lstmWide, lstmNarrow, arima, memory]
        let comparison = try registry.compare(runs, metrics: ["mae_5m", "mae_15m"])
        #expect(comparison.series == ["cpu", "cpu", "cpu", "memory"])
        // memory's 0.021 is lowest overall but is alone in its series: marked only across series.
        #expect(comparison.rows.map(\.best) == [[1], [0]])
        #expect(try registry.compare(runs, metrics: ["mae_5m", "mae_15m"], acrossSeries: true).rows.map(\.best) == [[3], [3]])
        let text = RunReports.compare(comparison, width: 64)
        let tableLines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.hasPrefix("* best") }
        #expect(tableLines.allSatisfy { $0.count <= 64 }, "\(text)")
        #expect(text.contains("Runs 1–") && text.contains("lstm-w240 #"))
        try golden.check(text, named: "compare-series")
    }

    @Test func longNamesBreakAfterSlashesAndBeforeTheIdSuffix() {
        #expect(RunReports.wrapped("gen/web-1/cpu/naive #479d33", width: 14) == "gen/web-1/cpu/\nnaive #479d33")
        #expect(RunReports.wrapped("gen/web-1/cpu/naive #479d33", width: 10) == "gen/web-1/\ncpu/naive\n#479d33")
        #expect(RunReports.wrapped("lstm-w240", width: 4) == "lstm-w240")
        var table = TextTable([.init("KEY"), .init("a/\nb", .right)])
        table.append(["x", "1"])
        #expect(table.render() == "     a/\nKEY   b\n---  --\nx     1")
    }

    @Test func compareUnknownMetricNamesTheClosest() throws {
        #expect(throws: TrackingError.unknownKey(key: "metrics.mae_15", use: .comparison, closest: ["metrics.mae_15m", "metrics.mae_5m"],
                                                 existing: ["metrics.coverage_90", "metrics.loss", "metrics.mae_15m", "metrics.mae_30m", "metrics.mae_5m"])) {
            try registry.compare([lstmWide, arima], metrics: ["mae_15"])
        }
    }

    @Test func experiments() throws {
        try golden.check(RunReports.experiments(registry.experiments()), named: "experiments")
    }

    @Test func history() throws {
        try golden.check(RunReports.history(registry.history(lstmWide, metric: "loss")), named: "history")
    }

    @Test func modelsAfterPromotionsAndRollback() throws {
        _ = try registry.promote(run: arima, model: "cpu", artifact: nil, alias: "production", reason: "baseline")
        let promotion = try registry.promote(run: lstmWide, model: "cpu", artifact: nil, alias: "production", reason: "lower mae_15m")
        try golden.check(RegistryReports.promotion(promotion), named: "promote")
        _ = try registry.promote(run: lstmNarrow, model: "cpu", artifact: nil, alias: "staging", reason: nil)
        _ = try registry.rollback(model: "cpu", alias: "production", reason: "latency regression")
        try golden.check(RegistryReports.models(registry.models()), named: "models")
    }

    /// The diff's numbers, checked by hand: B − A and (B − A) / |A|.
    @Test func diffNumbersAndVerdicts() throws {
        let diff = try registry.diff(lstmWide, lstmNarrow)
        #expect(diff.params.map(\.key) == ["lr", "window"])
        let mae15 = try #require(diff.metrics.first { $0.key == "mae_15m" })
        #expect(abs((mae15.absolute ?? 0) - 0.006) < 1e-12)
        #expect(abs((mae15.relative ?? 0) - 0.006 / 0.052) < 1e-12)
        #expect(mae15.verdict == .worse)
        let coverage = try #require(diff.metrics.first { $0.key == "coverage_90" })
        #expect(coverage.direction == .max && coverage.verdict == .worse)
        #expect(diff.metrics.first { $0.key == "mae_5m" }?.verdict == .better)
    }
}
