import Foundation
import Series

/// A stand-alone copy of EVALUATION.md §1–6 (grid, split, min-max, origins, MAE) for this
/// benchmark only, so ARIMA/Prophet numbers can be checked against TARGETS.md before the
/// shared `autoscale evaluate` lands. Replace with the Series implementation once merged.
struct ProtocolSeries {
    var name: String
    var scaled: RegularSeries
    var trainCount: Int
    var validationCount: Int
    var testStart: Int { trainCount + validationCount }

    /// Reads `timestamp,<column>` CSV (YYYY-MM-DD HH:MM:SS as UTC, or numeric seconds).
    static func load(path: String, column: String) throws -> ProtocolSeries {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        guard let col = header.firstIndex(of: column) else { throw HarnessError("no column \(column) in \(path)") }
        var times: [Double] = [], values: [Double] = []
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let v = Double(fields[col]) else { throw HarnessError("bad value in \(path): \(line)") }
            times.append(try parseTime(String(fields[0])))
            values.append(v)
        }
        // §1 grid: D = median difference; last observation wins; forward fill.
        let diffs = zip(times.dropFirst(), times).map { $0 - $1 }.sorted()
        let d = diffs.count % 2 == 1 ? diffs[diffs.count / 2] : (diffs[diffs.count / 2 - 1] + diffs[diffs.count / 2]) / 2
        let n = Int(((times.last! - times.first!) / d).rounded()) + 1
        var grid = [Double?](repeating: nil, count: n)
        for (t, v) in zip(times, values) { grid[Int(((t - times.first!) / d).rounded())] = v }
        var filled: [Double] = []
        for (k, v) in grid.enumerated() { filled.append(v ?? filled[k - 1]) }
        // §3 split, §4 min-max on train.
        let nTrain = Int(floor(0.7 * Double(n))), nVal = Int(floor(0.15 * Double(n)))
        let train = filled[0..<nTrain]
        let lo = train.min()!, hi = train.max()!
        let divisor = hi > lo ? hi - lo : 1
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let series = RegularSeries(name: name, start: times.first!, interval: d, values: filled.map { ($0 - lo) / divisor })
        return ProtocolSeries(name: name, scaled: series, trainCount: nTrain, validationCount: nVal)
    }

    static func parseTime(_ s: String) throws -> Double {
        if let v = Double(s) { return v }
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "T" }).compactMap { Int($0) }
        guard parts.count >= 6 else { throw HarnessError("bad timestamp \(s)") }
        var c = DateComponents()
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2]; c.hour = parts[3]; c.minute = parts[4]; c.second = parts[5]
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard let date = cal.date(from: c) else { throw HarnessError("bad timestamp \(s)") }
        return date.timeIntervalSince1970
    }

    /// §5 origins for horizon h: test_start ≤ t, t + h ≤ N − 1.
    func origins(steps h: Int) -> Range<Int> { testStart..<(scaled.count - h) }

    /// §6 MAE of paths (index h−1 of each path) against s_{t+h}.
    func mae(paths: [[Double]], origins: Range<Int>, steps h: Int) -> Double {
        var sum = 0.0
        for (i, t) in origins.enumerated() { sum += abs(scaled.values[t + h] - paths[i][h - 1]) }
        return sum / Double(origins.count)
    }

    /// Fraction of targets inside [lower, upper] at step h.
    func coverage(lower: [[Double]], upper: [[Double]], origins: Range<Int>, steps h: Int) -> Double {
        var inside = 0
        for (i, t) in origins.enumerated() {
            let y = scaled.values[t + h]
            if y >= lower[i][h - 1] && y <= upper[i][h - 1] { inside += 1 }
        }
        return Double(inside) / Double(origins.count)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
