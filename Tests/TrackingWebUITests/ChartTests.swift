import Testing
@testable import TrackingWebUI

@Suite("Web UI: SVG charts")
struct ChartTests {
    @Test("NaN and ±inf break the line and are drawn as markers with a legend note")
    func nonFiniteValues() {
        let series = ChartSeries(label: "loss", points: [(0, 1), (1, 0.5), (2, .nan), (3, 0.25), (4, .infinity), (5, -.infinity), (6, 0.1), (7, 0.05)])
        let svg = LineChart(title: "loss", series: [series]).html.text
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)   // steps 0–1 and 6–7
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)     // step 3 alone, and the NaN marker
        #expect(svg.components(separatedBy: "class=\"nan-marker\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "class=\"inf-marker\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "class=\"neginf-marker\"").count - 1 == 1)
        #expect(svg.contains("Not on the scale: 1 NaN (○ on the x axis), 1 +inf (▲ at the top), 1 -inf (▼ at the bottom)."))
        #expect(svg.contains("<title>loss step 2: NaN</title>"))
        #expect(!svg.contains("nan,") && !svg.contains("inf,"))
    }

    @Test("the scale spans the finite values: the largest at the top edge, the smallest at the bottom")
    func scale() {
        let chart = LineChart(title: "t", series: [ChartSeries(label: "a", points: [(0, 10), (1, 20), (2, .infinity)])])
        let svg = chart.html.text
        // plot 384 × 180 from (64, 12); x spans 0…2 (the +inf point counts for x), y spans 10…20.
        #expect(svg.contains("points=\"64.00,192.00 256.00,12.00\""))
        #expect(!svg.contains("Not on the scale: 1 NaN"))
        #expect(svg.contains("1 +inf"))
    }

    @Test("a chart with only NaN values still renders, with no line and every point marked")
    func allNaN() {
        let svg = LineChart(title: "t", series: [ChartSeries(label: "a", points: [(0, .nan), (1, .nan)])]).html.text
        #expect(!svg.contains("<polyline"))
        #expect(svg.components(separatedBy: "class=\"nan-marker\"").count - 1 == 2)
        #expect(svg.contains("2 NaN"))
    }

    @Test("bars: finite values get a bar, NaN and inf their text at the baseline")
    func bars() {
        let svg = BarChart(title: "mae by horizon", categories: ["5m", "15m"],
                           series: [("a", [0.5, .nan]), ("b", [1.0, .infinity])]).html.text
        #expect(svg.components(separatedBy: "<rect x=").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"nonfinite-bar\"").count - 1 == 2)
        #expect(svg.contains("1 NaN") && svg.contains("1 +inf"))
    }

    @Test("per-horizon metric families are grouped and ordered by horizon length")
    func horizonGroups() {
        let groups = ComparePage.horizonGroups(["mae_30m", "mae_5m", "mae_1h", "rmse_15m", "train_loss", "val_mae_15m", "val_mae_5m"])
        #expect(groups == [
            .init(base: "mae", horizons: ["5m", "30m", "1h"], keys: ["mae_5m", "mae_30m", "mae_1h"]),
            .init(base: "val_mae", horizons: ["5m", "15m"], keys: ["val_mae_5m", "val_mae_15m"]),
        ])
    }
}
