/// Rules for artifact names: relative, '/'-separated, no empty, '.' or '..' component, no
/// backslash or control character, at most 255 characters. A valid name can never point
/// outside the artifact folder, whatever it is later used for.
enum ArtifactName {
    static func validate(_ name: String) throws {
        func reject(_ reason: String) -> TrackingError { .invalidArtifactName(name: name, reason: reason) }
        if name.isEmpty { throw reject("it is empty") }
        if name.count > 255 { throw reject("it is longer than 255 characters") }
        if name.hasPrefix("/") || name.hasPrefix("~") { throw reject("it is an absolute path") }
        if name.contains("\\") { throw reject("it contains a backslash") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw reject("it contains a control character")
        }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { throw reject("it has an empty path component") }
            if component == "." || component == ".." { throw reject("it has a '\(component)' component that could leave the artifact folder") }
        }
    }
}
