import Foundation
import Forecasting
import Series

/// One model on one series: fit on train + validation, rolling forecasts over the test origins.
struct BenchmarkRun {
    var mae: [Double]
    var coverage80: [Double]
    var fitSeconds: Double
    var fitCPUSeconds: Double = 0
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
        case let name where name == "arima" || name == "autoarima" || name == "autoarima-daily" || name.hasPrefix("arima:"):
            // "arima:p,d,q" fits that order (without constant).
            let order = name.dropFirst(6).split(separator: ",").compactMap { Int($0) }
            var fitted: FittedARIMA?
            let cpuStart = threadCPUSeconds()
            let fitTime = try clock.measure {
                if name == "autoarima" { fitted = try AutoARIMA().fit(fitData) }
                else if name == "autoarima-daily" {
                    fitted = try AutoARIMA(period: Int((86_400 / data.scaled.interval).rounded())).fit(fitData)
                }
                else if order.count == 3 { fitted = try ARIMA(order: ARIMAOrder(p: order[0], d: order[1], q: order[2])).fit(fitData) }
                else { fitted = try ARIMA().fit(fitData) }
            }
            let fitCPU = threadCPUSeconds() - cpuStart
            guard let model = fitted else { throw HarnessError("no fit") }
            var paths: [[Double]] = []
            let forecastTime = try clock.measure { paths = try model.rollingForecasts(over: data.scaled, origins: origins, steps: maxSteps) }
            let method: IntervalMethod = ProcessInfo.processInfo.environment["BENCH_GAUSSIAN"] == nil ? .empirical : .gaussian
            let iv = try model.predictIntervals(steps: maxSteps, levels: [0.8], method: method)
            let cov = coverage(paths: paths, halfWidth: zip(iv.upper[0], iv.mean).map { $0 - $1 }, data: data, steps: steps)
            let c = model.coefficients
            let p = "\(model.specification) it=\(model.summary.iterations) ar=\(c.ar.map { String(format: "%.3f", $0) }) ma=\(c.ma.map { String(format: "%.3f", $0) }) mu=\(String(format: "%.2g", c.constant)) models=\(model.summary.modelsTried ?? 1)"
            return BenchmarkRun(mae: steps.map { data.mae(paths: paths, origins: data.origins(steps: $0), steps: $0) },
                                coverage80: cov, fitSeconds: fitTime.seconds, fitCPUSeconds: fitCPU, forecastSeconds: forecastTime.seconds, parameters: p)
        case "prophet", "prophet-ar":
            var fitted: FittedProphetStyle?
            let cpuStart = threadCPUSeconds()
            let fitTime = try clock.measure {
                fitted = try ProphetStyle(recentPast: model == "prophet" ? .none : .autoARIMA).fit(fitData)
            }
            let fitCPU = threadCPUSeconds() - cpuStart
            guard let model = fitted else { throw HarnessError("no fit") }
            var paths: [[Double]] = []
            let forecastTime = try clock.measure { paths = try model.rollingForecasts(over: data.scaled, origins: origins, steps: maxSteps) }
            let iv = model.residualModel == nil ? nil : try model.predictIntervals(steps: maxSteps, levels: [0.8])
            let cov = iv.map { coverage(paths: paths, halfWidth: zip($0.upper[0], $0.mean).map { $0 - $1 }, data: data, steps: steps) }
                ?? steps.map { _ in .nan }
            let p = model.parameters
            let text = ["iterations", "neg_log_posterior", "residual_model", "trend_weight"].compactMap { key in p[key].map { "\(key)=\($0)" } }.joined(separator: " ")
            return BenchmarkRun(mae: steps.map { data.mae(paths: paths, origins: data.origins(steps: $0), steps: $0) },
                                coverage80: cov, fitSeconds: fitTime.seconds, fitCPUSeconds: fitCPU,
                                forecastSeconds: forecastTime.seconds, parameters: text)
        default:
            throw HarnessError("unknown model \(model)")
        }
    }

    /// 80 % interval coverage per horizon over every test origin: the bounds are the
    /// rolling path ± the model's h-step half-width (origin-independent for fixed parameters).
    static func coverage(paths: [[Double]], halfWidth: [Double], data: ProtocolSeries, steps: [Int]) -> [Double] {
        steps.map { h in
            let origins = data.origins(steps: h)
            var inside = 0
            for (i, t) in origins.enumerated() {
                let y = data.scaled.values[t + h], f = paths[i][h - 1]
                if abs(y - f) <= halfWidth[h - 1] { inside += 1 }
            }
            return Double(inside) / Double(origins.count)
        }
    }
}

/// CPU seconds of the calling thread (stable on a shared, oversubscribed machine,
/// unlike wall time).
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
