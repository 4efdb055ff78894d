import Forecasting
import Foundation
import Pipeline
import Series
import TestSupport
import Testing
import Tracking

/// The runner end to end on a real registry file: what it records, what it reuses, what it
/// reruns when one parameter changes, and what a failure does to the rest.
@Suite struct PipelineRunnerTests {
    @Test func firstRunRecordsParentChildrenArtifactsAndAProductionModelThatForecasts() throws {
        let w = try TinyPipeline.Workspace()
        let report = try w.run()
        #expect(report.failed.isEmpty && report.skipped.isEmpty, "\(report.stages)")
        #expect(report.executed == 10 && report.reused == 0)
        let parent = try #require(report.run)
        let registry = try w.registry()

        let details = try registry.runDetails(parent)
        #expect(details.header.status == .finished)
        #expect(details.tags["pipeline"] == "tiny")
        #expect(details.tags["stage.train@naive"] == "executed")
        #expect(details.childRuns.count == 2)
        #expect(Set(details.childRuns.map(\.name)) == ["web-1/cpu/naive", "web-1/cpu/snaive"])

        // Each child: params, validation and test metrics, a model artifact whose hash verifies.
        for child in details.childRuns {
            let run = try registry.runDetails(child.id)
            #expect(run.params["protocol"] == "EVALUATION.md v1")
            for key in ["val_mase_15m", "mase_15m", "val_mae_5m", "relmae_30m"] {
                #expect(run.latest[key]?.isFinite == true, "\(key) of \(child.name): \(run.latest)")
            }
            // Interval coverage of the test and validation parts, shares in [0, 1].
            for key in ["coverage_80_15m", "coverage_95_30m", "val_coverage_80_5m", "val_coverage_95_15m"] {
                #expect(run.latest[key].map { (0...1).contains($0) } == true, "\(key) of \(child.name): \(run.latest)")
            }
            let model = try #require(run.artifacts.first { $0.name == "model.json" && $0.kind == "model" })
            let data = try registry.readArtifact(model)
            #expect(ContentHash.sha256Hex(data) == model.sha256)
            _ = try ArtifactLoader.load(data)
        }
        // The naive run's relMAE against itself is 1.
        let naive = try #require(details.childRuns.first { $0.name.hasSuffix("/naive") })
        #expect(try registry.runDetails(naive.id).latest["relmae_15m"] == 1)

        // The selected run is the one with the lower val_mase_15m, and production points at it.
        let metrics = try details.childRuns.map { (id: $0.id, value: try registry.runDetails($0.id).latest["val_mase_15m"]!) }
        let best = try #require(metrics.min { $0.value < $1.value })
        let registered = try #require(report.registered.first)
        #expect(registered.model == "autoscale-cpu" && registered.version == 1 && registered.run == best.id)
        let production = try registry.resolveAlias(model: "autoscale-cpu", alias: "production")
        #expect(production.run == best.id)

        // The production artifact loads and forecasts cpu in its own units.
        let artifact = try ArtifactLoader.load(try registry.readArtifact(production.artifact))
        let history = TimeSeries(name: "h", timestamps: (0..<400).map { 1_767_571_200 + Double($0) * 300 },
                                 values: (0..<400).map { 0.5 + 0.1 * sin(Double($0) / 20) })
        let path = try artifact.forecast(rawHistory: history, steps: 6)
        #expect(path.count == 6 && path.allSatisfy(\.isFinite))

        // The report is an artifact of the parent run.
        #expect(details.artifacts.contains { $0.name == "report.md" })
        #expect(report.reports.first?.contains("snaive") == true)
    }

    @Test func unchangedRerunExecutesNothing() throws {
        let w = try TinyPipeline.Workspace()
        _ = try w.run()
        let again = try w.run()
        #expect(again.executed == 0 && again.reused == 10, "\(again.stages)")
        #expect(again.registered.first?.version == 1, "a reused register stage registers nothing new")
        let status = try w.status()
        #expect(status.stale.isEmpty, "\(status.stale)")
    }

    @Test func changingOneParameterRerunsExactlyWhatIsDownstream() throws {
        let w = try TinyPipeline.Workspace()
        _ = try w.run()
        let status = try w.status(["models=[naive, snaive, arima]"])
        #expect(status.stale.map(\.id) == ["train@arima", "evaluate@arima", "select", "register", "report"], "\(status.stages)")
        let widened = try w.run(["models=[naive, snaive, arima]"])
        #expect(widened.ids("executed") == ["train@arima", "evaluate@arima", "select", "register", "report"], "\(widened.stages)")
        #expect(widened.ids("reused") == ["data", "series", "split", "train@naive", "train@snaive", "evaluate@naive", "evaluate@snaive"])

        // More data changes everything from the ingest stage on; status says which parameter.
        let longer = try w.status(["days=3"])
        let data = try #require(longer.stages.first { $0.id == "data" })
        #expect(data.state == "stale" && data.reasons == ["parameters changed: generate.days"], "\(data)")
        #expect(longer.stale.count == 10)
    }

    @Test func forceRerunsTheNamedStageOnly() throws {
        let w = try TinyPipeline.Workspace()
        _ = try w.run()
        let forced = try w.run(force: .stages(["split"]))
        // The split's product is the same bytes, so what reads it is still up to date.
        #expect(forced.ids("executed") == ["split"], "\(forced.stages)")
        #expect(throws: PipelineRunError.self) { try w.run(force: .stages(["spilt"])) }
    }

    @Test func dryRunRunsAndRecordsNothing() throws {
        let w = try TinyPipeline.Workspace()
        let dry = try w.run(dryRun: true)
        #expect(dry.run == nil && dry.ids("would run").count == 10)
        #expect(!FileManager.default.fileExists(atPath: w.location.databasePath))
    }

    @Test func aFailingStageStopsItsDependantsAndLetsOthersFinish() throws {
        // One day of data is too short for snaive's validation refit (a day of history
        // before the first origin): it fails, naive goes on.
        let yaml = TinyPipeline.yaml.replacingOccurrences(of: "days: 2", with: "days: 1")
        let w = try TinyPipeline.Workspace(yaml: yaml)
        let report = try w.run()
        #expect(report.outcome("train@snaive") == "failed", "\(report.stages)")
        #expect(report.outcome("evaluate@snaive") == "skipped")
        #expect(report.outcome("train@naive") == "executed" && report.outcome("evaluate@naive") == "executed")
        // select and report work with the candidates that were evaluated.
        #expect(report.outcome("select") == "executed" && report.outcome("register") == "executed" && report.outcome("report") == "executed")
        let naive = try w.registry().searchRuns(RunSearch(filter: "tags.stage = 'train@naive'")).runs.first?.id
        #expect(naive != nil && report.registered.first?.run == naive)
        let reason = try #require(report.failed.first?.reason)
        #expect(!reason.isEmpty)
        let parent = try w.registry().runDetails(try #require(report.run))
        #expect(parent.header.status == .failed)
        #expect(parent.tags["stage.train@snaive"]?.hasPrefix("failed: ") == true)
    }

    @Test func anLSTMNeverSharesTheCoresWhenJobsIsTwo() throws {
        let w = try TinyPipeline.Workspace(yaml: TinyPipelineSpec.withLSTM(epochs: 1))
        _ = try w.folder.file("small-lstm.yaml", TinyPipelineSpec.smallLSTMConfig)
        let log = EventLog()
        let report = try w.run(["models=[naive, lstm, snaive]"], jobs: 2, events: log.events)
        #expect(report.failed.isEmpty, "\(report.stages)")
        // While train@lstm runs (two threads), no other stage runs.
        #expect(log.overlapping("train@lstm").isEmpty, "\(log.entries)")
    }
}

/// Start and finish events in order, to check which stages ran at the same time.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var entries: [(String, Bool)] = []

    var events: PipelineEvents {
        PipelineEvents(
            started: { [self] id in lock.withLock { entries.append((id, true)) } },
            finished: { [self] id, outcome in
                if case .executed = outcome { lock.withLock { entries.append((id, false)) } }
            })
    }

    /// Stages running at some moment while `id` ran.
    func overlapping(_ id: String) -> Set<String> {
        var running = Set<String>()
        var seen = Set<String>()
        for (stage, started) in lock.withLock({ entries }) {
            if started { running.insert(stage) } else { running.remove(stage) }
            if running.contains(id) { seen.formUnion(running.subtracting([id])) }
        }
        return seen
    }
}
