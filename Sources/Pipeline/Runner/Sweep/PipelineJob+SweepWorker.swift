import Foundation
import Tracking

extension PipelineJob {
    /// The library side of the hidden `autoscale pipeline worker`: one extra worker of a sweep
    /// that `pipeline run --workers N` started. Decodes `file` with the same `overrides`, finds
    /// the sweep stage `request.stage`, reads its input split from the cache entry
    /// `request.inputKey`, and claims trials of `request.sweep` (`SweepWorker`) until the
    /// budget is spent and no trial is queued or running. With `parent` (the pipeline
    /// process's pid), the worker exits as soon as that process is gone (`ParentWatch`).
    public static func sweepWorker(
        file: String, overrides: [String], registry location: RegistryLocation, request: SweepWorkerRequest,
        settings: SweepSettings, parent: Int32? = nil, events: PipelineEvents = .silent
    ) throws {
        if let parent { ParentWatch.start(parent: parent) }
        let spec = try PipelineSpec.load(path: file, overrides: overrides)
        let sweeps = spec.plan.stages.compactMap { stage -> (PlannedStage, TrainStage, SweepSpec)? in
            guard case .train(let train) = stage.section, let sweep = train.sweep else { return nil }
            return (stage, train, sweep)
        }
        guard let (planned, stage, sweep) = sweeps.first(where: { $0.0.id == request.stage }) else {
            throw SweepRunError.notASweepStage(request.stage, sweeps: sweeps.map(\.0.id))
        }
        let cache = StageCache(besideRegistry: location.databasePath)
        let product = try cache.product(request.inputKey)
        let split: SplitProduct
        var horizons: [Int]?
        switch product {
        case .split(let value): split = value
        case .windows(let windows): (split, horizons) = (windows.split, windows.horizons)
        default: throw PipelineRunError.wrongInputCount(stage: planned.id, expected: "one split or window", found: 0)
        }
        let tracker = try Registry.open(location, create: false)
        let context = SweepWorkerContext(
            tracker: tracker, sweepRun: request.sweep, stageID: planned.id, stage: stage, sweep: sweep, split: split,
            horizons: try horizons ?? TrainHorizons.configured(stage), experiment: request.experiment, pipeline: spec.plan.name,
            worker: request.worker, settings: settings, events: events)
        try SweepWorker.work(context)
    }
}
