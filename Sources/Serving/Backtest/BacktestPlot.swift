import Foundation

/// A dependency-free SVG of a backtest: demand, the capacity each strategy served and the
/// predictive policy's shortest-horizon forecast, over time.
public enum BacktestPlot {
    public static let width = 960.0
    public static let height = 360.0

    /// Writes the plot to `path` atomically (a temporary file renamed into place).
    public static func write(_ report: BacktestReport, to path: String) throws {
        try Data(svg(report).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    public static func svg(_ report: BacktestReport) -> String {
        let margin = (left: 60.0, right: 150.0, top: 30.0, bottom: 30.0)
        let n = report.demand.count
        let values = report.demand + report.predictive.capacity + report.reactive.capacity + report.forecasts.compactMap { $0 }
        let top = max(values.max() ?? 1, 1e-12) * 1.05
        func x(_ j: Int) -> Double { margin.left + (width - margin.left - margin.right) * Double(j) / Double(max(n - 1, 1)) }
        func y(_ v: Double) -> Double { height - margin.bottom - (height - margin.top - margin.bottom) * v / top }
        func path(_ series: [Double?]) -> String {
            var d = ""
            var pen = false
            for (j, v) in series.enumerated() {
                guard let v else { pen = false; continue }
                d += "\(pen ? "L" : "M")\(String(format: "%.1f,%.1f", x(j), y(v))) "
                pen = true
            }
            return d
        }
        let lines: [(String, String, [Double?])] = [
            ("demand", "#222222", report.demand.map { $0 }),
            ("capacity predictive", "#1f77b4", report.predictive.capacity.map { $0 }),
            ("capacity reactive HPA", "#d62728", report.reactive.capacity.map { $0 }),
            ("forecast", "#2ca02c", report.forecasts),
        ]
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(margin.left)" y="18">\(escape(report.trace)): \(escape(report.model)), capacity \(String(format: "%.4g", report.capacityPerReplica)) per replica</text>
        <line x1="\(margin.left)" y1="\(y(0))" x2="\(width - margin.right)" y2="\(y(0))" stroke="#999"/>
        <line x1="\(margin.left)" y1="\(y(0))" x2="\(margin.left)" y2="\(margin.top)" stroke="#999"/>
        <text x="4" y="\(margin.top + 4)">\(String(format: "%.4g", top))</text>

        """
        for (k, line) in lines.enumerated() {
            svg += "<path d=\"\(path(line.2))\" fill=\"none\" stroke=\"\(line.1)\" stroke-width=\"1\"/>\n"
            let ly = margin.top + 16 * Double(k)
            svg += "<line x1=\"\(width - margin.right + 10)\" y1=\"\(ly)\" x2=\"\(width - margin.right + 30)\" y2=\"\(ly)\" stroke=\"\(line.1)\" stroke-width=\"2\"/>"
            svg += "<text x=\"\(width - margin.right + 34)\" y=\"\(ly + 4)\">\(line.0)</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
