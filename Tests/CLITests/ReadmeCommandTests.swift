import Foundation
import TestSupport
import Testing

/// The README is tested (issue 14, part 5): every command in its ```sh blocks is either run
/// here, in README order, by the built `autoscale` and `runs` in a fresh folder laid out like
/// a clone (Pipelines/, Configs/, ../shared/data/real), or named with the test that runs it
/// elsewhere. A command added to the README without a recipe below fails
/// `everyReadmeCommandHasARecipe`, and so does a recipe whose command left the README.
///
/// "As printed" has two exceptions, each in the recipe: big inputs are made small with
/// `--set` (pipelines train on a day of data, not a week) and the placeholder run ids of the
/// `runs` examples (`3fa2`, `91bc`) become real run ids of the folder's registry.
@Suite(.serialized) struct ReadmeCommandTests {
    @Test func everyReadmeCommandHasARecipe() throws {
        let commands = try Self.commands()
        let missing = commands.filter { Self.recipes[$0.text] == nil }
        #expect(missing.isEmpty, "README commands with no recipe in ReadmeCommandTests.recipes:\n\(missing.map(\.description).joined(separator: "\n"))")
        let texts = Set(commands.map(\.text))
        let stale = Self.recipes.keys.filter { !texts.contains($0) }.sorted()
        #expect(stale.isEmpty, "recipes for commands no longer in the README: \(stale)")
    }

    @Test func commandsOnGeneratedDataRunAsPrinted() throws {
        let sandbox = try ReadmeSandbox()
        for command in try Self.commands() {
            guard case .run(let rewritten, let needsRealData) = Self.recipes[command.text], !needsRealData else { continue }
            try sandbox.check(command, as: rewritten)
        }
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/data/real (the README's examples on the development data)"))
    func commandsOnTheDevelopmentDataRunAsPrinted() throws {
        let sandbox = try ReadmeSandbox()
        for command in try Self.commands() {
            guard case .run(let rewritten, true) = Self.recipes[command.text] else { continue }
            try sandbox.check(command, as: rewritten)
        }
    }

    static func commands() throws -> [ReadmeCommand] {
        let text = try String(contentsOf: RealData.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        return ReadmeCommands.parse(text)
    }

    /// How each README command is checked.
    enum Recipe {
        /// Run through bash in the sandbox (as printed when the text is nil); it must exit 0.
        /// `{run1}` and `{run2}` stand for the id prefixes of the registry's first two runs.
        case run(String? = nil, realData: Bool = false)
        /// Run by another test, named here.
        case elsewhere(String)
    }

    static let small = "--set days=1 --set models=[naive,arima]"

    static let recipes: [String: Recipe] = [
        "bash scripts/demo.sh": .elsewhere("CI runs the quickstart pipeline it wraps (PipelineRunCommandTests, DemoCommandTests); the script itself builds in release mode"),
        "bash scripts/test.sh": .elsewhere("CI itself: .ci/run calls it"),
        "autoscale pipeline run Pipelines/quickstart.yaml": .run("autoscale pipeline run Pipelines/quickstart.yaml \(small)"),
        "autoscale pipeline run Pipelines/quickstart.yaml --set lstm_epochs=10 --set metrics=[cpu]":
            // A debug-built LSTM is far too slow for a test; the quickstart's LSTM is trained by PipelineRunCommandTests.
            .run("autoscale pipeline run Pipelines/quickstart.yaml --set lstm_epochs=10 --set metrics=[cpu] --set days=1 --set models=[naive,arima]"),
        "autoscale pipeline status Pipelines/quickstart.yaml": .run("autoscale pipeline status Pipelines/quickstart.yaml \(small)"),
        "autoscale pipeline graph Pipelines/quickstart.yaml --mermaid": .run(),
        "autoscale pipeline run Pipelines/single-series.yaml --set data=FILE [--set column=C | --set container=C --set metric=M]":
            .run("autoscale pipeline run Pipelines/single-series.yaml --set data=data/generated.csv --set container=web-1 --set metric=cpu --set models=[naive,arima]"),
        "autoscale pipeline run Pipelines/all-metrics.yaml --set data=LONG.csv --set container=web-1":
            .run("autoscale pipeline run Pipelines/all-metrics.yaml --set data=data/generated.csv --set container=web-1 --set metrics=[cpu,network_rx] --set models=[naive]"),
        "autoscale pipeline run Pipelines/cpu-sweep.yaml --workers 2":
            // Planned only (its trials are LSTMs); SweepCommandTests runs sweeps with `--workers 2` end to end.
            .run("autoscale pipeline run Pipelines/cpu-sweep.yaml --workers 2 --dry-run"),
        "autoscale evaluate --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model arima": .run(realData: true),
        "autoscale evaluate --data ../shared/data/real/azure_v1_vms/vm_8383.csv --column avg_cpu --json": .run(realData: true),
        "autoscale evaluate --data ../shared/data/real/google2019_agg/instance_usage_grouped_300_seconds_week1.csv     --column avg_cpu --interval 5m":
            .run(realData: true),
        "autoscale forecast --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model autoarima --minutes 30": .run(realData: true),
        "autoscale evaluate --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model naive": .run(realData: true),
        "autoscale forecast --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model naive --levels 0.8,0.95 --json": .run(realData: true),
        "autoscale evaluate --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model nhits --epochs 2": .run(realData: true),
        "autoscale forecast --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model nhits --epochs 2 --minutes 30 --levels 80,95":
            .run(realData: true),
        "autoscale evaluate --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model gbt --horizons 5": .run(realData: true),
        "autoscale forecast --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model gbt --minutes 15 --levels 80,95":
            .run(realData: true),
        "autoscale evaluate --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model ensemble --json": .run(realData: true),
        "autoscale data generate --containers 3 --days 2 --interval 5m --output data/fleet.csv": .run(),
        "autoscale evaluate --global --model gbt --data data/fleet.csv --metric cpu": .run(),
        "autoscale evaluate --global --model gbt --data ../shared/data/real/nab": .run(realData: true),
        "autoscale forecast --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model ensemble --minutes 30 --levels 80,95":
            .run(realData: true),
        "swift build -c release --product bench-accuracy":
            .elsewhere("a benchmark, run by hand (Benchmarks/README.md): a release build, and the reference tools' venv from PyPI"),
        ".build/release/bench-accuracy --models snaive,autoarima --folders nab":
            .elsewhere("a benchmark, run by hand (Benchmarks/README.md): a release build, and the reference tools' venv from PyPI"),
        ".build/release/bench-accuracy --models lstm --spec 'lstm-quantile={\"kind\": \"lstm\", \"settings\": {\"intervals\": \"quantile\", \"maxInputSteps\": 64}}' --folders nab --no-reference":
            .elsewhere("a benchmark, run by hand (Benchmarks/README.md): a release build, several minutes of LSTM training"),
        "autoscale data fetch --prometheus http://127.0.0.1:9090 --container web --output data/web.csv":
            .elsewhere("DataFetchCommandTests runs `data fetch` against a real Prometheus on a free port"),
        "autoscale evaluate --data data/web.csv --container web --metric memory --model arima":
            .run("autoscale evaluate --data data/generated.csv --container web-1 --metric memory --model arima"),
        "runs experiments": .run(),
        "runs list --experiment quickstart --filter \"metrics.mase_15m > 0 and (params.model = 'autoarima' or params.model = 'naive')\" --order-by metrics.mase_15m":
            .run(),
        "runs show 3fa2": .run("runs show {run1}"),
        "runs diff 3fa2 91bc": .run("runs diff {run1} {run2}"),
        "runs compare --filter \"tags.metric = 'cpu'\"": .run(),
        "runs list --experiment quickstart --json": .run(),
        "runs history 3fa2 --metric mae_15m": .run("runs history {run1} --metric mae_15m"),
        "runs promote 3fa2 --model cpu --alias production --reason \"beats naive at every horizon\"":
            .run("runs promote {run1} --model cpu --alias production --reason \"beats naive at every horizon\""),
        "runs promote 91bc --model cpu --alias production": .run("runs promote {run2} --model cpu --alias production"),
        "runs rollback cpu": .run(),
        "runs models": .run(),
        "runs gc": .run(),
        "autoscale config init cpu --container web-1 > my-cpu.yaml": .run(),
        "autoscale config show Configs/network_rx.yaml": .run(),
        "autoscale config show my-cpu.yaml --json": .run(),
        "mkdir -p data && autoscale data generate --containers 1 --days 7 --interval 1m --output data/quickstart.csv": .run(),
        // The serve block runs as one script: start, wait until ready, the three requests, stop.
        "autoscale serve --data data/quickstart.csv &": .run("""
            autoscale serve --data data/quickstart.csv --port 18080 & pid=$!
            for i in $(seq 1 150); do curl -sf http://127.0.0.1:18080/readyz > /dev/null && break; sleep 0.2; done
            curl -sf 'http://127.0.0.1:18080/v1/forecast?container=web-1' \
              && curl -sf 'http://127.0.0.1:18080/v1/recommendation?container=web-1' | grep -q replicas \
              && curl -s http://127.0.0.1:18080/metrics | grep -q autoscale_forecast
            status=$?
            kill $pid; wait $pid
            exit $status
            """),
        "curl -s 'http://127.0.0.1:8080/v1/forecast?container=web-1'": .elsewhere("run with `autoscale serve --data …` above, as one script"),
        "curl -s 'http://127.0.0.1:8080/v1/recommendation?container=web-1'": .elsewhere("run with `autoscale serve --data …` above, as one script"),
        "curl -s http://127.0.0.1:8080/metrics | grep autoscale_forecast": .elsewhere("run with `autoscale serve --data …` above, as one script"),
        "kill %1": .elsewhere("run with `autoscale serve --data …` above, as one script"),
        "autoscale predict --container web --prometheus http://127.0.0.1:9090 --json":
            .elsewhere("WatchPrometheusTests runs `predict --prometheus` against a real Prometheus on a free port"),
        "autoscale watch --prometheus http://127.0.0.1:9090 --container web --every 60s":
            .elsewhere("WatchPrometheusTests runs `watch` against a real Prometheus, stopped and restarted mid-watch"),
        "autoscale serve --prometheus http://127.0.0.1:9090 --container web --policy Configs/policy.yaml":
            .elsewhere("WatchPrometheusTests serves the watch loop from a real Prometheus"),
        "autoscale data generate --containers 1 --days 2 --interval 1m": .run(),
        "autoscale forecast --data data/generated.csv --container web-1 --metric cpu --model arima --track": .run(),
        "runs promote \"$(runs list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"runs\"][0][\"id\"])')\" --model autoscale-cpu": .run(),
        "autoscale predict --container web-1 --data data/generated.csv": .run(),
        "autoscale predict --container web-1 --data data/generated.csv --metrics cpu --horizons 10,60 --json": .run(),
        "autoscale recommend --container web-1 --data data/generated.csv --replicas 2 --policy Configs/policy.yaml": .run(),
        "autoscale backtest --data ../shared/data/real/nab/ec2_cpu_utilization_5f5533.csv --model-type arima --plot backtest.svg": .run(realData: true),
        "autoscale backtest --data ../shared/data/real/azure_v1_vms/vm_8383.csv --column avg_cpu --model-type naive --policy Configs/policy.yaml --resource cpu --json":
            .run(realData: true),
    ]
}

/// A folder laid out like a clone: `repo/` (the working folder) with links to the package's
/// Pipelines/ and Configs/, a small generated `data/generated.csv`, and `shared/data/real`
/// linked to the development data when it exists; `autoscale` and `runs` are the built ones.
struct ReadmeSandbox {
    let folder: TemporaryFolder
    let repo: URL
    let binaries: URL

    init() throws {
        folder = try TemporaryFolder(prefix: "readme")
        repo = folder.url.appendingPathComponent("repo")
        let files = FileManager.default
        try files.createDirectory(at: repo, withIntermediateDirectories: true)
        for name in ["Pipelines", "Configs"] {
            try files.createSymbolicLink(at: repo.appendingPathComponent(name), withDestinationURL: RealData.packageRoot.appendingPathComponent(name))
        }
        if RealData.isPresent {
            let data = folder.url.appendingPathComponent("shared/data")
            try files.createDirectory(at: data, withIntermediateDirectories: true)
            try files.createSymbolicLink(at: data.appendingPathComponent("real"), withDestinationURL: RealData.root)
        }
        binaries = try ProductRunner(product: "autoscale").executable.deletingLastPathComponent()
        // The examples that read "a long CSV" get one day of one-minute samples of one container.
        try run("autoscale data generate --containers 1 --days 1 --interval 1m", shown: "setup")
    }

    /// Runs the command (or its rewrite) and records an issue naming the README line when it fails.
    func check(_ command: ReadmeCommand, as rewritten: String?) throws {
        var text = rewritten ?? command.text
        if text.contains("{run1}") || text.contains("{run2}") {
            let ids = try runIDs()
            try #require(ids.count >= 2, "\(command): needs two runs in the registry, found \(ids.count)")
            text = text.replacingOccurrences(of: "{run1}", with: String(ids[0].prefix(8)))
                .replacingOccurrences(of: "{run2}", with: String(ids[1].prefix(8)))
        }
        try run(text, shown: command.description)
    }

    private func run(_ text: String, shown: String) throws {
        let result = try bash(text)
        #expect(result.status == 0, "\(shown)\nran: \(text)\nexit \(result.status)\nstdout: \(result.stdout.suffix(2000))\nstderr: \(result.stderr.suffix(2000))")
    }

    /// Ids of the registry's model runs (those scored at 15 min), oldest first, through `runs list --json`.
    private func runIDs() throws -> [String] {
        let result = try bash("runs list --json --no-details --filter \"metrics.mae_15m >= 0\" --order-by attributes.start_time")
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let runs = object["runs"] as? [[String: Any]] else {
            Issue.record("runs list --json failed: \(result.stderr)")
            return []
        }
        return runs.compactMap { $0["id"] as? String }
    }

    private func bash(_ text: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", text]
        process.currentDirectoryURL = repo
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binaries.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["AUTOSCALE_REGISTRY"] = nil
        environment["COLUMNS"] = "100"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
