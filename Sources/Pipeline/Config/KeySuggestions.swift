/// Close matches for a misspelt name, by Levenshtein edit distance (insert, delete,
/// substitute, each cost 1). A candidate is close when its distance is at most
/// max(1, ⌊name.count / 3⌋), so `hiden_size` → `hidden_size` (1) but `foo` → nothing.
enum KeySuggestions {
    static func closeMatches(to name: String, in candidates: [String], limit: Int = 2) -> [String] {
        let threshold = max(1, name.count / 3)
        return candidates
            .map { (candidate: $0, distance: editDistance(name, $0)) }
            .filter { $0.distance <= threshold }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
            .prefix(limit)
            .map(\.candidate)
    }

    /// Levenshtein distance over Unicode scalars, two rows of the DP table.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
