import Foundation
import Tracking

/// `/compare?run=A&run=B…`: the params and tags that differ, every latest metric side by side
/// (best per series marked, as `runs compare`), the per-epoch curves of the runs overlaid, and
/// per-horizon metrics (`mae_5m`, `mae_15m`, …) as grouped bars.
enum ComparePage {
    static let maxCurves = 16

    /// `curves`: metric key → each run's history (runs without it absent).
    static func render(_ comparison: RunComparison, curves: [String: [RunID: [MetricHistory.Point]]]) -> HTML {
        let labels = comparison.runs.map { "\($0.name) (\($0.id.short))" }
        let headers = HTML.join(comparison.runs.map { "<th>\(Layout.runLink(id: $0.id.rawValue, name: $0.name))</th>" })
        var body: HTML = "<h1>Compare \(comparison.runs.count) runs</h1>"
        if comparison.distinguishing.isEmpty {
            body += "<h2>Params that differ</h2><p class=\"note\" id=\"no-differences\">Every param and tag is the same.</p>"
        } else {
            let rows = HTML.join(comparison.distinguishing.map { key -> HTML in
                "<tr><th>\(key.key)</th>\(HTML.join(key.values.map { value -> HTML in value.map { "<td>\($0)</td>" } ?? "<td class=\"missing\">—</td>" }))</tr>"
            })
            body += "<h2>Params that differ</h2><table id=\"differences\"><thead><tr><th>key</th>\(headers)</tr></thead><tbody>\(rows)</tbody></table>"
        }
        let metricRows = HTML.join(comparison.rows.map { row -> HTML in
            let cells = HTML.join(row.values.enumerated().map { index, value in Layout.numberCell(value, best: row.best.contains(index)) })
            return "<tr><th>\(row.metric) <span class=\"note\">(\(row.direction.rawValue))</span></th>\(cells)</tr>"
        })
        body += "<h2>Latest metrics</h2><table id=\"compare-metrics\"><thead><tr><th>metric</th>\(headers)</tr></thead><tbody>\(metricRows)</tbody></table>"
        body += "<p class=\"note\">Highlighted: the best value among runs of the same series.</p>"

        let curveKeys = curves.keys.sorted().prefix(maxCurves)
        if !curveKeys.isEmpty {
            let figures = HTML.join(curveKeys.map { key -> HTML in
                let series = comparison.runs.enumerated().compactMap { index, run -> ChartSeries? in
                    curves[key]?[run.id].map { ChartSeries(label: labels[index], points: $0.map { (Double($0.step), $0.value) }) }
                }
                return LineChart(title: key, series: series).html
            })
            body += "<h2>Curves by step</h2><div class=\"charts\" id=\"curves\">\(figures)</div>"
        }
        let groups = horizonGroups(comparison.rows.map(\.metric))
        if !groups.isEmpty {
            let figures = HTML.join(groups.map { group -> HTML in
                let series = comparison.runs.indices.map { index -> (label: String, values: [Double?]) in
                    (labels[index], group.keys.map { key in comparison.rows.first { $0.metric == key }?.values[index] ?? nil })
                }
                return BarChart(title: group.base + " by horizon", categories: group.horizons, series: series).html
            })
            body += "<h2>Per-horizon metrics</h2><div class=\"charts\" id=\"horizons\">\(figures)</div>"
        }
        return Layout.page(title: "Compare", current: .runs, body: body)
    }

    /// A family of per-horizon metrics: `mae_5m`, `mae_15m`, `mae_30m` → base `mae`, horizons
    /// `5m`, `15m`, `30m` (ordered by length of the horizon), keys in the same order.
    struct HorizonGroup: Equatable {
        var base: String
        var horizons: [String]
        var keys: [String]
    }

    /// Groups metric keys that end in `_<n>m`, `_<n>h` or `_<n>s` by what comes before; only
    /// groups with at least two horizons are kept.
    static func horizonGroups(_ keys: [String]) -> [HorizonGroup] {
        var byBase: [String: [(seconds: Double, horizon: String, key: String)]] = [:]
        for key in keys {
            guard let underscore = key.lastIndex(of: "_") else { continue }
            let suffix = key[key.index(after: underscore)...]
            guard let unit = suffix.last, let scale = ["s": 1.0, "m": 60.0, "h": 3600.0][String(unit)],
                  let amount = Double(suffix.dropLast()), !suffix.dropLast().isEmpty else { continue }
            byBase[String(key[..<underscore]), default: []].append((amount * scale, String(suffix), key))
        }
        return byBase.filter { $0.value.count >= 2 }.sorted { $0.key < $1.key }.map { base, members in
            let sorted = members.sorted { $0.seconds < $1.seconds }
            return HorizonGroup(base: base, horizons: sorted.map(\.horizon), keys: sorted.map(\.key))
        }
    }
}
