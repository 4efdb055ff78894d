import Foundation
import TestSupport
import Testing
@testable import Tracking

/// `runs show` on a parent run: its children with a key metric, its `stage.*` tags as stage
/// outcomes (text golden and JSON), and the filters that find a pipeline's runs.
@Suite struct ShowChildrenTests {
    let registry: Registry
    let pipeline: RunID
    let children: [RunID]

    init() throws {
        registry = try Registry.inMemory(clock: SteppingClock(start: 1_800_000_000, tick: 3), ids: SeededRunIDGenerator(seed: 21))
        pipeline = try registry.createRun(RunSpec(experiment: "pipelines", name: "quickstart", tags: ["pipeline": "quickstart"]))
        var made: [RunID] = []
        let models: [(String, [String: Double], RunStatus)] = [
            ("cpu/lstm", ["val_loss": 0.214, "val_mae": 0.1, "train_loss": 0.18], .finished),
            ("cpu/arima", ["val_loss": 0.305], .finished),
            ("cpu/naive", [:], .failed),
        ]
        for (name, metrics, status) in models {
            let run = try registry.createRun(RunSpec(experiment: "pipelines", name: name, parent: pipeline, tags: ["pipeline": "quickstart"]))
            try registry.logMetrics(run: run, metrics.sorted { $0.key < $1.key }.map { MetricPoint(key: $0.key, value: $0.value) })
            try registry.setStatus(run: run, status)
            made.append(run)
        }
        children = made
        try registry.logBatch(run: pipeline, params: [:], metrics: [], tags: [
            "stage.ingest": "executed", "stage.split": "reused", "stage.train-lstm": "executed",
            "stage.train-arima": "failed: ARIMA did not converge (order 5,1,5)", "stage.report": "skipped",
        ])
        try registry.setStatus(run: pipeline, .failed)
        _ = try registry.createRun(RunSpec(experiment: "pipelines", name: "other", tags: ["pipeline": "nightly"]))
    }

    @Test func showListsChildrenAndStages() throws {
        let details = try registry.runDetails(pipeline)
        #expect(details.childRuns.map(\.name) == ["cpu/lstm", "cpu/arima", "cpu/naive"])
        #expect(details.childRuns.map(\.id) == children && details.children.map(\.id) == children)
        #expect(details.childMetric == "val_loss")
        #expect(details.childRuns.map(\.metric) == [0.214, 0.305, nil])
        #expect(details.childRuns.map(\.status) == [.finished, .finished, .failed])
        let stages = try #require(details.stages)
        #expect(stages.stages.map(\.stage) == ["ingest", "report", "split", "train-arima", "train-lstm"])
        #expect((stages.executed, stages.reused, stages.failed, stages.unrecognized) == (2, 1, 1, 1))
        #expect(stages.stages[3].outcome == .failed && stages.stages[3].reason == "ARIMA did not converge (order 5,1,5)")
        #expect(stages.stages[1].outcome == .unrecognized && stages.stages[1].value == "skipped")
        // The stage tags stay tags.
        #expect(details.tags["stage.split"] == "reused")
        try golden.check(RunReports.show(details), named: "show-parent")
    }

    @Test func jsonKeepsTheOldFieldsAndAddsChildrenAndStages() throws {
        let details = try registry.runDetails(pipeline)
        let json = try JSONOutput.string(details)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for field in ["header", "params", "tags", "metrics", "artifacts", "ancestors", "children", "modelVersions",
                      "childRuns", "childMetric", "stages"] {
            #expect(object[field] != nil, "missing \(field)")
        }
        #expect(try JSONDecoder().decode(RunDetails.self, from: Data(json.utf8)) == details)
        // A run without children or stage tags has neither section nor the optional fields.
        let leaf = try registry.runDetails(children[0])
        #expect(leaf.childRuns.isEmpty && leaf.childMetric == nil && leaf.stages == nil)
        let text = RunReports.show(leaf)
        #expect(!text.contains("Children") && !text.contains("Stages") && text.contains("parent  \(pipeline.short)  quickstart"))
    }

    @Test func childMetricFallsBackToObjectiveThenNone() throws {
        let sweep = try registry.createRun(RunSpec(experiment: "sweep", name: "sweep"))
        let trial = try registry.createRun(RunSpec(experiment: "sweep", name: "trial-0", parent: sweep))
        #expect(try registry.runDetails(sweep).childMetric == nil)
        #expect(!RunReports.show(try registry.runDetails(sweep)).contains("objective"))
        try registry.logMetrics(run: trial, [MetricPoint(key: "objective", value: .nan), MetricPoint(key: "loss", value: 1)])
        let details = try registry.runDetails(sweep)
        #expect(details.childMetric == "objective")
        #expect(details.childRuns.first?.metric?.isNaN == true)
        #expect(RunReports.show(details).contains("Children (1 running)"))
    }

    @Test func filtersFindAPipelinesRuns() throws {
        let byParent = try registry.searchRuns(RunSearch(filter: "attributes.parent = '\(pipeline.rawValue)'")).runs
        #expect(Set(byParent.map(\.id)) == Set(children))
        #expect(try registry.searchRuns(RunSearch(filter: "run.parent_id like '\(pipeline.rawValue.prefix(8))%'")).runs.count == 3)
        let tagged = try registry.searchRuns(RunSearch(filter: "tags.pipeline = 'quickstart' order by attributes.name")).runs
        #expect(tagged.map(\.name) == ["cpu/arima", "cpu/lstm", "cpu/naive", "quickstart"])
        let failedStage = try registry.searchRuns(RunSearch(filter: "tags.`stage.train-arima` like 'failed%'")).runs
        #expect(failedStage.map(\.id) == [pipeline])
        // The attribute needs its prefix; the error says how to write it.
        #expect(throws: FilterError.self) { try registry.searchRuns(RunSearch(filter: "parent = '\(pipeline.rawValue)'")) }
    }
}

/// The same through the `runs` executable on a registry file.
@Suite struct ShowChildrenCommandTests {
    @Test func showAndListOnAParentRun() throws {
        let folder = try TemporaryFolder()
        let registry = try Registry.open(RegistryLocation(databasePath: folder.registryPath))
        let pipeline = try registry.createRun(RunSpec(experiment: "pipelines", name: "quickstart", tags: ["pipeline": "quickstart"]))
        let child = try registry.createRun(RunSpec(experiment: "pipelines", name: "cpu/lstm", parent: pipeline))
        try registry.logMetric(run: child, key: "val_loss", value: 0.25)
        try registry.setStatus(run: child, .finished)
        try registry.setTag(run: pipeline, key: "stage.train", value: "failed: out of memory")
        let runs = try ProductRunner(product: "runs")
        let db = folder.registryPath

        let (status, text, errors) = try runs.run(["show", pipeline.short, "--db", db]).components
        #expect(status == 0, "\(errors)")
        #expect(text.contains("Stages (0 executed, 0 reused, 1 failed)"))
        #expect(text.contains("Children (1 finished)"))
        #expect(text.contains(child.short) && text.contains("0.25"))

        let (jsonStatus, json, _) = try runs.run(["show", pipeline.short, "--json", "--db", db]).components
        #expect(jsonStatus == 0)
        let details = try JSONDecoder().decode(RunDetails.self, from: Data(json.utf8))
        #expect(details.childRuns.map(\.id) == [child] && details.childMetric == "val_loss" && details.childRuns.first?.metric == 0.25)
        #expect(details.stages?.stages.first?.reason == "out of memory")

        let (listStatus, listJSON, listErrors) = try runs.run(
            ["list", "--json", "--db", db, "--filter", "attributes.parent = '\(pipeline.rawValue)'"]).components
        #expect(listStatus == 0, "\(listErrors)")
        #expect(try JSONDecoder().decode(RunList.self, from: Data(listJSON.utf8)).runs.map(\.id) == [child])
        let (tagStatus, tagJSON, _) = try runs.run(["list", "--json", "--db", db, "--filter", "tags.pipeline = 'quickstart'"]).components
        #expect(tagStatus == 0)
        #expect(try JSONDecoder().decode(RunList.self, from: Data(tagJSON.utf8)).runs.map(\.id) == [pipeline])
        let (bareStatus, _, bareError) = try runs.run(["list", "--db", db, "--filter", "parent = '\(pipeline.rawValue)'"]).components
        #expect(bareStatus != 0)
        #expect(bareError.contains("attributes.parent"))
    }
}
