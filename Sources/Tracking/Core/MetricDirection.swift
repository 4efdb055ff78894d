/// Whether smaller or larger values of a metric are better (used to mark diffs and comparisons).
public enum MetricDirection: String, Codable, Sendable {
    case min, max

    /// Declared direction if any, else inferred from the key: names containing accuracy, r2,
    /// score, auc, precision, recall, f1, coverage or throughput are `max`; everything else
    /// (errors, losses, times) is `min`.
    static func infer(_ key: String) -> MetricDirection {
        let lower = key.lowercased()
        let larger = ["accuracy", "acc", "r2", "score", "auc", "precision", "recall", "f1", "coverage", "throughput"]
        let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return words.contains(where: larger.contains) ? .max : .min
    }

    /// Whether `candidate` is better than `reference` in this direction (NaN is never better).
    func isBetter(_ candidate: Double, than reference: Double) -> Bool {
        if candidate.isNaN { return false }
        if reference.isNaN { return true }
        return self == .min ? candidate < reference : candidate > reference
    }
}
