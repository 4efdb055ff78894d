import Series

/// The plot of `autoscale forecast --track`: the last day of history (at least three
/// forecast lengths, at most the whole series) and the forecast after it, with the
/// bounds of each interval coverage dashed, against hours relative to the last
/// observation (negative: history).
enum ForecastPlot {
    static func svg(series: RegularSeries, report: SeriesForecastReport) -> String {
        let steps = report.forecasts.count
        let shown = min(series.count, max(3 * steps, Int((86_400 / series.interval).rounded())))
        let last = series.count - 1
        let history = (series.count - shown..<series.count).map { k in
            (x: Double(k - last) * series.interval / 3600, y: series.values[k])
        }
        let hours = report.forecasts.map { $0.minutesAhead / 60 }
        var lines = [
            LinePlot.Line(name: "history", color: "#444444", points: history),
            LinePlot.Line(name: "forecast", color: "#d62728", points: Array(zip(hours, report.forecasts.map(\.value)))),
        ]
        let colors = ["#ff7f0e", "#9467bd", "#2ca02c"]
        for (i, level) in report.levels.enumerated() {
            let key = percentKey(level)
            let bounds = report.forecasts.map { $0.intervals?[key] }
            guard bounds.allSatisfy({ $0?.count == 2 }) else { continue }
            let color = colors[i % colors.count]
            lines.append(LinePlot.Line(name: "\(key) % interval", color: color,
                                       points: Array(zip(hours, bounds.map { $0?[0] ?? .nan })), dashed: true))
            lines.append(LinePlot.Line(name: "", color: color, points: Array(zip(hours, bounds.map { $0?[1] ?? .nan })), dashed: true))
        }
        return LinePlot(
            title: "\(report.series) · \(report.model) · forecast", xLabel: "hours after the last observation",
            yLabel: report.series, lines: lines
        ).svg()
    }
}
