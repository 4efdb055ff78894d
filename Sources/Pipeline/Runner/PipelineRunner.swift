import Forecasting
import Foundation
import Tracking

/// Runs a `PipelinePlan` (docs/ARCHITECTURE.md, "Pipeline runner"):
///
/// - stages start when every stage they need has finished, in plan order;
/// - a stage whose cache key (`StageFingerprint`) has an entry is reused without running;
/// - the others run on worker threads, as many at once as fit in `jobs` threads, counting
///   each stage's thread demand (two for LSTM training, one otherwise), so the cores are
///   never oversubscribed;
/// - a finished stage's product is stored atomically (`StageCache.store`), so a killed
///   run, run again, resumes from its completed stages;
/// - a failing stage stops the stages downstream of it; independent stages go on, and the
///   run ends with every failure listed (`PipelineRunError.stagesFailed`, thrown by the caller).
///
/// The invocation is a parent run in the registry (tags `pipeline`, `spec_hash`,
/// `code_version`, params `set.<key>`, one tag `stage.<id>` per stage outcome, one tag
/// `cache.<id>` = cache key per executed or reused stage, which `runs gc` honours); every
/// trained model is a child run. Reports are attached to the parent run.
public struct PipelineRunner: Sendable {
    public let plan: PipelinePlan
    public let cache: StageCache
    public let tracker: any Tracker
    /// sha256 of the pipeline file's text, recorded on the parent run.
    public let specHash: String

    public init(plan: PipelinePlan, cache: StageCache, tracker: any Tracker, specHash: String) {
        self.plan = plan
        self.cache = cache
        self.tracker = tracker
        self.specHash = specHash
    }

    public func run(_ options: PipelineRunOptions, events: PipelineEvents = .silent) throws -> PipelineRunReport {
        if case .stages(let names) = options.force {
            for name in names where !plan.stages.contains(where: { $0.name == name || $0.id == name }) {
                throw PipelineRunError.unknownForcedStage(name, known: Array(Set(plan.stages.map(\.name))).sorted())
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        events.planned(plan.stages.count)
        let experiment = options.experiment ?? plan.name
        let parent = options.dryRun ? nil : try startParentRun(options, experiment: experiment)
        let pump = parent.map { HeartbeatPump(tracker: tracker, run: $0) }
        defer { pump?.stop() }

        var loop = RunLoop(plan: plan, cache: cache, options: options, events: events,
                           tracking: parent.map { PipelineTracking(tracker: tracker, experiment: experiment, pipeline: plan.name, parent: $0) },
                           state: try PipelineState.load(cache: cache, pipeline: plan.name))
        do {
            try loop.run()
        } catch {
            if let parent {
                // The stages that completed before the failure keep their entries from `runs gc`.
                try recordCacheKeys(parent, loop: loop)
                try tracker.setStatus(run: parent, .failed)
            }
            throw error
        }
        if !options.dryRun { try loop.state.save(cache: cache, pipeline: plan.name) }

        var report = PipelineRunReport(
            pipeline: plan.name, experiment: experiment, run: parent,
            stages: plan.stages.indices.map { PipelineRunReport.Stage(plan.stages[$0], outcome: loop.outcomes[$0] ?? .wouldRun, key: loop.keys[$0]) },
            reports: [], registered: [], seconds: 0)
        if let parent {
            try finishParentRun(parent, loop: loop, report: &report)
        }
        report.seconds = (clock.now - start).seconds
        return report
    }

    private func startParentRun(_ options: PipelineRunOptions, experiment: String) throws -> RunID {
        let run = try tracker.createRun(RunSpec(
            experiment: experiment, name: "pipeline \(plan.name)", source: RunSource(file: options.file, specHash: specHash),
            tags: ["pipeline": plan.name, "command": "pipeline run", "spec_hash": specHash, "code_version": CodeVersion.current]
                .merging(OwnerProcess.current().tags) { a, _ in a }))
        var params = Dictionary(uniqueKeysWithValues: options.overrides.map { ("set.\($0.key)", $0.value) })
        params["pipeline_file"] = options.file
        params["jobs"] = String(options.jobs)
        try tracker.logBatch(run: run, params: params, metrics: [], tags: [:])
        return run
    }

    /// One tag `cache.<stage id>` = its cache key per stage that executed or was reused: the
    /// entries this invocation used, which `runs gc` keeps while the run's experiment lives
    /// (docs/formats/pipeline-cache.md). The loop writes them as stages complete; this writes
    /// them all (the same values) at the end, first, and when the loop stopped half-way.
    private func recordCacheKeys(_ parent: RunID, loop: RunLoop) throws {
        let tags = loop.cacheTags
        guard !tags.isEmpty else { return }
        try tracker.logBatch(run: parent, params: [:], metrics: [], tags: tags)
    }

    /// Cache keys, stage outcomes as tags, reports as artifacts, the registered versions, and the status.
    private func finishParentRun(_ parent: RunID, loop: RunLoop, report: inout PipelineRunReport) throws {
        try recordCacheKeys(parent, loop: loop)
        var tags: [String: String] = [:]
        for (index, stage) in plan.stages.enumerated() {
            tags["stage.\(stage.id)"] = loop.outcomes[index]?.tag ?? "not run"
        }
        var dataHashes: [String] = []
        for (index, stage) in plan.stages.enumerated() {
            guard let key = loop.keys[index], loop.succeeded(index) else { continue }
            switch stage.kind {
            case .ingest:
                if let hash = loop.hashes[index] { dataHashes.append(hash) }
            case .report:
                guard case .report(let product) = try cache.product(key) else { continue }
                report.reports.append(product.table)
                for file in product.files {
                    let kind = file.hasSuffix(".svg") ? "plot" : "report"
                    _ = try tracker.logArtifact(run: parent, name: file, kind: kind, file: cache.file(key, file))
                }
            case .register:
                if case .registered(let registered) = try cache.product(key) { report.registered.append(registered) }
            case .train:
                if case .model(let train) = try cache.product(key), let sweep = train.sweep { report.sweeps.append(sweep) }
            default:
                break
            }
        }
        if !dataHashes.isEmpty { tags["data_hash"] = dataHashes.joined(separator: ",") }
        let metrics = [
            MetricPoint(key: "stages_executed", value: Double(report.executed)),
            MetricPoint(key: "stages_reused", value: Double(report.reused)),
            MetricPoint(key: "stages_failed", value: Double(report.failed.count)),
        ]
        try tracker.logBatch(run: parent, params: [:], metrics: metrics, tags: tags)
        try tracker.setStatus(run: parent, report.failed.isEmpty && report.skipped.isEmpty ? .finished : .failed)
    }
}

/// The scheduling state of one `PipelineRunner.run`.
private struct RunLoop {
    let plan: PipelinePlan
    let cache: StageCache
    let options: PipelineRunOptions
    let events: PipelineEvents
    let tracking: PipelineTracking?
    var state: PipelineState
    var outcomes: [StageOutcome?]
    var keys: [String?]
    var hashes: [String?]
    private let inputs: [[Int]]
    private var launched: [Bool]
    /// Stages whose `cache.<id>` tag is written (`tagNewCacheEntries`).
    private var cacheTagged: [Bool]
    private var demands: [Int]
    /// Expected cost of each stage (`StageCost`): among stages ready at once, the costliest start first.
    private let costs: [Int]
    private var threadsInUse = 0
    private let completions = CompletionQueue()

    init(plan: PipelinePlan, cache: StageCache, options: PipelineRunOptions, events: PipelineEvents, tracking: PipelineTracking?, state: PipelineState) {
        self.plan = plan
        self.cache = cache
        self.options = options
        self.events = events
        self.tracking = tracking
        self.state = state
        let n = plan.stages.count
        let index = Dictionary(uniqueKeysWithValues: plan.stages.enumerated().map { ($1.id, $0) })
        inputs = plan.stages.map { stage in stage.inputs.compactMap { index[$0] } }
        outcomes = Array(repeating: nil, count: n)
        keys = Array(repeating: nil, count: n)
        hashes = Array(repeating: nil, count: n)
        launched = Array(repeating: false, count: n)
        cacheTagged = Array(repeating: false, count: n)
        demands = plan.stages.map { min(StageExecution.threadDemand($0), options.jobs) }
        costs = StageCost.expected(plan)
    }

    func succeeded(_ i: Int) -> Bool {
        switch outcomes[i] {
        case .executed, .reused: true
        default: false
        }
    }

    /// `cache.<stage id>` = key for every stage that executed or was reused (none for failed,
    /// skipped or not yet finished stages).
    var cacheTags: [String: String] {
        var tags: [String: String] = [:]
        for (i, stage) in plan.stages.enumerated() {
            guard succeeded(i), let key = keys[i] else { continue }
            tags["cache.\(stage.id)"] = key
        }
        return tags
    }

    mutating func run() throws {
        while outcomes.contains(where: { $0 == nil }) {
            let progressed = try startWhatCan()
            try tagNewCacheEntries()
            if outcomes.allSatisfy({ $0 != nil }) { break }
            if !progressed || threadsInUse > 0 {
                guard threadsInUse > 0 else {
                    // Cannot happen for a validated plan (no cycles); stop rather than spin.
                    preconditionFailure("pipeline runner: no stage can start and none is running")
                }
                for completion in completions.wait() { finish(completion) }
                try tagNewCacheEntries()
            }
        }
    }

    /// Writes `cache.<stage id>` on the parent run for the stages that executed or were reused
    /// since the last call, so `runs gc` sees an entry as referenced from the moment this
    /// invocation uses it, however long the pipeline goes on running (the entry stays recent
    /// only for the grace period). `PipelineRunner.finishParentRun` writes them all again.
    private mutating func tagNewCacheEntries() throws {
        guard let tracking else { return }
        var tags: [String: String] = [:]
        for (i, stage) in plan.stages.enumerated() where !cacheTagged[i] && succeeded(i) {
            cacheTagged[i] = true
            if let key = keys[i] { tags["cache.\(stage.id)"] = key }
        }
        guard !tags.isEmpty else { return }
        try tracking.tracker.logBatch(run: tracking.parent, params: [:], metrics: [], tags: tags)
    }

    /// Resolves every stage that can be resolved now (skipped, reused, would run) and
    /// launches those that fit in the free threads, the costliest first (`StageCost.launchOrder`).
    /// True when anything changed.
    private mutating func startWhatCan() throws -> Bool {
        var progressed = false
        var ready: [(index: Int, key: String, fingerprint: StageFingerprint)] = []
        for i in plan.stages.indices where outcomes[i] == nil && !launched[i] {
            let stage = plan.stages[i]
            // `select` and `report` choose among, or list, the runs that were evaluated: a failed
            // candidate leaves them the others (it is still reported as failed). Every other
            // kind needs all its inputs.
            let failedInputs = inputs[i].filter { outcomes[$0] != nil && !succeeded($0) && outcomes[$0] != .wouldRun }
            let tolerant = stage.kind == .select || stage.kind == .report
            if let bad = failedInputs.first, !tolerant || failedInputs.count == inputs[i].count {
                // Name the stage that failed, not the skipped one between.
                if case .skipped(let root) = outcomes[bad] {
                    resolve(i, .skipped(failedInput: root))
                } else {
                    resolve(i, .skipped(failedInput: plan.stages[bad].id))
                }
                progressed = true
                continue
            }
            guard inputs[i].allSatisfy({ outcomes[$0] != nil }) else { continue }
            if inputs[i].contains(where: { outcomes[$0] == .wouldRun }) {
                resolve(i, .wouldRun)
                progressed = true
                continue
            }
            let fingerprint: StageFingerprint
            let key: String
            do {
                fingerprint = try StageFingerprint.of(stage, inputs: inputs[i].map { hashes[$0] ?? "failed" })
                key = try fingerprint.key()
            } catch {
                resolve(i, .failed(reason: Self.describe(error)))
                progressed = true
                continue
            }
            keys[i] = key
            if !options.force.includes(stage), let manifest = try cache.manifest(key) {
                hashes[i] = manifest.productHash
                state.stages[stage.id] = fingerprint
                resolve(i, .reused)
                progressed = true
                continue
            }
            if options.dryRun {
                resolve(i, .wouldRun)
                progressed = true
                continue
            }
            ready.append((i, key, fingerprint))
        }
        guard let tracking else { return progressed }
        let byIndex = Dictionary(uniqueKeysWithValues: ready.map { ($0.index, $0) })
        for i in StageCost.launchOrder(ready.map(\.index), costs: costs) {
            guard threadsInUse + demands[i] <= options.jobs, let stage = byIndex[i] else { continue }
            state.stages[plan.stages[i].id] = stage.fingerprint
            launch(i, key: stage.key, tracking: tracking)
            progressed = true
        }
        return progressed
    }

    private mutating func resolve(_ i: Int, _ outcome: StageOutcome) {
        outcomes[i] = outcome
        events.finished(plan.stages[i].id, outcome)
    }

    private mutating func launch(_ i: Int, key: String, tracking: PipelineTracking) {
        launched[i] = true
        threadsInUse += demands[i]
        let stage = plan.stages[i]
        let inputKeys = inputs[i].filter { succeeded($0) }.map { (plan.stages[$0].id, keys[$0] ?? "") }
        let forced = options.force.includes(stage)
        let sweep = options.sweep
        let cache = cache
        let events = events
        let completions = completions
        events.started(stage.id)
        let thread = Thread {
            let clock = ContinuousClock()
            let start = clock.now
            let result = Result<CacheManifest, any Error> {
                let products = try inputKeys.map { (id: $0.0, key: $0.1, product: try cache.product($0.1)) }
                let input = StageInput(stage: stage, inputs: products, cache: cache, tracking: tracking, events: events,
                                       key: key, forced: forced, sweep: sweep)
                let output = try StageExecution.run(input)
                return try cache.store(key: key, stage: stage.id, kind: stage.kind, product: output.product, files: output.files)
            }
            completions.push(.init(index: i, result: result, seconds: (clock.now - start).seconds))
        }
        // Deep recursions (AutoARIMA's search, YAML) need more than a secondary thread's default stack.
        thread.stackSize = 16 << 20
        thread.start()
    }

    private mutating func finish(_ completion: CompletionQueue.Completion) {
        let i = completion.index
        threadsInUse -= demands[i]
        switch completion.result {
        case .success(let manifest):
            hashes[i] = manifest.productHash
            resolve(i, .executed(seconds: completion.seconds))
        case .failure(let error):
            resolve(i, .failed(reason: Self.describe(error)))
        }
    }

    static func describe(_ error: any Error) -> String {
        "\(error)"
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
