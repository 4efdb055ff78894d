import Foundation
import Kernels
import Series
import Testing
import Ingest

/// Properties of two weeks of the default workload (3 containers, 15 s, seed 42).
@Suite struct GeneratorPlausibilityTests {
    static let workload: [SeriesKey: TimeSeries] = {
        var random = SplitMix64(seed: WorkloadConfig.defaultSeed)
        do {
            return try WorkloadGenerator(config: WorkloadConfig()).series(random: &random)
        } catch {
            Issue.record("generator failed: \(error)")
            return [:]
        }
    }()

    private func series(_ container: String, _ metric: ResourceMetric) throws -> TimeSeries {
        try #require(Self.workload[SeriesKey(container: container, metric: metric.rawValue)])
    }

    /// Indices k where value[k] < value[k−1].
    private func drops(_ values: [Double]) -> [Int] {
        values.indices.dropFirst().filter { values[$0] < values[$0 - 1] }
    }

    @Test func countersOnlyDropAtRestartsAndAllTogether() throws {
        for container in ["web-1", "api-2", "worker-3"] {
            let resets = drops(try series(container, .networkRx).values)
            #expect(!resets.isEmpty, "\(container) never restarted in 14 days")
            #expect(resets.count < 40, "\(container) restarted \(resets.count) times")
            for metric in [ResourceMetric.networkTx, .diskReads, .diskWrites] {
                #expect(drops(try series(container, metric).values) == resets, "\(container) \(metric)")
            }
            // After a reset a counter holds only one interval's bytes: far below its value before.
            let rx = try series(container, .networkRx).values
            for k in resets { #expect(rx[k] < 0.5 * rx[k - 1]) }
        }
    }

    @Test func gaugesStayInRange() throws {
        for container in ["web-1", "api-2", "worker-3"] {
            let cpu = try series(container, .cpu).values
            #expect(cpu.count == 80_640)
            #expect(cpu.allSatisfy { $0 >= 0 && $0 < 64 })
            #expect(cpu.contains { $0 > 0 })
            let memory = try series(container, .memory).values
            #expect(memory.allSatisfy { $0 > 50 * 1_048_576 && $0 < 64 * 1_073_741_824 })
        }
    }

    /// R² of the least-squares fit cpu ≈ a + b·sin(2πt/86400) + c·cos(2πt/86400).
    private func dailyR2(_ series: TimeSeries) -> Double {
        let n = Double(series.count)
        let mean = series.values.reduce(0, +) / n
        // sin and cos over whole days are orthogonal to each other and to 1, each with mean square 1/2.
        var b = 0.0, c = 0.0
        for (t, v) in zip(series.timestamps, series.values) {
            let angle = 2 * Double.pi * t / 86_400
            b += (v - mean) * sin(angle)
            c += (v - mean) * cos(angle)
        }
        b *= 2 / n
        c *= 2 / n
        let explained = (b * b + c * c) / 2
        let variance = series.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return explained / variance
    }

    @Test func dailyCycleIsVisible() throws {
        #expect(dailyR2(try series("web-1", .cpu)) > 0.3)
        #expect(dailyR2(try series("api-2", .cpu)) > 0.2)
        #expect(dailyR2(try series("worker-3", .cpu)) > 0.05)
    }

    @Test func weekendsAreQuieterForWeb() throws {
        let cpu = try series("web-1", .cpu)
        var weekend: [Double] = [], weekday: [Double] = []
        for (t, v) in zip(cpu.timestamps, cpu.values) {
            let day = CivilTime.weekday(fromDays: Int((t / 86_400).rounded(.down)))
            if day >= 5 { weekend.append(v) } else { weekday.append(v) }
        }
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
        #expect(mean(weekend) < 0.9 * mean(weekday))
    }

    @Test func memoryIsCollectedBetweenRestarts() throws {
        let memory = try series("api-2", .memory).values
        let restarts = Set(drops(try series("api-2", .networkRx).values))
        // Garbage collections: drops of more than 5 % at steps without a restart.
        let collections = memory.indices.dropFirst().filter { !restarts.contains($0) && memory[$0] < 0.95 * memory[$0 - 1] }
        #expect(collections.count > 50)
    }
}
