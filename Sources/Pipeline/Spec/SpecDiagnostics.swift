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

    /// The value of `body`, or `fallback` with its error recorded, so that reading goes
    /// on to the next key (the caller discards the section when `errors` grew).
    mutating func value<T>(_ fallback: T, _ body: () throws(ConfigError) -> T) -> T {
        check(body) ?? fallback
    }

    /// The nested mapping under `key`, recording every unknown key in it.
    mutating func section<Key: RawRepresentable & CaseIterable, Sub: RawRepresentable & CaseIterable>(
        _ m: ConfigMapping<Key>, _ key: Key, keys: Sub.Type
    ) -> ConfigMapping<Sub>? where Key.RawValue == String, Sub.RawValue == String {
        var unknown: [ConfigError] = []
        let section = check { () throws(ConfigError) in
            try ConfigMapping<Sub>(m.node(key), path: m.keyPath(key), file: m.file, fallback: m.location(key), unknownKeys: &unknown)
        }
        errors += unknown
        return section
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
