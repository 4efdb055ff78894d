/// Relative/absolute closeness used by numeric tests: |a − b| ≤ abs + rel·max(|a|, |b|).
public func isClose(_ a: Double, _ b: Double, rel: Double = 1e-9, abs: Double = 0) -> Bool {
    if a == b { return true }
    if a.isNaN || b.isNaN { return false }
    return Swift.abs(a - b) <= abs + rel * max(Swift.abs(a), Swift.abs(b))
}

/// Index and values of the first pair that is not close, or nil when all are.
public func firstMismatch(_ a: [Double], _ b: [Double], rel: Double = 1e-9, abs: Double = 0) -> (index: Int, actual: Double, expected: Double)? {
    if a.count != b.count { return (min(a.count, b.count), Double(a.count), Double(b.count)) }
    for i in a.indices where !isClose(a[i], b[i], rel: rel, abs: abs) {
        return (i, a[i], b[i])
    }
    return nil
}
