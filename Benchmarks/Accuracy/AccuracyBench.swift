import BenchSupport
import Forecasting
import Foundation
import Ingest
import Series

/// One folder of development series: every model's summary (ours, then the reference
/// tools'), the protocol check and the target lines.
struct FolderResult: Encodable {
    let folder: String
    let summaries: [AccuracySummary]
    /// Nil with `--no-reference`.
    let protocolCheck: ProtocolCheck?
    let targets: TargetLines
    /// LightGBM's level/differenced choice per series, AutoARIMA's orders, N-HiTS's steps.
    let referenceDetails: [String: [String: String]]
}

/// The whole `bench-accuracy` run (EVALUATION.md on every series of each folder):
/// the reference tools first, through Reference/reference_accuracy.py (their naive MAE is
/// checked against ours before anything else), then each of our `models` through
/// `ModelSpec.evaluateDetailed` (coverage from its report) and each of `specs` (models with
/// settings) the same way, and each of `global` trained
/// once across the folder's series (`ModelSpec.evaluateGlobal`).
struct AccuracyBench {
    let arguments: Arguments
    /// ../shared/data/real
    let data: URL
    let scripts: URL
    /// Progress lines on stderr (when stdout is a terminal).
    let progress: Bool

    static func column(for folder: String) -> String {
        folder == "azure_v1_vms" ? "avg_cpu" : "value"
    }

    func run() throws -> [FolderResult] {
        let runner = ReferenceRunner(scripts: scripts, models: arguments.referenceModels, refresh: arguments.refreshReference)
        let venv = arguments.runReference ? try runner.venv() : nil
        return try arguments.folders.map { try run(folder: $0, runner: runner, venv: venv) }
    }

    private func run(folder: String, runner: ReferenceRunner, venv: URL?) throws -> FolderResult {
        let directory = data.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".csv") }.sorted()
        guard !files.isEmpty else { throw BenchError("\(directory.path) holds no .csv file") }
        let column = Self.column(for: folder)
        let options = CSVReadOptions(selection: SeriesSelection(column: folder == "azure_v1_vms" ? column : nil))
        let stems = files.map { String($0.dropLast(4)) }
        let plans = try files.map { file in
            try EvaluationPlan(series: CSVSeriesReader.read(path: directory.appendingPathComponent(file).path, options: options).series)
        }
        let evaluator = Evaluator()
        let naive = try plans.map { try ModelSpec.naive.evaluate(on: $0, with: evaluator) }

        var byReference: [ReferenceModel: AccuracySummary] = [:]
        var check: ProtocolCheck? = nil
        var details: [String: [String: String]] = [:]
        if let venv {
            let results = try runner.results(folder: directory, column: column, files: files, venv: venv)
            check = try ProtocolCheck(folder: folder, naive: Dictionary(uniqueKeysWithValues: zip(stems, naive)), reference: results)
            for model in arguments.referenceModels {
                let rows = results.filter { $0.model == model }
                byReference[model] = AccuracySummary(folder: folder, model: model.rawValue, tool: model.label, rows: rows.map(SeriesScore.init(reference:)))
                details[model.rawValue] = Dictionary(uniqueKeysWithValues: rows.map { ($0.series, Self.describe($0.details)) })
            }
        }
        var ours: [AccuracySummary] = []
        let ensembles = try arguments.ensembles.map { members in
            ("ensemble(" + members.joined(separator: "+") + ")",
             ModelSpec(EnsembleSettings(members: try members.map { try ModelSpec(name: $0) })))
        }
        let specs = try arguments.specs.map { label, json in
            do {
                return (label, try JSONDecoder().decode(ModelSpec.self, from: Data(json.utf8)))
            } catch {
                throw BenchError("--spec \(label): \(json) is not a model spec (\(error)); write {\"kind\": NAME, \"settings\": {…}}")
            }
        }
        for (name, spec) in try arguments.models.map({ ($0, try ModelSpec(name: $0)) }) + specs + ensembles {
            var rows: [SeriesScore] = []
            for (index, plan) in plans.enumerated() {
                if progress { FileHandle.standardError.write(Data("\r\(folder) \(name) \(index + 1)/\(plans.count)   ".utf8)) }
                let cpu = processCPUSeconds()
                let outcome = try spec.evaluateDetailed(on: plan, with: evaluator)
                let cpuSeconds = processCPUSeconds() - cpu
                rows.append(SeriesScore(report: outcome.report, naive: naive[index], cpuSeconds: cpuSeconds, coverage: outcome.report.coverage))
            }
            ours.append(AccuracySummary(folder: folder, model: name, tool: "ours", rows: rows))
        }
        for name in arguments.global {
            if progress { FileHandle.standardError.write(Data("\r\(folder) \(name) (global, \(plans.count) series)   ".utf8)) }
            let cpu = processCPUSeconds()
            let outcomes = try ModelSpec(name: name).evaluateGlobal(on: plans, with: evaluator)
            let share = (processCPUSeconds() - cpu) / Double(plans.count)
            let rows = outcomes.indices.map { i in
                SeriesScore(report: outcomes[i].report, naive: naive[i], cpuSeconds: share, coverage: outcomes[i].report.coverage)
            }
            ours.append(AccuracySummary(folder: folder, model: "\(name) (global)", tool: "ours", rows: rows))
        }
        if progress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let summaries = ours + arguments.referenceModels.compactMap { byReference[$0] }
        return FolderResult(folder: folder, summaries: summaries, protocolCheck: check,
                            targets: TargetLines(folder: folder, ours: ours, reference: byReference), referenceDetails: details)
    }

    private static func describe(_ details: ReferenceResult.Details) -> String {
        if let target = details.target { return target }
        if let order = details.order { return "(" + order.map(String.init).joined(separator: ",") + ")" }
        if let steps = details.steps { return "\(steps) steps" }
        return ""
    }
}
