import Foundation

/// Where a stage is being read: the pipeline file, the folder that relative `config:`
/// paths start from, the stage's key path (`stages.train`) and position.
struct StageContext {
    let file: String
    /// The folder holding the pipeline file ("" for the current one).
    let baseDirectory: String
    let keyPath: String
    let location: ConfigLocation

    /// `path` as given when absolute, else relative to the pipeline file's folder.
    func resolvePath(_ path: String) -> String {
        if path.hasPrefix("/") || baseDirectory.isEmpty { return path }
        return (baseDirectory as NSString).appendingPathComponent(path)
    }
}
