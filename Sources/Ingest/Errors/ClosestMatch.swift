/// "Did you mean …?" suggestions: the candidate with the smallest case-insensitive
/// Levenshtein distance, offered only when that distance is at most
/// max(2, ⌈|name|/3⌉) or one name contains the other.
public enum ClosestMatch {
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        guard !target.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let lowered = candidate.lowercased()
            var distance = levenshtein(target, Array(lowered))
            if lowered.contains(name.lowercased()) || name.lowercased().contains(lowered), !lowered.isEmpty {
                distance = min(distance, 1)
            }
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        guard let best else { return nil }
        let limit = max(2, (target.count + 2) / 3)
        return best.distance <= limit ? best.candidate : nil
    }

    /// Edit distance (insertions, deletions, substitutions each cost 1), O(|a|·|b|).
    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
