/// Settings of the Prophet-style model (`ProphetStyle`): changepoints and their prior,
/// seasonalities, the recent-past residual model, the trend's growth (a logistic
/// capacity in the series' own units) and the fit procedure. Defaults are
/// `ProphetStyle()`'s; the L-BFGS of `.exactMAP` is not a setting.
public struct ProphetSettings: Codable, Hashable, Sendable {
    public var changepointCount: Int
    public var changepointRange: Double
    public var changepointPriorScale: Double
    public var seasonalities: [ProphetSeasonality]
    public var recentPast: ProphetStyle.RecentPast
    public var growth: ProphetGrowth
    public var intervalLevels: [Double]
    public var fitProcedure: ProphetFitProcedure

    /// The settings of `model` (by default `ProphetStyle()`'s).
    public init(_ model: ProphetStyle = ProphetStyle()) {
        changepointCount = model.changepointCount
        changepointRange = model.changepointRange
        changepointPriorScale = model.changepointPriorScale
        seasonalities = model.seasonalities
        recentPast = model.recentPast
        growth = model.growth
        intervalLevels = model.intervalLevels
        fitProcedure = model.fitProcedure
    }

    /// The defaults with the given recent-past model (prophet: `.none`, prophet-ar: `.autoARIMA`).
    public init(recentPast: ProphetStyle.RecentPast) {
        self.init()
        self.recentPast = recentPast
    }

    /// The forecaster these settings describe, with `growth` as given (in the series' units).
    public var model: ProphetStyle {
        ProphetStyle(
            changepointCount: changepointCount, changepointRange: changepointRange, changepointPriorScale: changepointPriorScale,
            seasonalities: seasonalities, recentPast: recentPast, growth: growth, intervalLevels: intervalLevels,
            fitProcedure: fitProcedure)
    }
}
