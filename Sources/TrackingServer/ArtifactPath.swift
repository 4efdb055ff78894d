import Foundation
import Tracking

/// A path under MLflow's artifact root, `<experiment id>/<run id>/artifacts[/<name>]`, checked so
/// it can never leave the run's artifacts: no `.`, `..` or empty component, not absolute, no
/// backslash or control character, and no percent-encoded dot, slash, backslash or NUL
/// (so `%2e%2e` cannot smuggle a `..` past the check). Violations are 400 INVALID_PARAMETER_VALUE.
struct ArtifactPath: Equatable {
    var experimentId: String
    var run: RunID
    /// The artifact name (or folder) inside the run; "" for the run's root.
    var name: String

    /// `raw` is the path as sent (still percent-encoded when it came from the URL path).
    init(raw: String, percentEncoded: Bool) throws {
        func reject(_ reason: String) -> MLflowError { .invalid("Artifact path '\(raw)' is refused: \(reason).") }
        var text = raw
        if percentEncoded {
            let lower = raw.lowercased()
            for encoded in ["%2e", "%2f", "%5c", "%00"] where lower.contains(encoded) {
                throw reject("it contains the encoded character \(encoded)")
            }
            guard let decoded = raw.removingPercentEncoding else { throw reject("it is not valid percent-encoding") }
            text = decoded
        }
        if text.hasPrefix("/") || text.hasPrefix("~") { throw reject("it is absolute") }
        if text.contains("\\") { throw reject("it contains a backslash") }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) { throw reject("it contains a control character") }
        var components = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.last == "" { components.removeLast() }
        for component in components where component.isEmpty || component == "." || component == ".." {
            throw reject("it has a '\(component)' component")
        }
        guard components.count >= 3, components[2] == "artifacts" else {
            throw reject("expected <experiment id>/<run id>/artifacts/<name>")
        }
        guard let run = try? RunID(components[1]) else { throw reject("'\(components[1])' is not a run id") }
        self.experimentId = components[0]
        self.run = run
        self.name = components.dropFirst(3).joined(separator: "/")
    }
}

/// Immediate children of folder `prefix` among a run's artifact names, as MLflow lists them:
/// paths relative to the folder, folders marked `is_dir`.
enum ArtifactListing {
    static func children(of prefix: String, in artifacts: [ArtifactReference]) -> [[String: Any]] {
        let folder = prefix.isEmpty ? "" : prefix + "/"
        var files: [String: [String: Any]] = [:]
        for artifact in artifacts where artifact.name.hasPrefix(folder) {
            let rest = artifact.name.dropFirst(folder.count)
            if let slash = rest.firstIndex(of: "/") {
                let child = String(rest[..<slash])
                files[child] = ["path": child, "is_dir": true]
            } else {
                files[String(rest)] = ["path": String(rest), "is_dir": false, "file_size": artifact.size]
            }
        }
        return files.keys.sorted().compactMap { files[$0] }
    }
}
