import Kernels

/// The state of one Hyndman–Khandakar stepwise search (see `AutoARIMA`).
struct StepwiseARIMASearch {
    struct Key: Hashable { var p, q, sp, sq: Int; var constant: Bool }

    let configuration: AutoARIMA
    let series: [Double]
    /// Optional exogenous column (regression with ARIMA errors); no constant then.
    var regressor: [Double]? = nil
    /// AICc of every candidate tried (∞ when unusable).
    private(set) var fitted: [Key: Double] = [:]
    /// Every fit in the order it ran: the search's candidates, then the exact refits.
    private(set) var trail: [AutoARIMACandidate] = []
    /// The candidates in the order the search fitted them.
    private var tried: [Key] = []
    private var estimates: [Key: ARIMAEstimator.Estimate] = [:]
    /// The CSS fits of the search (usable or not), where their exact refits start.
    private var cssFits: [Key: StatsforecastFit.CSS] = [:]
    private var d = 0, seasonalD = 0, period = 1
    private var maxP = 0, maxQ = 0, maxSP = 0, maxSQ = 0
    /// Search with CSS fits (forecast::auto.arima's `approximation`).
    private var approximate = false

    init(configuration: AutoARIMA, series: [Double]) {
        self.configuration = configuration
        self.series = series
    }

    mutating func run() throws(ARIMAError) -> (ARIMASpecification, ARIMAEstimator.Estimate) {
        let c = configuration
        let n = series.count
        if isConstant(series) { return try fallback(d: 0, seasonalD: 0, period: 0, constant: true) }

        period = c.period > 1 && n >= 2 * c.period + 1 ? c.period : 1
        if period > 1, c.maxSeasonalD > 0 { seasonalD = SeasonalStrength.differencesNeeded(series, period: period) }
        var dx = series
        if seasonalD == 1 { dx = (period..<n).map { series[$0] - series[$0 - period] } }
        if isConstant(dx) { return try fallback(d: 0, seasonalD: seasonalD, period: period, constant: false) }
        d = c.fixedD ?? KPSSTest.differencesNeeded(dx, alpha: c.alpha, maxD: c.maxD)
        for _ in 0..<d { dx = zip(dx.dropFirst(), dx).map { $0 - $1 } }
        if isConstant(dx) { return try fallback(d: d, seasonalD: seasonalD, period: period, constant: d + seasonalD <= 1) }

        maxP = min(c.maxP, n / 3); maxQ = min(c.maxQ, n / 3)
        if period > 1 { maxSP = min(c.maxSeasonalP, n / (3 * period)); maxSQ = min(c.maxSeasonalQ, n / (3 * period)) }
        let allowConstant = d + seasonalD <= 1 && regressor == nil
        approximate = c.approximation ?? (n > 150 || period > 12)

        var p = min(c.startP, maxP), q = min(c.startQ, maxQ)
        var sp = min(c.startSeasonalP, maxSP), sq = min(c.startSeasonalQ, maxSQ)
        var constant = allowConstant
        var best = Key(p: p, q: q, sp: sp, sq: sq, constant: constant)
        var bestIC = evaluate(best)
        func consider(_ key: Key) -> Bool {
            guard fitted[key] == nil, fitted.count < configuration.maxModels else { return false }
            let ic = evaluate(key)
            if ic < bestIC { bestIC = ic; best = key; return true }
            return false
        }
        _ = consider(Key(p: 0, q: 0, sp: 0, sq: 0, constant: constant))
        if maxP > 0 || maxSP > 0 { _ = consider(Key(p: maxP > 0 ? 1 : 0, q: 0, sp: maxSP > 0 ? 1 : 0, sq: 0, constant: constant)) }
        if maxQ > 0 || maxSQ > 0 { _ = consider(Key(p: 0, q: maxQ > 0 ? 1 : 0, sp: 0, sq: maxSQ > 0 ? 1 : 0, constant: constant)) }
        if constant { _ = consider(Key(p: 0, q: 0, sp: 0, sq: 0, constant: false)) }
        // statsforecast (2.1.1) moves to the winner's orders but keeps `constant` as it was
        // when (0,d,0) without a constant wins here (R's auto.arima sets it to false): the
        // neighbours are then searched with the constant, to beat the constant-free (0,d,0).
        // We follow statsforecast, the reference of AutoARIMADifferentialTests.
        (p, q, sp, sq) = (best.p, best.q, best.sp, best.sq)

        // Move to the first better neighbour, in forecast::auto.arima's order, until none is.
        var improved = true
        while improved && fitted.count < c.maxModels {
            improved = false
            var moves: [(Int, Int, Int, Int)] = [(0, 0, -1, 0), (0, 0, 0, -1), (0, 0, 1, 0), (0, 0, 0, 1),
                                                  (0, 0, -1, -1), (0, 0, -1, 1), (0, 0, 1, -1), (0, 0, 1, 1),
                                                  (-1, 0, 0, 0), (0, -1, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0),
                                                  (-1, -1, 0, 0), (-1, 1, 0, 0), (1, -1, 0, 0), (1, 1, 0, 0)]
            if period <= 1 { moves.removeFirst(8) }
            for (dp, dq, dsp, dsq) in moves {
                let key = Key(p: p + dp, q: q + dq, sp: sp + dsp, sq: sq + dsq, constant: constant)
                guard (0...maxP).contains(key.p), (0...maxQ).contains(key.q),
                      (0...maxSP).contains(key.sp), (0...maxSQ).contains(key.sq) else { continue }
                if consider(key) { improved = true; (p, q, sp, sq) = (key.p, key.q, key.sp, key.sq); break }
            }
            if !improved && allowConstant && consider(Key(p: p, q: q, sp: sp, sq: sq, constant: !constant)) {
                improved = true
                constant.toggle()
            }
        }

        if !approximate, bestIC.isFinite, let estimate = estimates[best] { return (specification(best), polished(best, estimate)) }
        // Searched with CSS: refit candidates by exact ML, best first (ties and ∞ in the
        // order tried), until one is usable — the unusable CSS fits too, as statsforecast does.
        let ranked = tried.enumerated().sorted { a, b in
            (fitted[a.element] ?? .infinity, a.offset) < (fitted[b.element] ?? .infinity, b.offset)
        }
        for (_, key) in ranked {
            if let estimate = exactFit(key) { return (specification(key), polished(key, estimate)) }
        }
        return try fallback(d: d, seasonalD: seasonalD, period: period, constant: allowConstant)
    }

    /// Accepted exact-ML steps in a row with a root inside 1.01 after which a candidate's
    /// refit is abandoned (rejected). On the Azure dev series the rejected refits enter the
    /// 1.01 band after ~7–12 steps and stay there up to the 50-step cap, apart from single
    /// steps out; 10 in a row left every chosen order unchanged (Benchmarks/Stats/README.md).
    static let patienceNearUnitRoot = 10

    /// The coefficients of the chosen order refitted by exact ML with `ARIMAEstimator`
    /// (L-BFGS from the chosen fit, the mean or drift profiled), kept when usable and its AICc
    /// is no higher. The order is statsforecast's choice (the search and its fits are
    /// statsforecast's); its exact fits of d + D > 0 stay at their CSS start
    /// (`StatsforecastMLObjective`), so this refit reaches the likelihood's optimum and only
    /// lowers the final AICc. Not in `trail` (statsforecast has no such fit).
    private func polished(_ key: Key, _ chosen: ARIMAEstimator.Estimate) -> ARIMAEstimator.Estimate {
        guard regressor == nil else { return chosen }
        var estimator = ARIMAEstimator(specification: specification(key), optimizer: ARIMA().optimizer, tryNearUnitMA: false)
        estimator.tryZeroStart = false
        estimator.cssStart = chosen.coefficients
        estimator.abandonAfterStepsNearUnitRoot = Self.patienceNearUnitRoot
        do {
            let refit = try estimator.estimate(series)
            return isUsable(refit) && refit.summary.aicc <= chosen.summary.aicc ? refit : chosen
        } catch {
            return chosen  // No finite likelihood from the chosen start: the chosen fit stands.
        }
    }

    /// Exact ML fit of `key`, or nil when it fails or has a root inside 1.01.
    private mutating func exactFit(_ key: Key) -> ARIMAEstimator.Estimate? {
        let estimate = exactEstimate(key)
        trail.append(AutoARIMACandidate(specification: specification(key), fit: .exact, aicc: estimate?.summary.aicc ?? .infinity))
        return estimate
    }

    private func exactEstimate(_ key: Key) -> ARIMAEstimator.Estimate? {
        if regressor == nil {
            do {
                let estimate = try StatsforecastFit(specification: specification(key), series: series).exact(css: cssFits[key])
                return isUsable(estimate) ? estimate : nil
            } catch {
                return nil  // Too short, or no finite likelihood: statsforecast's ic = ∞.
            }
        }
        do {
            // R's CSS-ML: one start (the CSS estimate); at most 50 L-BFGS iterations
            // (statsmodels' default; R's optim allows 100), which bounds the time spent on
            // candidates whose MA roots run to the unit circle and get rejected anyway.
            var optimizer = ARIMA().optimizer
            optimizer.maxIterations = 50
            var estimator = ARIMAEstimator(specification: specification(key), optimizer: optimizer, tryNearUnitMA: false)
            estimator.tryZeroStart = false
            estimator.forwardDifferences = true
            estimator.regressor = regressor
            estimator.abandonAfterStepsNearUnitRoot = Self.patienceNearUnitRoot
            estimator.cssStart = estimates[key]?.coefficients
            let estimate = try estimator.estimate(series)
            return isUsable(estimate) ? estimate : nil
        } catch {
            return nil
        }
    }

    /// statsforecast's test, on the coefficients where the optimiser ended (an exact refit's
    /// MA part before it is made invertible: a root inside the unit circle is inside 1.01).
    private func isUsable(_ estimate: ARIMAEstimator.Estimate) -> Bool {
        let c = estimate.optimised ?? estimate.coefficients
        return ARIMAPolynomials.rootsOutsideAsStatsforecast(c.expandedAR(period: period), radius: 1.01)
            && ARIMAPolynomials.rootsOutsideAsStatsforecast(c.expandedMA(period: period).map { -$0 }, radius: 1.01)
            && estimate.summary.aicc.isFinite
    }

    private func specification(_ key: Key) -> ARIMASpecification {
        ARIMASpecification(
            order: ARIMAOrder(p: key.p, d: d, q: key.q),
            seasonal: period > 1 ? SeasonalOrder(p: key.sp, d: seasonalD, q: key.sq, period: period) : .none,
            includeConstant: key.constant)
    }

    /// Fits one candidate (CSS when `approximate`, else CSS-ML; as statsforecast does,
    /// `StatsforecastFit`, unless there is a regressor); AICc, or ∞ when the fit fails or a
    /// root is inside 1.01.
    private mutating func evaluate(_ key: Key) -> Double {
        var ic = Double.infinity
        do {
            let estimate = try regressor == nil ? candidateFit(key) : regressionFit(key)
            if isUsable(estimate) {
                ic = estimate.summary.aicc
                estimates[key] = estimate
            }
        } catch {
            ic = .infinity  // Too short for this order, or no finite objective: not a candidate.
        }
        fitted[key] = ic
        tried.append(key)
        trail.append(AutoARIMACandidate(specification: specification(key), fit: approximate ? .conditionalSumOfSquares : .exact, aicc: ic))
        return ic
    }

    /// statsforecast's fit of a candidate; a CSS fit is kept for the candidate's exact refit.
    private mutating func candidateFit(_ key: Key) throws(ARIMAError) -> ARIMAEstimator.Estimate {
        let fit = try StatsforecastFit(specification: specification(key), series: series)
        guard approximate else { return try fit.exact() }
        let css = try fit.css()
        cssFits[key] = css
        return css.estimate
    }

    /// A candidate of a regression with ARIMA errors: `ARIMAEstimator` (β profiled by GLS).
    private func regressionFit(_ key: Key) throws(ARIMAError) -> ARIMAEstimator.Estimate {
        var estimator = ARIMAEstimator(specification: specification(key), optimizer: ARIMA().optimizer, tryNearUnitMA: false)
        estimator.method = approximate ? .conditionalSumOfSquares : .exact
        estimator.regressor = regressor
        return try estimator.estimate(series)
    }

    private func fallback(d: Int, seasonalD: Int, period: Int, constant: Bool) throws(ARIMAError) -> (ARIMASpecification, ARIMAEstimator.Estimate) {
        let spec = ARIMASpecification(
            order: ARIMAOrder(p: 0, d: d, q: 0),
            seasonal: seasonalD > 0 ? SeasonalOrder(p: 0, d: seasonalD, q: 0, period: period) : .none,
            includeConstant: constant)
        return (spec, try ARIMAEstimator(specification: spec, optimizer: ARIMA().optimizer).estimate(series))
    }
}
