/// A one-line chart of a series with the eight block characters ▁▂▃▄▅▆▇█.
///
/// Longer series are cut into `width` equal buckets, each drawn at its mean; a value v maps to
/// level ⌊(v − min) / (max − min) · 7⌉. Buckets with no finite value are drawn as a space.
public enum Sparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public static func render(_ values: [Double], width: Int = 60) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        let buckets = min(width, values.count)
        var means: [Double?] = []
        means.reserveCapacity(buckets)
        for bucket in 0..<buckets {
            let start = bucket * values.count / buckets
            let end = (bucket + 1) * values.count / buckets
            let finite = values[start..<end].filter(\.isFinite)
            means.append(finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count))
        }
        let present = means.compactMap { $0 }
        guard let low = present.min(), let high = present.max() else { return String(repeating: " ", count: buckets) }
        let span = high - low
        return String(means.map { mean -> Character in
            guard let mean else { return " " }
            let level = span == 0 ? 3 : Int(((mean - low) / span * 7).rounded())
            return levels[min(7, max(0, level))]
        })
    }
}
