import ArgumentParser
import Pipeline

/// What `pipeline run` and `demo` share: run the pipeline with a progress display on standard
/// error, print the report (`--json`, or `PipelineRunText` with the "next:" hints), and exit
/// non-zero when a stage failed or was skipped.
enum PipelineRunPrinter {
    static func run(options: PipelineRunOptions, overrides: [String], registry: PipelineRegistryOptions, json: Bool) throws {
        let progress = PipelineProgress(enabled: !json)
        let report = try PipelineJob.run(file: options.file, overrides: overrides, options: options, registry: registry.location,
                                         events: progress.events())
        progress.finish()
        print(json ? try jsonString(report) : PipelineRunText.render(report, db: registry.db))
        if !report.failed.isEmpty || !report.skipped.isEmpty { throw ExitCode.failure }
    }
}
