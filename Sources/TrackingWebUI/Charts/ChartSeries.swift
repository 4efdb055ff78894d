/// One named line of a chart: y values by x (a metric's value by step). Values may be NaN or
/// ±infinity; charts draw those as markers, never as points on the scale.
struct ChartSeries: Sendable, Equatable {
    var label: String
    var points: [(x: Double, y: Double)]

    static func == (a: ChartSeries, b: ChartSeries) -> Bool {
        a.label == b.label && a.points.map(\.x) == b.points.map(\.x)
            && zip(a.points, b.points).allSatisfy { $0.y == $1.y || ($0.y.isNaN && $1.y.isNaN) }
    }

    /// Colours for series 0, 1, …, repeating (distinguishable, also in greyscale order).
    static let palette = ["#0b5cad", "#d1242f", "#1a7f37", "#8250df", "#bc4c00", "#0a7b83", "#6e7781", "#bf3989"]
    static func colour(_ index: Int) -> String { palette[index % palette.count] }
}

/// Counts of values a chart could not place on its scale.
struct NonFiniteCounts: Equatable {
    var nan = 0
    var positiveInfinity = 0
    var negativeInfinity = 0

    init(_ values: some Sequence<Double>) {
        for value in values where !value.isFinite {
            if value.isNaN { nan += 1 } else if value > 0 { positiveInfinity += 1 } else { negativeInfinity += 1 }
        }
    }

    var isEmpty: Bool { nan == 0 && positiveInfinity == 0 && negativeInfinity == 0 }

    /// "Not on the scale: 2 NaN (○ on the x axis), 1 +inf (▲ at the top). Lines break at them."
    var legendNote: HTML? {
        if isEmpty { return nil }
        var parts: [String] = []
        if nan > 0 { parts.append("\(nan) NaN (○ on the x axis)") }
        if positiveInfinity > 0 { parts.append("\(positiveInfinity) +inf (▲ at the top)") }
        if negativeInfinity > 0 { parts.append("\(negativeInfinity) -inf (▼ at the bottom)") }
        return "<p class=\"note nonfinite-note\">Not on the scale: \(parts.joined(separator: ", ")). Lines break at them.</p>"
    }
}
