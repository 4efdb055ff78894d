/// Why an artifact cannot be read or cannot forecast. Each case names the artifact's
/// kind (as written in the file) and, where it matters, its format version.
public enum ArtifactError: Error, Equatable, CustomStringConvertible {
    /// Not a JSON object, or a field of the wrong type.
    case unreadable(reason: String)
    /// No integer `format_version` at the top level.
    case missingFormatVersion(kind: String?)
    /// A format this build does not read (newer than `supported`, or below 1).
    case unsupportedFormatVersion(found: Int, supported: Int, kind: String?)
    /// A `kind` no loader knows for that format version.
    case unknownKind(String, formatVersion: Int, known: [String])
    /// The parts decoded but do not make a model (the family's own check, a settings /
    /// state mismatch, a bad field), with the reason.
    case invalid(kind: String, formatVersion: Int, reason: String)
    /// A history whose grid step is not the one the model was fitted on.
    case intervalMismatch(kind: String, artifactSeconds: Double, historySeconds: Double)
    /// A forecast needs at least one step.
    case nonPositiveSteps(Int)

    public var description: String {
        switch self {
        case .unreadable(let reason):
            return "cannot read the model artifact (\(reason)); give a file written by `autoscale` (JSON with format_version, kind and the model)"
        case .missingFormatVersion(let kind):
            let what = kind.map { " of kind \"\($0)\"" } ?? ""
            return "the model artifact\(what) has no format_version; it was not written by this tool, or was edited"
        case .unsupportedFormatVersion(let found, let supported, let kind):
            let what = kind.map { " (kind \"\($0)\")" } ?? ""
            return "model artifact format \(found)\(what) is not supported: this build reads formats 1 to \(supported); use a build at least as new as the one that wrote it"
        case .unknownKind(let kind, let version, let known):
            return "unknown model kind \"\(kind)\" in a format-\(version) artifact; known kinds: \(known.joined(separator: ", "))"
        case .invalid(let kind, let version, let reason):
            return "the \(kind) artifact (format \(version)) is not a usable model: \(reason)"
        case .intervalMismatch(let kind, let artifact, let history):
            return "the \(kind) model was fitted on a \(artifact) s grid but the history is on a \(history) s grid; give a history sampled every \(artifact) s"
        case .nonPositiveSteps(let steps):
            return "cannot forecast \(steps) steps; ask for at least 1"
        }
    }
}
