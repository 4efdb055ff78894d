/// The "Stages" section of `runs show`: the run's `stage.*` tags as outcomes, with counts.
enum StageReport {
    static func render(_ stages: StageOutcomes) -> String {
        var counts = ["\(stages.executed) executed", "\(stages.reused) reused", "\(stages.failed) failed"]
        if stages.unrecognized > 0 { counts.append("\(stages.unrecognized) unrecognized") }
        var table = TextTable([.init("STAGE"), .init("OUTCOME"), .init("REASON")])
        for stage in stages.stages {
            switch stage.outcome {
            case .unrecognized: table.append([stage.stage, "?", "tag value '\(stage.value)'"])
            default: table.append([stage.stage, stage.outcome.rawValue, stage.reason ?? ""])
            }
        }
        return "Stages (\(counts.joined(separator: ", ")))\n" + table.render(indent: "  ")
    }
}
