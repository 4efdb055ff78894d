/// Why a pipeline stage, or the run, could not go on; each names the stage and the value.
public enum PipelineRunError: Error, Equatable, CustomStringConvertible {
    case cacheEntryUnreadable(path: String, reason: String)
    case unreadableInput(path: String, reason: String)
    case unwritableOutput(path: String, reason: String)
    case csvShapeMismatch(path: String, expected: String, found: String)
    case seriesNotFound(stage: String, wanted: String, available: [String])
    case ambiguousSeries(stage: String, metric: String, containers: [String])
    case wrongInputCount(stage: String, expected: String, found: Int)
    case notOneSeries(stage: String, names: [String])
    case nonProtocolSplit(stage: String, train: Double, validation: Double)
    case noCandidate(stage: String, objective: String, candidates: Int, knownMetrics: [String])
    case unknownForcedStage(String, known: [String])
    case stagesFailed([String])

    public var description: String {
        switch self {
        case .cacheEntryUnreadable(let path, let reason):
            return "cannot read the cache entry \(path) (\(reason)); remove it, or run again with --force"
        case .unreadableInput(let path, let reason):
            return "cannot read \(path) (\(reason)); paths in a pipeline are relative to the folder you run it from"
        case .unwritableOutput(let path, let reason):
            return "cannot write \(path) (\(reason)); check that its folder is writable, or give another registry with --db"
        case .csvShapeMismatch(let path, let expected, let found):
            return "\(path) is a \(found) file, but the ingest stage says shape \(expected); fix `shape:` or leave it out"
        case .seriesNotFound(let stage, let wanted, let available):
            return "\(stage): no series of \(wanted) in its input; it has \(available.isEmpty ? "none" : available.joined(separator: ", "))"
        case .ambiguousSeries(let stage, let metric, let containers):
            return "\(stage): \(containers.count) containers have metric \(metric) (\(containers.joined(separator: ", "))); name one with `container:`"
        case .wrongInputCount(let stage, let expected, let found):
            return "\(stage) reads \(expected), and its needs give \(found); name exactly one such stage in `needs`"
        case .notOneSeries(let stage, let names):
            if names.isEmpty { return "\(stage) reads one series, and its input has none" }
            let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", …" : "")
            return "\(stage) splits one series, and its input has \(names.count) (\(shown)); choose one in the ingest stage (container: and metric: for a long file, column: for a wide one, e.g. --set container=web-1 --set metric=cpu) or add a preprocess stage"
        case .nonProtocolSplit(let stage, let train, let validation):
            return "\(stage): the protocol splits 0.70 / 0.15 / 0.15 (docs/EVALUATION.md §3), and this split is \(train) / \(validation); remove the fractions from the split stage"
        case .noCandidate(let stage, let objective, let candidates, let known):
            let metrics = known.isEmpty ? "they have no val_ metric" : "they have \(known.joined(separator: ", "))"
            return "\(stage): none of the \(candidates) runs it reads has a finite value for `\(objective)`; \(metrics)"
        case .unknownForcedStage(let name, let known):
            return "--force \(name): no stage of that name or id; stages are \(known.joined(separator: ", "))"
        case .stagesFailed(let ids):
            return "\(ids.count) stage\(ids.count == 1 ? "" : "s") failed: \(ids.joined(separator: ", "))"
        }
    }
}
