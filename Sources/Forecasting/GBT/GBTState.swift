import Foundation

/// The fitted gbt model as an artifact stores it (docs/formats/model-artifacts.md, "gbt"):
/// the feature columns in steps, the steps with boosters and, per step, the kept target and
/// the boosters as XGBoost's JSON model (`XGBoosterSaveModelToBuffer`, format "json"),
/// base64-encoded, and the intervals' residual calibration or quantile boosters. `version`
/// is this envelope's own; a newer one is refused. Version 2 added `calibration`
/// (conformal intervals); a version-1 state has quantile boosters and loads as it was.
public struct GBTState: Codable, Equatable, Sendable {
    /// The version this build writes; 1 … this one load.
    public static let currentVersion = 2

    public var version: Int
    /// Grid step D the features were built on.
    public var intervalSeconds: Double
    public var features: GBTFeatureSpec
    /// The horizons (steps) the model was fitted for.
    public var horizonSteps: [Int]
    /// Quantiles of the interval boosters, ascending; `steps[i].quantiles[j]` is for `quantiles[j]`.
    public var quantiles: [Double]
    /// The coverages the quantiles serve, ascending.
    public var intervalLevels: [Double]
    /// Whether the boosters were fitted again on train + validation.
    public var refitted: Bool
    /// Conformal intervals (`interval_method: conformal`): the validation residuals'
    /// quantiles per step 1 … longest booster step at `intervalLevels`; nil with quantile
    /// boosters.
    public var calibration: ResidualCalibration?
    /// One entry per step with boosters, ascending by step.
    public var steps: [GBTStepState]

    public init(intervalSeconds: Double, features: GBTFeatureSpec, horizonSteps: [Int], quantiles: [Double],
                intervalLevels: [Double], refitted: Bool, calibration: ResidualCalibration?, steps: [GBTStepState]) {
        version = Self.currentVersion
        self.intervalSeconds = intervalSeconds
        self.features = features
        self.horizonSteps = horizonSteps
        self.quantiles = quantiles
        self.intervalLevels = intervalLevels
        self.refitted = refitted
        self.calibration = calibration
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case version, intervalSeconds = "interval_seconds", features, horizonSteps = "horizon_steps", quantiles
        case intervalLevels = "interval_levels", refitted, calibration, steps
    }

    /// The boosters decoded into XGBoost (after the version and shape checks).
    func loadBoosters() throws -> GBTLoadedBoosters {
        try check()
        func booster(_ base64: String, _ what: String) throws -> XGBoostBooster {
            guard let bytes = Data(base64Encoded: base64) else { throw GBTError.invalidState(reason: "\(what) is not base64") }
            return try XGBoostBooster(saved: [UInt8](bytes))
        }
        return GBTLoadedBoosters(
            point: try steps.map { try booster($0.point, "the point booster of step \($0.step)") },
            quantiles: try steps.map { step in
                try step.quantiles.enumerated().map { try booster($1, "the quantile \(quantiles[$0]) booster of step \(step.step)") }
            })
    }

    /// Throws when the version is newer than this build's or the parts do not fit together.
    func check() throws(GBTError) {
        guard version >= 1, version <= Self.currentVersion else {
            throw .unsupportedStateVersion(found: version, supported: Self.currentVersion)
        }
        guard !steps.isEmpty, steps.first?.step == 1, zip(steps, steps.dropFirst()).allSatisfy({ $0.step < $1.step }) else {
            throw .invalidState(reason: "the booster steps \(steps.map(\.step)) must start at 1 and ascend")
        }
        if let step = steps.first(where: { $0.quantiles.count != quantiles.count || $0.target == .auto }) {
            throw .invalidState(reason: "step \(step.step) has \(step.quantiles.count) quantile boosters for \(quantiles.count) quantiles and target \(step.target.rawValue)")
        }
        if let calibration {
            do { try calibration.check() } catch { throw .invalidState(reason: "calibration: \(error)") }
            guard calibration.steps == steps.last?.step, calibration.levels == intervalLevels, quantiles.isEmpty else {
                throw .invalidState(reason: "the calibration covers \(calibration.steps) steps at levels \(calibration.levels) for boosters up to step \(steps.last?.step ?? 0) at levels \(intervalLevels), beside \(quantiles.count) quantile boosters")
            }
        }
        if let missing = horizonSteps.first(where: { h in !steps.contains { $0.step == h } }) {
            throw .invalidState(reason: "the horizon step \(missing) has no booster")
        }
    }
}

/// One step's boosters: the target it kept, the rounds early stopping chose (point and per
/// quantile) and the validation MAE there, and the boosters (base64 XGBoost JSON).
public struct GBTStepState: Codable, Equatable, Sendable {
    public var step: Int
    /// `level` or `difference` (never `auto`).
    public var target: GBTTarget
    public var rounds: Int
    public var validationMAE: Double
    public var point: String
    public var quantileRounds: [Int]
    public var quantiles: [String]

    enum CodingKeys: String, CodingKey {
        case step, target, rounds, validationMAE = "validation_mae", point, quantileRounds = "quantile_rounds", quantiles
    }
}

/// The boosters of a fitted model, live in XGBoost: `point[s]` for `steps[s]`,
/// `quantiles[s][j]` for quantile j of that step.
struct GBTLoadedBoosters: @unchecked Sendable {
    let point: [XGBoostBooster]
    let quantiles: [[XGBoostBooster]]
}
