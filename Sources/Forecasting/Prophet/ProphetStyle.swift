import Foundation
import Kernels
import Series

/// A Prophet-style additive model (Taylor & Letham 2018; prophet's Stan model):
/// piecewise-linear trend with `changepointCount` changepoints in the first
/// `changepointRange` of the history under a Laplace(0, `changepointPriorScale`) prior on
/// the rate changes, Fourier seasonalities under N(0, priorScale²) priors, Gaussian noise;
/// MAP estimate of the same objective (`ProphetObjective`), in prophet's scaled units
/// (time over the history span, y / max|y|), found by `fitProcedure`: by default
/// `.prophetCompatible`, prophet's own start and CmdStan's optimiser (stops where prophet
/// stops), or `.exactMAP` (a lower optimum, `optimizer`).
///
/// `recentPast` (on by default) conditions the forecast on where the series is now:
/// y_t = β s(t) + η_t with s the fitted seasonal part, β ∈ {0, 1} chosen on validation
/// data and η an ARIMA(p,d,q) (d by KPSS as AutoARIMA on y, p, q by AutoARIMA),
/// re-filtered at every origin; the forecast is β s(t+h) + η̂_{t+h}. With β = 0 this is
/// AutoARIMA on y. With `.none` the
/// model is prophet's: the forecast depends on the calendar time only.
///
/// `growth` is prophet's: piecewise-linear (default) or piecewise-logistic under a
/// capacity C(t) given in the series' units (`ProphetGrowth.logistic`; MAP of the same
/// Stan objective, `ProphetLogisticObjective`).
public struct ProphetStyle: Forecaster {
    public enum RecentPast: String, Sendable, Codable, Hashable {
        case none
        /// AutoARIMA (non-seasonal, Hyndman–Khandakar, d = 1) on the residuals.
        case autoARIMA
    }

    public var changepointCount: Int
    public var changepointRange: Double
    public var changepointPriorScale: Double
    public var seasonalities: [ProphetSeasonality]
    public var recentPast: RecentPast
    public var growth: ProphetGrowth
    public var intervalLevels: [Double]
    /// Our L-BFGS, used by `.exactMAP` only.
    public var optimizer: LBFGS
    public var fitProcedure: ProphetFitProcedure

    public init(
        changepointCount: Int = 25, changepointRange: Double = 0.8, changepointPriorScale: Double = 0.05,
        seasonalities: [ProphetSeasonality] = [.daily(), .weekly()], recentPast: RecentPast = .autoARIMA,
        growth: ProphetGrowth = .linear, intervalLevels: [Double] = [0.8, 0.95],
        optimizer: LBFGS = LBFGS(memory: 5, maxIterations: 10_000, gradientTolerance: 1e-8, relativeFunctionTolerance: 2.2e-12),
        fitProcedure: ProphetFitProcedure = .prophetCompatible
    ) {
        self.changepointCount = changepointCount
        self.changepointRange = changepointRange
        self.changepointPriorScale = changepointPriorScale
        self.seasonalities = seasonalities
        self.recentPast = recentPast
        self.growth = growth
        self.intervalLevels = intervalLevels
        self.optimizer = optimizer
        self.fitProcedure = fitProcedure
    }

    public var name: String { recentPast == .none ? "prophet" : "prophet-ar" }

    public func fit(_ data: FitData) throws -> FittedProphetStyle {
        try fit(series: data.series, trainCount: data.trainCount)
    }

    /// Fits on all of `series`; with `recentPast`, the seasonal weight β ∈ {0, 1} is chosen
    /// on the points from `trainCount` on (see `selectSeasonalWeight`), β = 1 when there are
    /// too few of them.
    public func fit(series: RegularSeries, trainCount: Int? = nil) throws -> FittedProphetStyle {
        try validate(series)
        let trendModel = try fitAdditive(series)
        guard recentPast == .autoARIMA else {
            return FittedProphetStyle(
                configuration: self, trend: trendModel, residualModel: nil, trendWeight: 1,
                historyStart: series.start, interval: series.interval, historyCount: series.count)
        }
        // d from KPSS tests on the whole fit series (what AutoARIMA on y chooses), kept for
        // both β candidates and the final fit.
        let d = KPSSTest.differencesNeeded(series.values)
        let weight = try selectSeasonalWeight(series: series, trainCount: trainCount ?? series.count, differences: d)
        let timestamps = (0..<series.count).map { series.timestamp(at: $0) }
        let baseline = trendModel.seasonal(at: timestamps).map { weight * $0 }
        let residuals = series.with(values: zip(series.values, baseline).map { $0 - $1 })
        let residualModel = try AutoARIMA(fixedD: d, intervalLevels: intervalLevels).fit(series: residuals)
        return FittedProphetStyle(
            configuration: self, trend: trendModel, residualModel: residualModel, trendWeight: weight,
            historyStart: series.start, interval: series.interval, historyCount: series.count)
    }

    func validate(_ series: RegularSeries) throws {
        let y = series.values
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw ProphetError.nonFiniteValue(index: bad, value: y[bad]) }
        guard y.count >= 2 else { throw ProphetError.tooShort(count: y.count) }
        guard changepointPriorScale > 0 else { throw ProphetError.invalidPriorScale(name: "changepoint", value: changepointPriorScale) }
        for s in seasonalities where !(s.priorScale > 0) || s.order < 0 || !(s.periodDays > 0) {
            throw ProphetError.invalidSeasonality(s.name)
        }
        for level in intervalLevels where !(level > 0 && level < 1) { throw ProphetError.invalidCoverage(level) }
        if case .logistic(let capacity) = growth { try capacity.validate() }
    }

    /// The MAP fit of prophet's additive model (trend + seasonalities) on `series`.
    func fitAdditive(_ series: RegularSeries) throws -> ProphetTrendModel {
        let y = series.values
        let timestamps = (0..<y.count).map { series.timestamp(at: $0) }
        let design = ProphetDesign(timestamps: timestamps, changepointCount: changepointCount,
                                   changepointRange: changepointRange, seasonalities: seasonalities)
        let absMax = y.reduce(0) { max($0, abs($1)) }
        let yScale = absMax > 0 ? absMax : 1  // prophet's 'absmax' scaling
        let scaled = y.map { $0 / yScale }
        if case .logistic(let capacity) = growth {
            return try fitLogistic(design: design, timestamps: timestamps, scaled: scaled, yScale: yScale, capacity: capacity)
        }
        let x = design.matrix(at: timestamps)
        var objective = ProphetObjective(design: design, x: x, y: scaled, changepointPriorScale: changepointPriorScale)

        // prophet's linear_growth_init: the line through the first and last points; σ = 1.
        let p = design.columnCount
        var z = [Double](repeating: 0, count: p + 1)
        let tLast = design.scaledTime(timestamps[timestamps.count - 1])
        z[0] = tLast > 0 ? (scaled[scaled.count - 1] - scaled[0]) / tLast : 0
        z[1] = scaled[0]
        if fitProcedure == .prophetCompatible {
            objective.l1Smoothing = 0
            if let lo = y.min(), lo == y.max() {
                // prophet skips Stan on a constant history: its start, with σ = 1e-9.
                z[p] = log(1e-9)
                var gradient = z
                return ProphetTrendModel(
                    design: design, theta: Array(z[0..<p]), sigma: 1e-9, yScale: yScale, iterations: 0, converged: true,
                    negativeLogPosterior: objective.evaluate(z, gradient: &gradient), fitProcedure: fitProcedure)
            }
            let fit = try minimizeAsProphet(count: y.count, start: z) { point, gradient in objective.evaluate(point, gradient: &gradient) }
            return ProphetTrendModel(
                design: design, theta: Array(fit.point[0..<p]), sigma: exp(fit.point[p]), yScale: yScale,
                iterations: fit.iterations, converged: fit.converged, negativeLogPosterior: fit.value,
                fitProcedure: fitProcedure)
        }
        // Warm start (same optimum, fewer iterations): the Gaussian-prior version of the
        // posterior mode, θ = (G + σ²Λ)⁻¹ b with Λ the prior precisions (Laplace(0, τ) → its
        // variance 2τ²) and σ² from the residuals of that fit, used when it is better.
        if let warm = objective.gaussianWarmStart() {
            var gradient = [Double](repeating: 0, count: p + 1)
            if objective.evaluate(warm, gradient: &gradient) < objective.evaluate(z, gradient: &gradient) { z = warm }
        }
        let result = try optimizer.minimize(from: z) { point, gradient in objective.evaluate(point, gradient: &gradient) }
        return ProphetTrendModel(
            design: design, theta: Array(result.point[0..<p]), sigma: exp(result.point[p]), yScale: yScale,
            iterations: result.iterations, converged: result.status.converged, negativeLogPosterior: result.value)
    }

    /// Logistic growth: MAP from prophet's own start (k, m of `logistic_growth_init`,
    /// δ = β = 0, σ = 1), as prophet hands it to Stan.
    func fitLogistic(design: ProphetDesign, timestamps: [Double], scaled: [Double], yScale: Double,
                     capacity: ProphetCapacity) throws -> ProphetTrendModel {
        let caps = capacity.values(at: timestamps).map { $0 / yScale }
        var objective = ProphetLogisticObjective(design: design, timestamps: timestamps, y: scaled, capacity: caps,
                                                 changepointPriorScale: changepointPriorScale)
        let p = design.columnCount
        var z = [Double](repeating: 0, count: p + 1)
        (z[0], z[1]) = objective.initialRateAndOffset()
        if fitProcedure == .prophetCompatible {
            objective.l1Smoothing = 0
            let fit = try minimizeAsProphet(count: scaled.count, start: z) { point, gradient in objective.evaluate(point, gradient: &gradient) }
            return ProphetTrendModel(
                design: design, theta: Array(fit.point[0..<p]), sigma: exp(fit.point[p]), yScale: yScale,
                iterations: fit.iterations, converged: fit.converged, negativeLogPosterior: fit.value,
                growth: growth, fitProcedure: fitProcedure)
        }
        let result = try optimizer.minimize(from: z) { point, gradient in objective.evaluate(point, gradient: &gradient) }
        return ProphetTrendModel(
            design: design, theta: Array(result.point[0..<p]), sigma: exp(result.point[p]), yScale: yScale,
            iterations: result.iterations, converged: result.status.converged, negativeLogPosterior: result.value,
            growth: growth, fitProcedure: fitProcedure)
    }
}

/// The fitted additive part: θ = (k, m, δ, β), σ, in scaled units.
public struct ProphetTrendModel: Sendable, Codable, Equatable {
    public var design: ProphetDesign
    public var theta: [Double]
    /// Noise standard deviation in scaled units (multiply by `yScale` for data units).
    public var sigma: Double
    public var yScale: Double
    public var iterations: Int
    public var converged: Bool
    /// The MAP objective at θ, σ (prophet's −log posterior up to constants).
    public var negativeLogPosterior: Double
    /// Linear, or logistic under a capacity in data units (absent in format-1 artifacts:
    /// linear).
    public var growth: ProphetGrowth = .linear
    /// How θ, σ were found (absent in artifacts written before it existed: `.exactMAP`).
    public var fitProcedure: ProphetFitProcedure = .exactMAP

    /// ŷ(t) in data units at each epoch timestamp.
    public func mean(at timestamps: [Double]) -> [Double] {
        if case .logistic(let capacity) = growth {
            let trend = PiecewiseLogistic(k: theta[0], m: theta[1], deltas: theta[design.deltaRange], changepoints: design.changepoints)
            let caps = capacity.values(at: timestamps)
            let seasonal = seasonal(at: timestamps)
            return timestamps.indices.map { i in
                trend.value(at: design.scaledTime(timestamps[i]), capacity: caps[i] / yScale) * yScale + seasonal[i]
            }
        }
        return timestamps.map { ts in
            let row = design.row(at: ts)
            var v = 0.0
            for i in row.indices { v += row[i] * theta[i] }
            return v * yScale
        }
    }

    /// The seasonal part Σ_l β_l f_l(t) alone, in data units.
    public func seasonal(at timestamps: [Double]) -> [Double] {
        let range = design.betaRange
        return timestamps.map { ts in
            let row = design.row(at: ts)
            var v = 0.0
            for i in range { v += row[i] * theta[i] }
            return v * yScale
        }
    }

    public var k: Double { theta[0] }

    enum CodingKeys: String, CodingKey {
        case design, theta, sigma, yScale, iterations, converged, negativeLogPosterior, growth, fitProcedure
    }
    public var m: Double { theta[1] }
    public var deltas: [Double] { Array(theta[design.deltaRange]) }
    public var betas: [Double] { Array(theta[design.betaRange]) }
}

public enum ProphetError: Error, Equatable, CustomStringConvertible {
    case nonFiniteValue(index: Int, value: Double)
    case tooShort(count: Int)
    case invalidPriorScale(name: String, value: Double)
    case invalidSeasonality(String)
    case invalidCoverage(Double)
    case nonPositiveSteps(Int)
    case unsupportedArtifactVersion(found: Int, supported: Int)
    case invalidCapacity(index: Int, value: Double)
    case invalidCapacitySchedule(timestamps: Int, values: Int, unorderedAt: Int? = nil)

    public var description: String {
        switch self {
        case .nonFiniteValue(let i, let v):
            return "the series holds \(v) at index \(i); the Prophet-style model needs finite values — forward-fill or drop the gap first"
        case .tooShort(let n):
            return "the Prophet-style model needs at least 2 points, the series has \(n); use a longer history"
        case .invalidPriorScale(let name, let v):
            return "the \(name) prior scale must be positive, got \(v); prophet's default is 0.05 for changepoints and 10 for seasonalities"
        case .invalidSeasonality(let name):
            return "seasonality \(name) needs a positive period, a non-negative order and a positive prior scale; fix its settings"
        case .invalidCoverage(let c):
            return "interval coverage \(c) is outside (0, 1); use for example 0.8 or 0.95"
        case .nonPositiveSteps(let h):
            return "cannot forecast \(h) steps; ask for at least 1"
        case .unsupportedArtifactVersion(let found, let supported):
            return "the Prophet-style artifact has format_version \(found), this build reads up to \(supported); upgrade autoscale to load it"
        case .invalidCapacity(let index, let value):
            return "logistic growth needs a finite, positive capacity, got \(value) at position \(index); give the saturation level in the series' units"
        case .invalidCapacitySchedule(let times, let values, let unordered):
            if let unordered {
                return "the capacity schedule's timestamps must increase, but timestamp \(unordered) is not after the one before it; sort the schedule"
            }
            return "the capacity schedule has \(times) timestamps for \(values) values; give one timestamp per value (at least one)"
        }
    }
}

extension ProphetTrendModel {
    /// Reads format 1 (no `growth`: linear) and format 2.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        design = try c.decode(ProphetDesign.self, forKey: .design)
        theta = try c.decode([Double].self, forKey: .theta)
        sigma = try c.decode(Double.self, forKey: .sigma)
        yScale = try c.decode(Double.self, forKey: .yScale)
        iterations = try c.decode(Int.self, forKey: .iterations)
        converged = try c.decode(Bool.self, forKey: .converged)
        negativeLogPosterior = try c.decode(Double.self, forKey: .negativeLogPosterior)
        growth = try c.decodeIfPresent(ProphetGrowth.self, forKey: .growth) ?? .linear
        fitProcedure = try c.decodeIfPresent(ProphetFitProcedure.self, forKey: .fitProcedure) ?? .exactMAP
    }
}
