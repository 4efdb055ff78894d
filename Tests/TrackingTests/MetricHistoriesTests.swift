import Foundation
import Testing
@testable import Tracking

/// `Registry.metricHistories(runs:key:)`, the batched read a sweep's pruner uses.
@Suite struct MetricHistoriesTests {
    @Test func readsEachRunsPointsByStepAndLeavesOutRunsWithoutTheKey() throws {
        let registry = try Registry.inMemory(clock: SteppingClock(start: 1_800_000_000), ids: SeededRunIDGenerator(seed: 3))
        let a = try registry.createRun(RunSpec(experiment: "sweep"))
        let b = try registry.createRun(RunSpec(experiment: "sweep"))
        let c = try registry.createRun(RunSpec(experiment: "sweep"))
        try registry.logMetrics(run: a, [MetricPoint(key: "val_loss", value: 0.5, step: 2), MetricPoint(key: "val_loss", value: 0.9, step: 1)])
        try registry.logMetrics(run: b, [MetricPoint(key: "val_loss", value: .nan, step: 1), MetricPoint(key: "train_loss", value: 1, step: 1)])
        try registry.logMetrics(run: c, [MetricPoint(key: "train_loss", value: 2, step: 1)])

        let histories = try registry.metricHistories(runs: [a, b, c], key: "val_loss")
        #expect(Set(histories.keys) == [a, b])
        #expect(histories[a]?.map(\.step) == [1, 2])
        #expect(histories[a]?.map(\.value) == [0.9, 0.5])
        #expect(histories[b]?.count == 1 && histories[b]?.first?.value.isNaN == true)
        #expect(try registry.metricHistories(runs: [], key: "val_loss").isEmpty)
    }

    @Test func anUnknownRunIsAnError() throws {
        let registry = try Registry.inMemory()
        let missing = try RunID(String(repeating: "a", count: 32))
        #expect(throws: TrackingError.runNotFound(prefix: missing.rawValue)) {
            try registry.metricHistories(runs: [missing], key: "val_loss")
        }
    }
}
