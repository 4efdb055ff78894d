import Foundation

/// An inline SVG grouped bar chart: one group per category (a forecast horizon), one bar per
/// series (a run) in each group. The scale runs from min(0, smallest finite value) to
/// max(0, largest finite value); bars start at 0. A NaN or ±inf value gets no bar but its
/// text ("NaN", "+inf") at the baseline in the bar's colour, and the legend note counts them.
struct BarChart {
    var title: String
    var categories: [String]
    /// Series label and one value per category (nil: the run lacks it).
    var series: [(label: String, values: [Double?])]
    var height = 200.0
    private let left = 64.0, top = 12.0, bottom = 28.0, barWidth = 16.0, gap = 14.0

    init(title: String, categories: [String], series: [(label: String, values: [Double?])]) {
        self.title = title
        self.categories = categories
        self.series = series
    }

    var html: HTML {
        let all = series.flatMap { $0.values.compactMap { $0 } }
        let finite = all.filter(\.isFinite)
        var low = min(0, finite.min() ?? 0), high = max(0, finite.max() ?? 1)
        if low == high { high = low + 1 }
        let groupWidth = Double(max(1, series.count)) * barWidth + gap
        let width = left + Double(categories.count) * groupWidth + gap
        let plotHeight = height - top - bottom
        func py(_ y: Double) -> Double { top + (high - y) / (high - low) * plotHeight }
        let f = LineChart.f
        var marks: [HTML] = []
        for (c, category) in categories.enumerated() {
            let groupLeft = left + gap + Double(c) * groupWidth
            for (s, line) in series.enumerated() {
                guard c < line.values.count, let value = line.values[c] else { continue }
                let x = groupLeft + Double(s) * barWidth
                let colour = ChartSeries.colour(s)
                let tip: HTML = "<title>\(line.label) \(category): \(DisplayFormat.number(value))</title>"
                if value.isFinite {
                    let y = min(py(value), py(0)), h = max(1, abs(py(value) - py(0)))
                    marks.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(barWidth - 2))\" height=\"\(f(h))\" fill=\"\(colour)\">\(tip)</rect>")
                } else {
                    marks.append("<text class=\"nonfinite-bar\" x=\"\(f(x))\" y=\"\(f(py(0) - 2))\" font-size=\"10\" fill=\"\(colour)\" writing-mode=\"tb\">\(DisplayFormat.number(value))\(tip)</text>")
                }
            }
            marks.append("<text x=\"\(f(groupLeft))\" y=\"\(f(height - 8))\" font-size=\"11\">\(category)</text>")
        }
        let axes: HTML = """
        <line x1="\(f(left))" y1="\(f(py(0)))" x2="\(f(width))" y2="\(f(py(0)))" stroke="#57606a"/>\
        <text x="\(f(left - 4))" y="\(f(top + 4))" text-anchor="end" font-size="11">\(DisplayFormat.number(high))</text>\
        <text x="\(f(left - 4))" y="\(f(top + plotHeight))" text-anchor="end" font-size="11">\(DisplayFormat.number(low))</text>
        """
        let legend = HTML.join(series.enumerated().map { index, line -> HTML in
            "<span class=\"legend-item\"><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"\(ChartSeries.colour(index))\"/></svg> \(line.label)</span>"
        }, separator: " ")
        return """
        <figure class="chart"><figcaption>\(title)</figcaption>\
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" role="img" aria-label="\(title)">\
        \(axes)\(HTML.join(marks))</svg>\
        <div class="legend">\(legend)</div>\(NonFiniteCounts(all).legendNote)</figure>
        """
    }
}
