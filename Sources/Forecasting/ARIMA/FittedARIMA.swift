import Series

/// An ARIMA model with fixed coefficients conditioned on a history y_0 … y_{n−1}.
///
/// State: the Kalman prediction a_{n|n−1}, P_{n|n−1} of the ARMA part of
/// w = (1 − B)ᵈ(1 − Bˢ)ᴰ y, and the last d + sD values of y needed to integrate w back.
/// h-step forecast: ŵ_{n−1+k} = μ + Z T^{k−1} a_{n|n−1}, then
/// ŷ_{n−1+k} = ŵ_{n−1+k} + Σ_j δ_j ŷ_{n−1+k−j} (observed y where available).
public struct FittedARIMA: FittedForecaster, Codable, Equatable {
    public let specification: ARIMASpecification
    public let coefficients: ARIMACoefficients
    /// Innovation variance σ².
    public let sigma2: Double
    public let summary: ARIMAFitSummary
    public let intervalLevels: [Double]
    /// Number of values the model is conditioned on.
    public private(set) var historyCount: Int
    /// q_c(|e_h|) per `intervalLevels` entry and step (see `IntervalMethod.empirical`);
    /// nil when the fit data were too short to tabulate.
    public internal(set) var empiricalErrorQuantiles: [[Double]]?
    /// Seasonal indices removed before the ARIMA and added to its forecasts (AutoARIMA with a
    /// long period); nil for a plain ARIMA. With it the forecasts need the history's grid:
    /// `historyStart` (epoch seconds of its first point) and `gridInterval`.
    public internal(set) var seasonalProfile: SeasonalProfile?
    public internal(set) var historyStart: Double?
    public internal(set) var gridInterval: Double?
    /// y_{n−m} … y_{n−1}, m = d + sD.
    private(set) var tail: [Double]
    private(set) var filter: ARMAKalmanFilter

    /// Conditions fixed coefficients on `history` (all values must be finite, more than d + sD of them).
    public init(
        specification: ARIMASpecification, coefficients: ARIMACoefficients, sigma2: Double,
        summary: ARIMAFitSummary, intervalLevels: [Double] = [0.8, 0.95], history: [Double]
    ) throws(ARIMAError) {
        self.specification = specification
        self.coefficients = coefficients
        self.sigma2 = sigma2
        self.summary = summary
        self.intervalLevels = intervalLevels
        historyCount = 0
        tail = []
        filter = ARMAKalmanFilter(ar: coefficients.expandedAR(period: specification.seasonal.period),
                                  ma: coefficients.expandedMA(period: specification.seasonal.period))
        try condition(on: history)
    }

    var delta: [Double] {
        ARIMAPolynomials.differencing(d: specification.order.d, seasonalD: specification.seasonal.d, period: specification.seasonal.period)
    }

    private mutating func condition(on y: [Double]) throws(ARIMAError) {
        let delta = self.delta
        let m = delta.count
        guard y.count > m else { throw .tooShort(count: y.count, needed: m + 1, model: specification.description) }
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: bad, value: y[bad]) }
        var filter = ARMAKalmanFilter(ar: coefficients.expandedAR(period: specification.seasonal.period),
                                      ma: coefficients.expandedMA(period: specification.seasonal.period))
        for w in ARIMAPolynomials.difference(y, delta: delta) { _ = filter.update(w - coefficients.constant) }
        self.filter = filter
        tail = Array(y.suffix(m))
        historyCount = y.count
    }

    // MARK: FittedForecaster

    public func predict(steps: Int) throws -> [Double] {
        guard steps > 0 else { throw ARIMAError.nonPositiveSteps(steps) }
        var path = Self.integrate(filter.forecast(steps: steps).map { $0 + coefficients.constant }, tail: tail, delta: delta)
        if let profile = seasonalProfile {
            let start = historyStart ?? profile.anchor, step = gridInterval ?? profile.interval
            for k in 0..<steps { path[k] += profile.value(at: start + Double(historyCount + k) * step) }
        }
        return path
    }

    /// Point forecasts with central intervals at `levels` (default: the model's
    /// `intervalLevels`): Gaussian from σ² Σ_{j<h} ψ_j² of the full ARIMA ψ-weights, or
    /// empirical (the default when tabulated; see `IntervalMethod`).
    public func predictIntervals(steps: Int, levels: [Double]? = nil, method: IntervalMethod = .empirical) throws -> ForecastIntervals {
        let levels = levels ?? intervalLevels
        for level in levels where !(level > 0 && level < 1) { throw ARIMAError.invalidCoverage(level) }
        let mean = try predict(steps: steps)
        let psi = ARIMAPolynomials.psiWeights(
            ar: coefficients.expandedAR(period: specification.seasonal.period),
            ma: coefficients.expandedMA(period: specification.seasonal.period), delta: delta, count: steps)
        var cumulative = 0.0
        let sd = psi.map { p -> Double in cumulative += p * p; return (sigma2 * cumulative).squareRoot() }
        var result = ForecastIntervals(mean: mean, standardDeviation: sd, levels: levels)
        guard method == .empirical, let table = empiricalErrorQuantiles else { return result }
        for (i, level) in levels.enumerated() {
            guard let l = intervalLevels.firstIndex(where: { abs($0 - level) < 1e-12 }), l < table.count else { continue }
            for h in 0..<min(steps, table[l].count) {
                result.lower[i][h] = mean[h] - table[l][h]
                result.upper[i][h] = mean[h] + table[l][h]
            }
        }
        return result
    }

    public func apply(to history: RegularSeries) throws -> FittedARIMA {
        var copy = self
        try copy.condition(on: adjusted(history))
        if seasonalProfile != nil {
            copy.historyStart = history.start
            copy.gridInterval = history.interval
        }
        return copy
    }

    /// One pass of the filter over `series`; at each origin t the forecast is taken from
    /// the state after s_t, so the total cost is O(n·r² + |origins|·steps).
    public func rollingForecasts(over series: RegularSeries, origins: Range<Int>, steps: Int) throws -> [[Double]] {
        var paths = try rollingPaths(adjusted(series), origins: origins, steps: steps)
        if let profile = seasonalProfile {
            for (i, t) in origins.enumerated() {
                for k in 0..<steps { paths[i][k] += profile.value(at: series.timestamp(at: t + 1 + k)) }
            }
        }
        return paths
    }

    /// Paths at every `stride`-th origin of `origins` (stride 1: all of them).
    func rollingPaths(_ y: [Double], origins: Range<Int>, steps: Int, stride: Int = 1) throws(ARIMAError) -> [[Double]] {
        guard steps > 0 else { throw ARIMAError.nonPositiveSteps(steps) }
        guard !origins.isEmpty else { return [] }
        let delta = self.delta
        let m = delta.count
        guard origins.lowerBound >= m, origins.upperBound <= y.count else {
            throw ARIMAError.tooShort(count: origins.lowerBound + 1, needed: m + 1, model: specification.description)
        }
        var filter = ARMAKalmanFilter(ar: coefficients.expandedAR(period: specification.seasonal.period),
                                      ma: coefficients.expandedMA(period: specification.seasonal.period))
        var out: [[Double]] = []
        out.reserveCapacity(origins.count)
        for t in m..<origins.upperBound {
            guard y[t].isFinite else { throw ARIMAError.nonFiniteValue(index: t, value: y[t]) }
            var w = y[t]
            for j in 0..<m { w -= delta[j] * y[t - j - 1] }
            _ = filter.update(w - coefficients.constant)
            if t >= origins.lowerBound && (t - origins.lowerBound) % stride == 0 {
                let wHat = filter.forecast(steps: steps).map { $0 + coefficients.constant }
                out.append(Self.integrate(wHat, tail: Array(y[(t + 1 - m)..<(t + 1)]), delta: delta))
            }
        }
        return out
    }

    public var parameters: [String: ParameterValue] {
        var p: [String: ParameterValue] = [
            "order": .integers([specification.order.p, specification.order.d, specification.order.q]),
            "ar": .numbers(coefficients.ar),
            "ma": .numbers(coefficients.ma),
            "sigma2": .number(sigma2),
            "log_likelihood": .number(summary.logLikelihood),
            "aicc": .number(summary.aicc),
            "converged": .text(summary.converged ? "yes" : "no"),
        ]
        if !specification.seasonal.isNone {
            p["seasonal_order"] = .integers([specification.seasonal.p, specification.seasonal.d, specification.seasonal.q, specification.seasonal.period])
            p["seasonal_ar"] = .numbers(coefficients.seasonalAR)
            p["seasonal_ma"] = .numbers(coefficients.seasonalMA)
        }
        if specification.includeConstant { p["constant"] = .number(coefficients.constant) }
        if let profile = seasonalProfile {
            p["seasonal_adjustment"] = .text("classical decomposition, period \(profile.period)")
            p["seasonal_strength"] = .number(profile.strength)
        }
        if let note = summary.note { p["note"] = .text(note) }
        if let tried = summary.modelsTried { p["models_tried"] = .integer(tried) }
        return p
    }

    /// ŷ_{k} = ŵ_k + Σ_j δ_j ŷ_{k−j}, seeded with the observed tail (length m = δ.count).
    static func integrate(_ w: [Double], tail: [Double], delta: [Double]) -> [Double] {
        let m = delta.count
        guard m > 0 else { return w }
        var path = tail
        path.reserveCapacity(m + w.count)
        for value in w {
            var y = value
            let n = path.count
            for j in 0..<m { y += delta[j] * path[n - j - 1] }
            path.append(y)
        }
        return Array(path.dropFirst(m))
    }
}
