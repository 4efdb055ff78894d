import Foundation

/// Durations in nanoseconds counted in logarithmic buckets: bucket k holds durations d with
/// ⌊4 · log2(d)⌋ = k, i.e. d in [2^(k/4), 2^((k+1)/4)) ns. A quantile read back is the bucket's
/// geometric middle, within 9% of the true value, from 1 ns up to 2^(`bucketCount`/4) ns
/// (≈ 18 minutes; longer durations land in the last bucket). The count and the sum are exact, so
/// is the mean. Memory: `bucketCount` counters, whatever the number of durations.
struct LatencyHistogram: Sendable, Equatable {
    static let bucketsPerDoubling = 4.0
    static let bucketCount = 160

    private(set) var buckets = [Int](repeating: 0, count: LatencyHistogram.bucketCount)
    private(set) var count = 0
    private(set) var totalNanoseconds: UInt64 = 0

    /// ⌊4 · log2(ns)⌋ clamped to the buckets; 0 for 0 ns.
    static func bucket(_ nanoseconds: UInt64) -> Int {
        guard nanoseconds > 1 else { return 0 }
        return min(bucketCount - 1, Int((log2(Double(nanoseconds)) * bucketsPerDoubling).rounded(.down)))
    }

    mutating func record(_ nanoseconds: UInt64) {
        buckets[Self.bucket(nanoseconds)] += 1
        count += 1
        totalNanoseconds &+= nanoseconds
    }

    var meanNanoseconds: Double { count == 0 ? .nan : Double(totalNanoseconds) / Double(count) }

    /// The q-quantile (0 < q ≤ 1) in nanoseconds: the geometric middle 2^((k + ½)/4) of the
    /// bucket k holding the ⌈q · count⌉-th smallest duration; NaN when nothing was recorded.
    func quantileNanoseconds(_ q: Double) -> Double {
        guard count > 0 else { return .nan }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        var index = 0
        while index < buckets.count - 1 {
            seen += buckets[index]
            if seen >= rank { break }
            index += 1
        }
        return exp2((Double(index) + 0.5) / Self.bucketsPerDoubling)
    }
}
