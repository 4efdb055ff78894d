import Pipeline

/// The text `pipeline run` prints: the stages and their outcomes, the reports, the
/// registered versions, failures with their reasons, and where to look next.
enum PipelineRunText {
    static func render(_ report: PipelineRunReport, db: String?) -> String {
        var lines: [String] = []
        let rows = report.stages.map { stage -> [String] in
            let detail = stage.reason ?? stage.seconds.map { String(format: "%.1f s", $0) } ?? ""
            return [stage.id, stage.kind, stage.outcome, detail]
        }
        lines += TextTable(header: ["stage", "kind", "outcome", ""], rows: rows).lines()
        lines.append("")
        for sweep in report.sweeps { lines += sweepLines(sweep) + [""] }
        for table in report.reports { lines.append(table) }
        let run = report.run.map { " — run \($0.short) in experiment \(report.experiment)" } ?? " (dry run: nothing ran or was recorded)"
        lines.append(String(format: "pipeline %@: %d executed, %d reused, %d failed, %d skipped in %.2f s",
                            report.pipeline, report.executed, report.reused, report.failed.count, report.skipped.count, report.seconds) + run)
        for failed in report.failed { lines.append("  failed \(failed.id): \(failed.reason ?? "")") }
        if let parent = report.run, report.failed.isEmpty {
            let dbFlag = db.map { " --db \($0)" } ?? ""
            lines.append("next: runs show \(parent.short)\(dbFlag)  ·  runs models\(dbFlag)  ·  runs compare --filter \"tags.pipeline = '\(report.pipeline)'\"\(dbFlag)")
        }
        return lines.joined(separator: "\n")
    }

    /// `sweep train (tpe, min metrics.val_mae_15m): best trial 3, run 1a2b3c4d` and a row per
    /// trial: number, parameters, objective, status, epochs, seconds.
    static func sweepLines(_ sweep: SweepSummary) -> [String] {
        let rows = sweep.trials.map { trial -> [String] in
            [String(trial.number) + (trial.number == sweep.bestTrial ? " *" : ""), trial.params,
             trial.objective.map { String(format: "%.6g", $0) } ?? "-", trial.status + (trial.attempts > 1 ? " (attempt \(trial.attempts))" : ""),
             trial.epochs.map(String.init) ?? "-", trial.seconds.map { String(format: "%.1f", $0) } ?? "-"]
        }
        return ["sweep \(sweep.stage) (\(sweep.method), \(sweep.objective)): best trial \(sweep.bestTrial), run \(sweep.bestRun.short), sweep run \(sweep.sweep.short)"]
            + TextTable(header: ["trial", "params", "objective", "status", "epochs", "seconds"], rows: rows).lines()
    }
}
