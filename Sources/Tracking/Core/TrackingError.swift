/// Everything that can go wrong in the tracking room. Each case carries the offending value,
/// and `description` reads as a sentence that says what to do about it.
public enum TrackingError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidRunID(String)
    case unknownStatus(String)
    case runNotFound(prefix: String)
    case ambiguousRunPrefix(prefix: String, candidates: [String])
    case experimentNotFound(name: String, closeMatches: [String])
    case paramConflict(run: String, key: String, existing: String, attempted: String)
    case registryMissing(path: String)
    case newerSchema(path: String, unknownMigrations: [String])
    case invalidArtifactName(name: String, reason: String)
    case artifactNotFound(run: String, name: String, available: [String])
    case artifactCorrupted(path: String, expectedSHA256: String, actualSHA256: String)
    case artifactFileMissing(path: String, sha256: String)
    case noModelArtifact(run: String, artifacts: [String])
    case ambiguousModelArtifact(run: String, candidates: [String])
    case modelNotFound(name: String, known: [String])
    case aliasNotFound(model: String, alias: String, known: [String])
    case nothingToRollBack(model: String, alias: String)
    case metricNotFound(run: String, key: String, available: [String])
    case invalidName(kind: String, value: String, reason: String)
    case stillBusy(attempts: Int, message: String)
    /// A filter, ordering or comparison names a metric, param or tag (`key`, e.g. "metrics.mae_15")
    /// that no run has. `closest` are existing keys close to it; `existing` every key of its kind.
    case unknownKey(key: String, use: KeyUse, closest: [String], existing: [String])
    /// A sweep trial number below 0.
    case invalidTrialNumber(sweep: String, number: Int)
    /// Trial params that are not a JSON object (`reason` says why).
    case invalidTrialParams(sweep: String, number: Int, params: String, reason: String)
    /// The trial number is already queued with other params.
    case trialConflict(sweep: String, number: Int, existing: String, attempted: String)
    case trialNotFound(sweep: String, number: Int)
    /// The claim `attempt` no longer holds the trial: it was requeued (and maybe claimed again) or
    /// finished. `state` and `currentAttempt` are what the trial is now.
    case trialClaimLost(sweep: String, number: Int, attempt: Int, state: String, currentAttempt: Int)
    /// `finishTrial` with a state that is not final, or an objective a failed trial cannot have, or NaN.
    case invalidTrialOutcome(sweep: String, number: Int, state: String, objective: String?, reason: String)
    /// The run attached to a trial is not a child of the sweep run.
    case runNotInSweep(run: String, sweep: String, parent: String?)
    /// The trial already executes in another run.
    case trialHasRun(sweep: String, number: Int, run: String, attempted: String)
    /// A staleness window that is negative or not a number.
    case invalidStaleAfter(String)
    /// `runs gc` could not list or remove a folder of the stage cache beside the registry.
    case cacheFolderFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidRunID(let text):
            return "'\(text)' is not a run id; a run id is 32 lowercase hexadecimal characters (or a unique prefix on the command line)."
        case .unknownStatus(let text):
            return "Unknown run status '\(text)'; use one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))."
        case .runNotFound(let prefix):
            return "No run id starts with '\(prefix)'; list runs with `runs list` and pass an id or a unique prefix."
        case .ambiguousRunPrefix(let prefix, let candidates):
            return "Run prefix '\(prefix)' matches \(candidates.count) runs (\(candidates.prefix(5).joined(separator: ", "))\(candidates.count > 5 ? ", …" : "")); type more characters."
        case .experimentNotFound(let name, let close):
            return "No experiment named '\(name)'" + didYouMean(close) + "; list experiments with `runs experiments`."
        case .paramConflict(let run, let key, let existing, let attempted):
            return "Param '\(key)' of run \(run) is already '\(existing)' and cannot become '\(attempted)'; params are write-once, so start a new run to change it."
        case .registryMissing(let path):
            return "No registry at \(path); log a run first, or point --db or AUTOSCALE_REGISTRY at an existing registry."
        case .newerSchema(let path, let unknown):
            return "The registry at \(path) was written by a newer version of this program (unknown migrations: \(unknown.joined(separator: ", "))); upgrade `runs` instead of opening it with this one, which would damage it."
        case .invalidArtifactName(let name, let reason):
            return "Artifact name '\(name)' is not allowed: \(reason); use a relative name such as 'model.json' or 'plots/loss.csv'."
        case .artifactNotFound(let run, let name, let available):
            return "Run \(run) has no artifact '\(name)'" + (available.isEmpty ? "" : "; it has: \(available.joined(separator: ", "))") + "."
        case .artifactCorrupted(let path, let expected, let actual):
            return "Artifact file \(path) is corrupted: its SHA-256 is \(actual) but the registry recorded \(expected); restore it from a backup or log the artifact again."
        case .artifactFileMissing(let path, let sha):
            return "Artifact file \(path) (sha256 \(sha)) is missing from the artifact folder; restore it or log the artifact again."
        case .noModelArtifact(let run, let artifacts):
            return "Run \(run) has no artifact of kind 'model'" + (artifacts.isEmpty ? "" : " (it has: \(artifacts.joined(separator: ", ")))") + "; log the fitted model as an artifact of kind 'model' or pass --artifact NAME."
        case .ambiguousModelArtifact(let run, let candidates):
            return "Run \(run) has several model artifacts (\(candidates.joined(separator: ", "))); choose one with --artifact NAME."
        case .modelNotFound(let name, let known):
            return "No registered model named '\(name)'" + didYouMean(known.closeMatches(to: name)) + "; list the registered models with `runs models`, or see `runs promote --help` to register one."
        case .aliasNotFound(let model, let alias, let known):
            return "Model '\(model)' has no alias '\(alias)'" + (known.isEmpty ? "" : "; its aliases are: \(known.joined(separator: ", "))") + "."
        case .nothingToRollBack(let model, let alias):
            return "Alias '\(alias)' of model '\(model)' has no earlier version to roll back to; promote a run instead."
        case .metricNotFound(let run, let key, let available):
            return "Run \(run) has no metric '\(key)'" + didYouMean(available.closeMatches(to: key)) + (available.isEmpty ? "" : "; its metrics are: \(available.joined(separator: ", "))") + "."
        case .invalidName(let kind, let value, let reason):
            return "The \(kind) '\(value)' is not allowed: \(reason)."
        case .stillBusy(let attempts, let message):
            return "The registry stayed busy after \(attempts) attempts (\(message)); another process holds a long write transaction — retry when it finishes."
        case .unknownKey(let key, let use, let closest, let existing):
            let start: String
            switch use {
            case .filter: start = "No run has \(key), so the filter would match nothing"
            case .ordering: start = "No run has \(key), so runs cannot be ordered by it"
            case .comparison: start = "None of the compared runs has \(key)"
            }
            if !closest.isEmpty { return start + " — closest: \(closest.joined(separator: ", "))." }
            let kind = key.prefix { $0 != "." }
            if existing.isEmpty { return start + "; no run has any \(kind) yet." }
            let shown = existing.prefix(8).joined(separator: ", ")
            return start + "; the \(kind) keys are: \(shown)\(existing.count > 8 ? ", … (\(existing.count) in all)" : "")."
        case .invalidTrialNumber(let sweep, let number):
            return "Trial number \(number) of sweep \(sweep) is negative; trials are numbered 0, 1, 2 …"
        case .invalidTrialParams(let sweep, let number, let params, let reason):
            return "The params of trial \(number) of sweep \(sweep) are not a JSON object (\(reason)): '\(params)'."
        case .trialConflict(let sweep, let number, let existing, let attempted):
            return "Trial \(number) of sweep \(sweep) is already queued with params \(existing) and cannot become \(attempted); give the new proposal the next free number."
        case .trialNotFound(let sweep, let number):
            return "Sweep \(sweep) has no trial \(number); enqueue it first."
        case .trialClaimLost(let sweep, let number, let attempt, let state, let current):
            return "Trial \(number) of sweep \(sweep) is no longer held by claim \(attempt): it is \(state) (attempt \(current)); its heartbeat went stale and it was requeued, so stop working on it."
        case .invalidTrialOutcome(let sweep, let number, let state, let objective, let reason):
            return "Trial \(number) of sweep \(sweep) cannot finish as '\(state)'\(objective.map { " with objective \($0)" } ?? ""): \(reason)."
        case .runNotInSweep(let run, let sweep, let parent):
            return "Run \(run) is not a child of sweep \(sweep) (its parent is \(parent ?? "none")); create the trial's run with RunSpec(parent: sweep)."
        case .trialHasRun(let sweep, let number, let run, let attempted):
            return "Trial \(number) of sweep \(sweep) already runs as \(run) and cannot be attached to \(attempted)."
        case .invalidStaleAfter(let text):
            return "Staleness window \(text) is not allowed; give a number of seconds ≥ 0 (the registry's default is \(Int(Registry.defaultStaleAfter)))."
        case .cacheFolderFailed(let path, let reason):
            return "Could not list or remove \(path) in the stage cache: \(reason); check the folder's permissions, or delete the cache folder (the next pipeline run executes every stage again)."
        }
    }
}

/// Where a key that no run has was used.
public enum KeyUse: String, Sendable, Equatable { case filter, ordering, comparison }

private func didYouMean(_ candidates: [String]) -> String {
    candidates.isEmpty ? "" : " (did you mean \(candidates.map { "'\($0)'" }.joined(separator: " or "))?)"
}

extension Array where Element == String {
    /// Up to three names within edit distance max(2, len/3) of `name`, closest first.
    func closeMatches(to name: String) -> [String] {
        let limit = Swift.max(2, name.count / 3)
        return self.map { ($0, editDistance($0, name)) }
            .filter { $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(3)
            .map(\.0)
    }
}

/// Levenshtein distance over characters, O(|a|·|b|) time, O(|b|) memory.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
