/// Why a pipeline spec (`Pipelines/*.yaml`) cannot run: every problem found, not just the
/// first, each a `ConfigError` with its key path (`stages.train.model`), `file:line:column`
/// and a sentence that ends in what to do. Sorted by file (the pipeline first, then the
/// configs it references), line and column.
public struct PipelineSpecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pipeline file as given.
    public let file: String
    public let errors: [ConfigError]

    public init(file: String, errors: [ConfigError]) {
        self.file = file
        self.errors = errors
    }

    /// `<file>: 2 errors (by line):` and one error per line.
    public var description: String {
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        return (["\(file): \(count) (by line); fix them and validate again:"] + errors.map { "  \($0.description)" })
            .joined(separator: "\n")
    }
}
