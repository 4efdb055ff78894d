import Foundation

/// An inline SVG line chart of one or more series over a shared x axis (steps or epochs).
///
/// Scale: x from the smallest to the largest x of all series, y from the smallest to the largest
/// *finite* y (a flat series gets ±1, or ±10 % of its value). A point at (x, y) is drawn at
/// `left + (x − x₀)/(x₁ − x₀)·plotWidth`, `top + (y₁ − y)/(y₁ − y₀)·plotHeight`.
/// NaN, +inf and −inf are not on the scale: the line breaks there and a marker is drawn — ○ on
/// the x axis for NaN, ▲ on the top edge for +inf, ▼ on the bottom edge for −inf — each with a
/// `<title>` naming the step and value, and a legend note counts them.
struct LineChart {
    var title: String
    var series: [ChartSeries]
    var width = 460.0
    var height = 220.0
    private let left = 64.0, right = 12.0, top = 12.0, bottom = 28.0

    init(title: String, series: [ChartSeries]) {
        self.title = title
        self.series = series
    }

    var html: HTML {
        let xs = series.flatMap { $0.points.map(\.x) }
        let finite = series.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        let (x0, x1) = Self.range(xs, padFlat: 1)
        let (y0, y1) = Self.range(finite, padFlat: finite.first.map { $0 == 0 ? 1 : abs($0) * 0.1 } ?? 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotWidth }
        func py(_ y: Double) -> Double { top + (y1 - y) / (y1 - y0) * plotHeight }

        var marks: [HTML] = []
        for (index, line) in series.enumerated() {
            let colour = ChartSeries.colour(index)
            var segments: [[(Double, Double)]] = [[]]
            for point in line.points {
                if point.y.isFinite {
                    segments[segments.count - 1].append((px(point.x), py(point.y)))
                    continue
                }
                if !segments[segments.count - 1].isEmpty { segments.append([]) }
                marks.append(Self.marker(x: px(point.x), value: point.y, step: point.x, label: line.label, colour: colour,
                                         top: top, bottom: top + plotHeight))
            }
            for segment in segments where !segment.isEmpty {
                if segment.count == 1 {
                    marks.append("<circle cx=\"\(Self.f(segment[0].0))\" cy=\"\(Self.f(segment[0].1))\" r=\"2.5\" fill=\"\(colour)\"/>")
                } else {
                    let points = segment.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " ")
                    marks.append("<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\" points=\"\(points)\"/>")
                }
            }
        }
        let axes: HTML = """
        <line x1="\(Self.f(left))" y1="\(Self.f(top + plotHeight))" x2="\(Self.f(width - right))" y2="\(Self.f(top + plotHeight))" stroke="#57606a"/>\
        <line x1="\(Self.f(left))" y1="\(Self.f(top))" x2="\(Self.f(left))" y2="\(Self.f(top + plotHeight))" stroke="#57606a"/>\
        <text x="\(Self.f(left - 4))" y="\(Self.f(top + 4))" text-anchor="end" font-size="11">\(DisplayFormat.number(finite.isEmpty ? nil : y1))</text>\
        <text x="\(Self.f(left - 4))" y="\(Self.f(top + plotHeight))" text-anchor="end" font-size="11">\(DisplayFormat.number(finite.isEmpty ? nil : y0))</text>\
        <text x="\(Self.f(left))" y="\(Self.f(height - 8))" font-size="11">\(DisplayFormat.number(xs.isEmpty ? nil : x0))</text>\
        <text x="\(Self.f(width - right))" y="\(Self.f(height - 8))" text-anchor="end" font-size="11">\(DisplayFormat.number(xs.isEmpty ? nil : x1))</text>
        """
        let legend = HTML.join(series.enumerated().map { index, line -> HTML in
            "<span class=\"legend-item\"><svg width=\"14\" height=\"4\" aria-hidden=\"true\"><rect width=\"14\" height=\"4\" fill=\"\(ChartSeries.colour(index))\"/></svg> \(line.label)</span>"
        }, separator: " ")
        let counts = NonFiniteCounts(series.flatMap { $0.points.map(\.y) })
        return """
        <figure class="chart"><figcaption>\(title)</figcaption>\
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.f(width))" height="\(Self.f(height))" viewBox="0 0 \(Self.f(width)) \(Self.f(height))" role="img" aria-label="\(title)">\
        \(axes)\(HTML.join(marks))</svg>\
        <div class="legend">\(legend)</div>\(counts.legendNote)</figure>
        """
    }

    /// The marker for a value off the scale at pixel column `x`.
    static func marker(x: Double, value: Double, step: Double, label: String, colour: String, top: Double, bottom: Double) -> HTML {
        let tip: HTML = "<title>\(label) step \(DisplayFormat.number(step)): \(DisplayFormat.number(value))</title>"
        if value.isNaN {
            return "<circle class=\"nan-marker\" cx=\"\(f(x))\" cy=\"\(f(bottom))\" r=\"4\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"1.6\">\(tip)</circle>"
        }
        let (tipY, baseY) = value > 0 ? (top, top + 8) : (bottom, bottom - 8)
        let kind = value > 0 ? "inf-marker" : "neginf-marker"
        return "<polygon class=\"\(kind)\" points=\"\(f(x)),\(f(tipY)) \(f(x - 5)),\(f(baseY)) \(f(x + 5)),\(f(baseY))\" fill=\"\(colour)\">\(tip)</polygon>"
    }

    /// The smallest and largest value; a single value (or none) is widened by `padFlat` each way.
    static func range(_ values: [Double], padFlat: Double) -> (Double, Double) {
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        return low < high ? (low, high) : (low - padFlat, high + padFlat)
    }

    /// Pixel coordinates to two decimals.
    static func f(_ value: Double) -> String { String(format: "%.2f", value) }
}
