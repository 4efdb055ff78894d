import Foundation

/// A line chart written as standalone SVG text (no dependencies), for run artifacts.
///
/// Data (x, y) map to the plot box linearly: x' = left + (x − x_min)/(x_max − x_min)·w,
/// y' = top + (y_max − y)/(y_max − y_min)·h, over the extent of every line (a zero-width
/// extent is widened by ±0.5). A non-finite y breaks its line. Five ticks per axis are
/// labelled with 4 significant digits; the legend lists the named lines in order.
struct LinePlot {
    struct Line {
        var name: String
        /// A CSS colour, e.g. "#1f77b4".
        var color: String
        var points: [(x: Double, y: Double)]
        var dashed = false
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var lines: [Line]

    func svg(width: Double = 760, height: Double = 360) -> String {
        let left = 70.0, right = 20.0, top = 36.0, bottom = 46.0
        let w = width - left - right, h = height - top - bottom
        let finite = lines.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        var (xMin, xMax) = Self.extent(finite.map(\.x))
        var (yMin, yMax) = Self.extent(finite.map(\.y))
        if xMax == xMin { xMin -= 0.5; xMax += 0.5 }
        if yMax == yMin { yMin -= 0.5; yMax += 0.5 }
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * w }
        func py(_ y: Double) -> Double { top + (yMax - y) / (yMax - yMin) * h }

        var out = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Self.n(width))" height="\##(Self.n(height))" font-family="sans-serif" font-size="11">"##,
            ##"<rect width="100%" height="100%" fill="white"/>"##,
            ##"<text x="\##(Self.n(width / 2))" y="20" text-anchor="middle" font-size="13">\##(Self.escape(title))</text>"##,
            ##"<rect x="\##(Self.n(left))" y="\##(Self.n(top))" width="\##(Self.n(w))" height="\##(Self.n(h))" fill="none" stroke="#888"/>"##,
        ]
        for k in 0...4 {
            let fraction = Double(k) / 4
            let x = xMin + fraction * (xMax - xMin), y = yMin + fraction * (yMax - yMin)
            out.append(##"<text x="\##(Self.n(px(x)))" y="\##(Self.n(top + h + 16))" text-anchor="middle">\##(Self.label(x))</text>"##)
            out.append(##"<text x="\##(Self.n(left - 6))" y="\##(Self.n(py(y) + 4))" text-anchor="end">\##(Self.label(y))</text>"##)
            out.append(##"<line x1="\##(Self.n(left))" x2="\##(Self.n(left + w))" y1="\##(Self.n(py(y)))" y2="\##(Self.n(py(y)))" stroke="#eee"/>"##)
        }
        out.append(##"<text x="\##(Self.n(left + w / 2))" y="\##(Self.n(height - 8))" text-anchor="middle">\##(Self.escape(xLabel))</text>"##)
        out.append(##"<text x="14" y="\##(Self.n(top + h / 2))" text-anchor="middle" transform="rotate(-90 14 \##(Self.n(top + h / 2)))">\##(Self.escape(yLabel))</text>"##)
        for line in lines {
            let dash = line.dashed ? ##" stroke-dasharray="5 3""## : ""
            for segment in Self.segments(line.points) where !segment.isEmpty {
                let coordinates = segment.map { "\(Self.n(px($0.x))),\(Self.n(py($0.y)))" }.joined(separator: " ")
                out.append(##"<polyline fill="none" stroke="\##(line.color)" stroke-width="1.2"\##(dash) points="\##(coordinates)"/>"##)
            }
        }
        for (i, line) in lines.filter({ !$0.name.isEmpty }).enumerated() {
            let y = top + 14 + Double(i) * 15
            out.append(##"<line x1="\##(Self.n(left + w - 150))" x2="\##(Self.n(left + w - 130))" y1="\##(Self.n(y - 4))" y2="\##(Self.n(y - 4))" stroke="\##(line.color)" stroke-width="2"/>"##)
            out.append(##"<text x="\##(Self.n(left + w - 125))" y="\##(Self.n(y))">\##(Self.escape(line.name))</text>"##)
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Runs of consecutive points with finite coordinates.
    static func segments(_ points: [(x: Double, y: Double)]) -> [[(x: Double, y: Double)]] {
        var result: [[(x: Double, y: Double)]] = [[]]
        for p in points {
            if p.x.isFinite && p.y.isFinite { result[result.count - 1].append(p) } else if !(result.last?.isEmpty ?? true) { result.append([]) }
        }
        return result
    }

    static func extent(_ values: [Double]) -> (Double, Double) {
        guard let lo = values.min(), let hi = values.max() else { return (0, 1) }
        return (lo, hi)
    }

    /// Coordinates with two decimals.
    static func n(_ x: Double) -> String { String(format: "%.2f", x) }

    static func label(_ x: Double) -> String { String(format: "%.4g", x) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
