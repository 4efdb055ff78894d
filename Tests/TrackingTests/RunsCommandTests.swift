import Foundation
import TestSupport
import Testing
@testable import Tracking

/// The `runs` executable end to end, over a registry file written through the library.
@Suite struct RunsCommandTests {
    let folder: TemporaryFolder
    let first: RunID, second: RunID

    init() throws {
        folder = try TemporaryFolder()
        let registry = try Registry.open(RegistryLocation(databasePath: folder.registryPath))
        first = try registry.createRun(RunSpec(experiment: "cpu", name: "arima"))
        second = try registry.createRun(RunSpec(experiment: "cpu", name: "lstm"))
        for (run, mae) in [(first, 0.06), (second, 0.04)] {
            try registry.logBatch(run: run, params: ["model": run == first ? "arima" : "lstm"],
                                  metrics: (0..<5).map { MetricPoint(key: "mae_15m", value: mae + Double(4 - $0) * 0.01, step: Int64($0)) }, tags: [:])
            _ = try registry.logArtifact(run: run, name: "model.json", kind: "model", data: Data("\(run)".utf8))
            try registry.setStatus(run: run, .finished)
        }
    }

    @Test func listsFiltersPromotesAndRollsBack() throws {
        let runs = try ProductRunner(product: "runs")
        let db = folder.registryPath
        // The environment variable points at the registry when --db is absent.
        let (listStatus, listJSON, _) = try runs.run(
            ["list", "--json", "--filter", "metrics.mae_15m < 0.05"], environment: ["AUTOSCALE_REGISTRY": db]).components
        #expect(listStatus == 0)
        let list = try JSONDecoder().decode(RunList.self, from: Data(listJSON.utf8))
        #expect(list.runs.map(\.id) == [second])

        let (showStatus, show, _) = try runs.run(["show", String(second.rawValue.prefix(6)), "--db", db]).components
        #expect(showStatus == 0)
        #expect(show.contains("Run \(second.rawValue) (lstm)"))

        let (historyStatus, history, _) = try runs.run(["history", second.short, "--metric", "mae_15m", "--db", db]).components
        #expect(historyStatus == 0)
        #expect(history.contains("█") && history.contains("▁"))

        for run in [first, second] {
            let (status, output, errors) = try runs.run(["promote", run.short, "--model", "cpu", "--reason", "test", "--db", db]).components
            #expect(status == 0, "\(errors)")
            #expect(output.contains(run == first ? "Alias production: (none) → version 1." : "replaced version 1"))
        }
        let (rollbackStatus, rollback, _) = try runs.run(["rollback", "cpu", "--db", db]).components
        #expect(rollbackStatus == 0)
        #expect(rollback.contains("version 2 → version 1"))
        let (againStatus, _, againError) = try runs.run(["rollback", "cpu", "--db", db]).components
        #expect(againStatus != 0)
        #expect(againError.contains("no earlier version"))
    }

    @Test func errorsAreSentencesWithTheOffendingValue() throws {
        let runs = try ProductRunner(product: "runs")
        let db = folder.registryPath
        let (filterStatus, _, filterError) = try runs.run(["list", "--db", db, "--filter", "metrics.mae_15m << 1"]).components
        #expect(filterStatus != 0)
        #expect(filterError.contains("column 18"))
        let (missingStatus, _, missingError) = try runs.run(["list", "--db", folder.url.appendingPathComponent("none.sqlite").path]).components
        #expect(missingStatus != 0)
        #expect(missingError.contains("No registry at"))
        // Nothing was created by the failed read.
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("none.sqlite").path))
        let (diffStatus, _, diffError) = try runs.run(["diff", "zz", first.short, "--db", db]).components
        #expect(diffStatus != 0)
        #expect(diffError.contains("'zz' is not a run id"))
    }

    @Test func experimentsAndDetailedJSONList() throws {
        let runs = try ProductRunner(product: "runs")
        let db = folder.registryPath
        let (status, table, errors) = try runs.run(["experiments", "--db", db]).components
        #expect(status == 0, "\(errors)")
        #expect(table.contains("cpu") && table.contains("1 experiment; list the runs of one with `runs list --experiment cpu`"))
        let (jsonStatus, json, _) = try runs.run(["experiments", "--json", "--db", db]).components
        #expect(jsonStatus == 0)
        let experiments = try JSONDecoder().decode([ExperimentSummary].self, from: Data(json.utf8))
        #expect(experiments.map(\.name) == ["cpu"] && experiments.map(\.runs) == [2])

        // The hint of an unknown experiment names a command that works as printed.
        let (missingStatus, _, missing) = try runs.run(["list", "--experiment", "cpx", "--db", db]).components
        #expect(missingStatus != 0)
        #expect(missing.contains("(did you mean 'cpu'?); list experiments with `runs experiments`."))

        let (listStatus, listJSON, _) = try runs.run(["list", "--json", "--db", db, "--order-by", "attributes.name"]).components
        #expect(listStatus == 0)
        let list = try JSONDecoder().decode(RunList.self, from: Data(listJSON.utf8))
        #expect(list.runs.map(\.params) == [["model": "arima"], ["model": "lstm"]])
        #expect(list.runs.map { $0.metrics["mae_15m"] } == [0.06, 0.04])
        let (plainStatus, plainJSON, _) = try runs.run(["list", "--json", "--no-details", "--db", db]).components
        #expect(plainStatus == 0)
        #expect(try JSONDecoder().decode(RunList.self, from: Data(plainJSON.utf8)).runs.allSatisfy { $0.params.isEmpty && $0.metrics.isEmpty })
    }

    @Test func unknownKeysAndOrderingErrorsSayWhatIsWrong() throws {
        let runs = try ProductRunner(product: "runs")
        let db = folder.registryPath
        let (filterStatus, filterOut, filterError) = try runs.run(["list", "--db", db, "--filter", "metrics.mae_15 < 0.05"]).components
        #expect(filterStatus != 0)
        #expect(!filterOut.contains("0 runs"))
        #expect(filterError.contains("No run has metrics.mae_15, so the filter would match nothing — closest: metrics.mae_15m."))
        let (orderStatus, _, orderError) = try runs.run(["list", "--db", db, "--order-by", "metrics.mae_15m upward"]).components
        #expect(orderStatus != 0)
        #expect(orderError.contains("Ordering error at column 17"))
        #expect(!orderError.contains("Filter error"))
        let (keyStatus, _, keyError) = try runs.run(["list", "--db", db, "--order-by", "params.modle"]).components
        #expect(keyStatus != 0)
        #expect(keyError.contains("No run has params.modle, so runs cannot be ordered by it — closest: params.model."))
    }

    @Test func compareIsHeadedByNamesAndFitsTheWidth() throws {
        let registry = try Registry.open(RegistryLocation(databasePath: folder.registryPath))
        // The same name again, as a second demo run would log it.
        let again = try registry.createRun(RunSpec(experiment: "cpu", name: "lstm"))
        try registry.logBatch(run: again, params: ["model": "lstm"], metrics: [MetricPoint(key: "mae_15m", value: 0.05)], tags: [:])
        let runs = try ProductRunner(product: "runs")
        let (status, output, errors) = try runs.run(["compare", first.short, second.short, again.short, "--db", folder.registryPath]).components
        #expect(status == 0, "\(errors)")
        let lines = output.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(output)")
        #expect(output.contains("arima") && !output.contains(first.short + "  " + second.short))
        // The two "lstm" runs are told apart by an id suffix, in the heads and in the legend.
        #expect(output.contains("lstm #\(second.rawValue.prefix(6))  \(second.short)"))
        #expect(output.contains("lstm #\(again.rawValue.prefix(6))  \(again.short)"))
        #expect(output.contains("#\(second.rawValue.prefix(6))  #\(again.rawValue.prefix(6))"))
        #expect(output.contains("params.model"))
    }

    /// Every `runs …` command a hint quotes runs as printed (with this test's --db added).
    @Test func hintsNameCommandsThatWork() throws {
        let runs = try ProductRunner(product: "runs")
        let db = folder.registryPath
        var hints: [String] = []
        for arguments in [["experiments"], ["list", "--experiment", "cpx"], ["show", "abcdef"], ["models"], ["models", "cpx"]] {
            let result = try runs.run(arguments + ["--db", db])
            hints += (result.stdout + result.stderr).split(separator: "`").enumerated()
                .filter { $0.offset % 2 == 1 && $0.element.hasPrefix("runs ") }.map { String($0.element) }
        }
        #expect(Set(hints) == ["runs list --experiment cpu", "runs experiments", "runs list", "runs promote --help", "runs models"])
        for hint in Set(hints) {
            let arguments = hint.split(separator: " ").dropFirst().map(String.init)
            let (status, _, errors) = try runs.run(arguments + (arguments.contains("--help") ? [] : ["--db", db])).components
            #expect(status == 0, "`\(hint)` failed: \(errors)")
        }
    }
}
