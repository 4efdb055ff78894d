import Forecasting
import Series

/// The SVG plots a tracked evaluation stores: forecast against actual on the test part per
/// horizon, and the LSTM's loss curves.
enum EvaluationPlots {
    /// One plot per horizon h (k steps): for every scored origin t, the actual s_{t+k} and
    /// the forecast ŝ_{t+k} made at t, in the series' units, against hours since the first
    /// target. `paths` as `ModelEvaluation.paths`.
    static func forecasts(plan: EvaluationPlan, paths: [[Double]], model: String) -> [(name: String, svg: String)] {
        let series = plan.grid.series
        let first = plan.allOrigins.lowerBound
        return plan.horizons.map { horizon in
            let k = horizon.steps
            let count = min(plan.origins(steps: k).count, paths.count)
            let targets = (0..<count).map { first + $0 + k }
            let hours = targets.map { Double($0 - targets[0]) * series.interval / 3600 }
            let actual = targets.map { series.values[$0] }
            let forecast = (0..<count).map { plan.scaler.inverse(paths[$0][k - 1]) }
            let plot = LinePlot(
                title: "\(series.name) · \(model) · \(horizon.minutes)-minute forecasts on the test part",
                xLabel: "hours since the first test target", yLabel: series.name,
                lines: [
                    LinePlot.Line(name: "actual", color: "#444444", points: Array(zip(hours, actual))),
                    LinePlot.Line(name: "forecast \(horizon.minutes) min", color: "#d62728", points: Array(zip(hours, forecast))),
                ])
            return ("forecast_\(horizon.minutes)m.svg", plot.svg())
        }
    }

    /// Training and validation loss (weighted totals) per epoch; nil without epochs.
    static func losses(_ epochs: [LSTMEpochSummary], model: String) -> String? {
        guard !epochs.isEmpty else { return nil }
        let x = epochs.map { Double($0.epoch) }
        return LinePlot(
            title: "\(model) · loss per epoch", xLabel: "epoch", yLabel: "loss",
            lines: [
                LinePlot.Line(name: "train", color: "#1f77b4", points: Array(zip(x, epochs.map(\.trainTotal)))),
                LinePlot.Line(name: "validation", color: "#ff7f0e", points: Array(zip(x, epochs.map(\.validationTotal)))),
            ]).svg()
    }
}
