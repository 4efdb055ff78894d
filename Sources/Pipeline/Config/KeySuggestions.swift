/// Close matches for a misspelt name, by edit distance (insert, delete, substitute,
/// swap adjacent, each cost 1). A candidate is close when its distance is at most
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

    /// Optimal-string-alignment distance over Unicode scalars: Levenshtein plus the
    /// swap of two adjacent characters at cost 1 (`lsmt` → `lstm` is 1, not 2).
    ///
    ///     D[i][j] = min(D[i−1][j] + 1, D[i][j−1] + 1, D[i−1][j−1] + [x_i ≠ y_j],
    ///                   D[i−2][j−2] + 1 if x_i = y_{j−1} and x_{i−1} = y_j)
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
