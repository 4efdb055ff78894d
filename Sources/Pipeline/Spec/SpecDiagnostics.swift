/// The errors found while reading a pipeline spec. Decoding goes on after an error so
/// that one validation reports all of them; `sorted` orders them for the user.
struct SpecDiagnostics {
    private(set) var errors: [ConfigError] = []

    var isEmpty: Bool { errors.isEmpty }

    mutating func add(_ error: ConfigError) {
        errors.append(error)
    }

    mutating func add(contentsOf more: [ConfigError]) {
        errors += more
    }

    /// The value of `body`, or nil with its error recorded.
    mutating func check<T>(_ body: () throws(ConfigError) -> T) -> T? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// The errors without repeats (a template's error appears once, not once per
    /// `foreach` item), the pipeline file's first, then by file, line, column.
    func sorted(primaryFile: String) -> [ConfigError] {
        var seen = Set<String>()
        let unique = errors.filter { seen.insert($0.description).inserted }
        return unique.sorted { a, b in
            let fa = (a.location.file == primaryFile ? 0 : 1, a.location.file)
            let fb = (b.location.file == primaryFile ? 0 : 1, b.location.file)
            if fa != fb { return fa < fb }
            if a.location.line != b.location.line { return a.location.line < b.location.line }
            if a.location.column != b.location.column { return a.location.column < b.location.column }
            return a.description < b.description
        }
    }
}
