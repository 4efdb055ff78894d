import Foundation
import Forecasting
import Series

/// One model on one series: fit on train + validation, rolling forecasts over the test origins.
struct BenchmarkRun {
    var mae: [Double]
    var coverage80: [Double]
    var fitSeconds: Double
    var forecastSeconds: Double
    var parameters: String

    static func run(model: String, data: ProtocolSeries, fitData: FitData, steps: [Int]) throws -> BenchmarkRun {
        let clock = ContinuousClock()
        let maxSteps = steps.max()!
        let origins = data.origins(steps: steps.min()!)
        switch model {
        case "naive":
            let paths = origins.map { t in [Double](repeating: data.scaled.values[t], count: maxSteps) }
            return BenchmarkRun(mae: steps.map { data.mae(paths: Array(paths.prefix(data.origins(steps: $0).count)), origins: data.origins(steps: $0), steps: $0) },
                                coverage80: steps.map { _ in .nan }, fitSeconds: 0, forecastSeconds: 0, parameters: "")
        case "arima":
            var fitted: FittedARIMA?
            let fitTime = try clock.measure { fitted = try ARIMA().fit(fitData) }
            guard let model = fitted else { throw HarnessError("no fit") }
            var paths: [[Double]] = []
            let forecastTime = try clock.measure { paths = try model.rollingForecasts(over: data.scaled, origins: origins, steps: maxSteps) }
            let cov = try coverage(model, data: data, steps: steps)
            let p = "ar=\(model.coefficients.ar) ma=\(model.coefficients.ma) s2=\(model.sigma2) it=\(model.summary.iterations)"
            return BenchmarkRun(mae: steps.map { data.mae(paths: paths, origins: data.origins(steps: $0), steps: $0) },
                                coverage80: cov, fitSeconds: fitTime.seconds, forecastSeconds: forecastTime.seconds, parameters: p)
        default:
            throw HarnessError("unknown model \(model)")
        }
    }

    /// 80 % interval coverage per horizon, re-conditioning at a subsample of origins.
    static func coverage(_ model: FittedARIMA, data: ProtocolSeries, steps: [Int]) throws -> [Double] {
        try steps.map { h in
            let origins = data.origins(steps: h)
            var inside = 0, total = 0
            for t in stride(from: origins.lowerBound, to: origins.upperBound, by: 10) {
                let iv = try model.apply(to: data.scaled.prefix(t + 1)).predictIntervals(steps: h, levels: [0.8])
                let y = data.scaled.values[t + h]
                if y >= iv.lower[0][h - 1] && y <= iv.upper[0][h - 1] { inside += 1 }
                total += 1
            }
            return Double(inside) / Double(total)
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
