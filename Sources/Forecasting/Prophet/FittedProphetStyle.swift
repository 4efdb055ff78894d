import Foundation
import Kernels
import Series

/// A fitted Prophet-style model conditioned on a history y_0 … y_{n−1} on a regular grid.
/// Forecast at grid point g_{t+k}: ŷ(g_{t+k}) without a residual model; with one,
/// β s(g_{t+k}) + η̂_{t+k}, s the seasonal part, η = y − β s filtered by the residual ARIMA.
public struct FittedProphetStyle: FittedForecaster, Codable, Equatable {
    public let configuration: ProphetStyle.RecentPast
    public let changepointPriorScale: Double
    public let intervalLevels: [Double]
    public let trend: ProphetTrendModel
    public private(set) var residualModel: FittedARIMA?
    /// β: weight of ŷ in the forecast (1 without a residual model).
    public let trendWeight: Double
    public private(set) var historyStart: Double
    public private(set) var interval: Double
    public private(set) var historyCount: Int

    init(configuration: ProphetStyle, trend: ProphetTrendModel, residualModel: FittedARIMA?, trendWeight: Double,
         historyStart: Double, interval: Double, historyCount: Int) {
        self.trendWeight = residualModel == nil ? 1 : trendWeight
        self.configuration = configuration.recentPast
        changepointPriorScale = configuration.changepointPriorScale
        intervalLevels = configuration.intervalLevels
        self.trend = trend
        self.residualModel = residualModel
        self.historyStart = historyStart
        self.interval = interval
        self.historyCount = historyCount
    }

    /// What the forecast is built on: ŷ alone, or β s(t) under the residual model.
    private func baseline(at timestamps: [Double]) -> [Double] {
        residualModel == nil ? trend.mean(at: timestamps) : trend.seasonal(at: timestamps).map { trendWeight * $0 }
    }

    private func timestamps(_ range: Range<Int>) -> [Double] {
        range.map { historyStart + Double($0) * interval }
    }

    public func predict(steps: Int) throws -> [Double] {
        guard steps > 0 else { throw ProphetError.nonPositiveSteps(steps) }
        var path = baseline(at: timestamps(historyCount..<(historyCount + steps)))
        if let residualModel {
            let r = try residualModel.predict(steps: steps)
            for k in 0..<steps { path[k] += r[k] }
        }
        return path
    }

    public func apply(to history: RegularSeries) throws -> FittedProphetStyle {
        var copy = self
        copy.historyStart = history.start
        copy.interval = history.interval
        copy.historyCount = history.count
        if let residualModel {
            let fitted = baseline(at: (0..<history.count).map { history.timestamp(at: $0) })
            let residuals = history.with(values: zip(history.values, fitted).map { $0 - $1 })
            copy.residualModel = try residualModel.apply(to: residuals)
        }
        return copy
    }

    /// This model with its history taken as the first `count` points of `series`' grid,
    /// without re-filtering a residual model (for the model without one, whose forecast
    /// depends on the grid position only).
    func positioned(count: Int, on series: RegularSeries) -> FittedProphetStyle {
        var copy = self
        copy.historyStart = series.start
        copy.interval = series.interval
        copy.historyCount = count
        return copy
    }

    /// ŷ over the whole grid once, then the residual model's one-pass rolling forecasts.
    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        guard steps > 0 else { throw ProphetError.nonPositiveSteps(steps) }
        guard !origins.isEmpty else { return [] }
        let mean = baseline(at: (0..<(origins.upperBound + steps)).map { series.timestamp(at: $0) })
        var paths = origins.map { t in Array(mean[(t + 1)...(t + steps)]) }
        if let residualModel {
            let known = min(series.count, origins.upperBound)
            let residuals = series.prefix(known).with(values: (0..<known).map { series.values[$0] - mean[$0] })
            let r = try residualModel.rollingForecasts(over: residuals, origins: origins, steps: steps)
            for i in paths.indices { for k in 0..<steps { paths[i][k] += r[i][k] } }
        }
        return paths
    }

    public var parameters: [String: ParameterValue] {
        var p: [String: ParameterValue] = [
            "recent_past": .text(configuration.rawValue),
            "growth": .text(trend.growth == .linear ? "linear" : "logistic"),
            "k": .number(trend.k),
            "m": .number(trend.m),
            "sigma": .number(trend.sigma * trend.yScale),
            "changepoints": .integer(trend.design.changepoints.count),
            "mean_abs_delta": .number(trend.deltas.map(abs).reduce(0, +) / Double(max(trend.deltas.count, 1))),
            "seasonalities": .text(trend.design.seasonalities.map { "\($0.name)(\($0.order))" }.joined(separator: ",")),
            "iterations": .integer(trend.iterations),
            "neg_log_posterior": .number(trend.negativeLogPosterior),
            "converged": .text(trend.converged ? "yes" : "no"),
            "fit_procedure": .text(trend.fitProcedure.rawValue),
        ]
        if let r = residualModel {
            p["residual_model"] = .text(r.specification.description)
            p["trend_weight"] = .number(trendWeight)
            p["residual_ar"] = .numbers(r.coefficients.ar)
            p["residual_ma"] = .numbers(r.coefficients.ma)
        }
        return p
    }
}
