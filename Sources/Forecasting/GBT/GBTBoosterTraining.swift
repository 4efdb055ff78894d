/// What one booster minimises. The point boosters' losses (`GBTPointLoss`; their early
/// stopping and target choice always measure MAE, the metric):
/// - `absoluteError`: XGBoost's `reg:absoluteerror`, whose leaves are refreshed to the
///   median residual of their rows after each tree; XGBoost 1.7 does not scale these
///   refreshed leaves by the learning rate η, so every round is a full step;
/// - `squaredError`: `reg:squarederror`, leaves −η·Σ(q − y)/(n_leaf + λ);
/// - `pseudoHuber(δ)`: `reg:pseudohubererror` with `huber_slope` δ,
///   δ²(√(1 + (r/δ)²) − 1), quadratic for residuals |r| ≪ δ and linear beyond.
/// The interval boosters' loss is the pinball loss of quantile α,
/// ρ_α(y − q) = α(y − q) for y ≥ q, (1 − α)(q − y) otherwise, through a custom objective:
/// XGBoost 1.7 has no quantile objective, so each round takes the gradient
/// ∂ρ/∂q = (1 − α) if y < q, −α otherwise, and the constant hessian 1
/// (`XGBoosterBoostOneIter`); a leaf then moves by −η·Σg/(n_leaf + λ), at most η·max(α, 1 − α)
/// whatever the size of the residuals (in scaled units a step of η = 0.05 can be larger than
/// most residuals of a 5-minute step, so these boosters jump around their quantile;
/// hence conformal intervals by default).
enum GBTObjective: Equatable, Sendable {
    case absoluteError
    case squaredError
    case pseudoHuber(Double)
    case pinball(Double)

    /// The point loss `loss` with the settings' Huber slope.
    init(_ loss: GBTPointLoss, huberSlope: Double) {
        switch loss {
        case .absoluteError: self = .absoluteError
        case .squaredError: self = .squaredError
        case .pseudoHuber: self = .pseudoHuber(huberSlope)
        }
    }

    /// The mean loss of `predictions` against `labels`: the absolute error for the point
    /// losses, the pinball loss for a quantile.
    func meanLoss(_ predictions: [Float], _ labels: [Float]) -> Double {
        var total = 0.0
        for (p, y) in zip(predictions, labels) {
            let residual = Double(y) - Double(p)
            switch self {
            case .pinball(let alpha): total += residual >= 0 ? alpha * residual : (alpha - 1) * residual
            default: total += abs(residual)
            }
        }
        return total / Double(max(labels.count, 1))
    }

    /// The starting prediction (XGBoost's `base_score`): the median or the α quantile of
    /// the training labels (`typeSevenQuantile`).
    func baseScore(_ labels: [Float]) -> Double {
        switch self {
        case .pinball(let alpha): typeSevenQuantile(labels.map(Double.init), alpha)
        default: typeSevenQuantile(labels.map(Double.init), 0.5)
        }
    }

    /// Whether the rounds take our gradient (`XGBoosterBoostOneIter`, hessian 1) rather than
    /// XGBoost's own objective.
    var isCustom: Bool { xgboostParameters.isEmpty }

    /// The custom objective's gradient per row at the margins (empty for XGBoost's own).
    func gradient(margins: [Float], labels: [Float]) -> [Float] {
        switch self {
        case .pinball(let alpha): zip(margins, labels).map { $0 > $1 ? Float(1 - alpha) : Float(-alpha) }
        default: []
        }
    }

    /// XGBoost's own objective parameters; none for a custom objective.
    var xgboostParameters: [(String, String)] {
        switch self {
        case .absoluteError: [("objective", "reg:absoluteerror")]
        case .squaredError: [("objective", "reg:squarederror")]
        case .pseudoHuber(let slope): [("objective", "reg:pseudohubererror"), ("huber_slope", "\(slope)")]
        case .pinball: []
        }
    }
}

/// The p quantile of `values` by linear interpolation between order statistics (Hyndman
/// and Fan's type 7, numpy's default): x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), h = (n − 1)p.
func typeSevenQuantile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let h = Double(sorted.count - 1) * p
    let low = Int(h.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
}

/// A booster trained with early stopping: the rounds kept and the validation loss there.
struct TrainedBooster: @unchecked Sendable {
    let booster: XGBoostBooster
    let rounds: Int
    /// Mean validation loss after `rounds` rounds; nil without validation.
    let validationLoss: Double?
}

/// Boosting one booster round by round (docs/ARCHITECTURE.md, "gbt").
struct GBTBoosterTraining {
    let settings: GBTSettings

    /// XGBoost's parameters: `hist` trees, one thread (the boosters are trained in
    /// parallel by the caller), the settings' shape and rate, `base_score` from the labels.
    func parameters(_ objective: GBTObjective, labels: [Float]) -> [(String, String)] {
        var p: [(String, String)] = [
            ("tree_method", "hist"), ("nthread", "1"), ("verbosity", "0"),
            ("eta", "\(settings.learningRate)"), ("max_depth", "\(settings.maxDepth)"),
            ("min_child_weight", "\(settings.minChildWeight)"), ("subsample", "\(settings.subsample)"),
            ("seed", "\(settings.seed)"), ("base_score", "\(objective.baseScore(labels))"),
        ]
        return p + objective.xgboostParameters
    }

    /// Boosts up to `rounds` rounds on `train`; with `validation` and early stopping on,
    /// stops after `settings.earlyStoppingRounds` rounds without a lower validation loss
    /// and keeps the best round's trees.
    func train(_ objective: GBTObjective, train: XGBoostMatrix, validation: XGBoostMatrix?, rounds: Int) throws -> TrainedBooster {
        let booster = try XGBoostBooster(
            parameters: parameters(objective, labels: train.labels), cached: [train] + (validation.map { [$0] } ?? []))
        var best = Double.infinity
        var bestRounds = 0
        var done = 0
        let patience = settings.earlyStoppingRounds
        for round in 0..<rounds {
            if objective.isCustom {
                let gradient = objective.gradient(margins: try booster.predict(train, margin: true, training: true), labels: train.labels)
                try booster.boostOneRound(train: train, gradient: gradient, hessian: [Float](repeating: 1, count: gradient.count))
            } else {
                try booster.updateOneRound(round, train: train)
            }
            done = round + 1
            guard let validation, patience > 0 else { continue }
            let loss = objective.meanLoss(try booster.predict(validation), validation.labels)
            if loss < best {
                best = loss
                bestRounds = done
            } else if done - bestRounds >= patience {
                break
            }
        }
        guard let validation else { return TrainedBooster(booster: booster, rounds: done, validationLoss: nil) }
        guard patience > 0 else {
            return TrainedBooster(booster: booster, rounds: done, validationLoss: objective.meanLoss(try booster.predict(validation), validation.labels))
        }
        let kept = bestRounds == done ? booster : try booster.firstRounds(bestRounds)
        return TrainedBooster(booster: kept, rounds: bestRounds, validationLoss: best)
    }
}
