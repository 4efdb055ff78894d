/// What one booster minimises: the absolute error (XGBoost's `reg:absoluteerror`, the
/// point forecast: MAE is the metric) or the pinball loss of quantile α,
/// ρ_α(y − q) = α(y − q) for y ≥ q, (1 − α)(q − y) otherwise, through a custom objective:
/// XGBoost 1.7 has no quantile objective, so each round takes the gradient
/// ∂ρ/∂q = (1 − α) if y < q, −α otherwise, and the constant hessian 1
/// (`XGBoosterBoostOneIter`); a leaf then moves by −η·Σg/(n_leaf + λ), at most η·max(α, 1 − α).
enum GBTObjective: Equatable, Sendable {
    case absoluteError
    case pinball(Double)

    /// The mean loss of `predictions` against `labels`.
    func meanLoss(_ predictions: [Float], _ labels: [Float]) -> Double {
        var total = 0.0
        for (p, y) in zip(predictions, labels) {
            let residual = Double(y) - Double(p)
            switch self {
            case .absoluteError: total += abs(residual)
            case .pinball(let alpha): total += residual >= 0 ? alpha * residual : (alpha - 1) * residual
            }
        }
        return total / Double(max(labels.count, 1))
    }

    /// The starting prediction (XGBoost's `base_score`): the median or the α quantile of
    /// the training labels (`typeSevenQuantile`).
    func baseScore(_ labels: [Float]) -> Double {
        switch self {
        case .absoluteError: typeSevenQuantile(labels.map(Double.init), 0.5)
        case .pinball(let alpha): typeSevenQuantile(labels.map(Double.init), alpha)
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
        if objective == .absoluteError { p.append(("objective", "reg:absoluteerror")) }
        return p
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
            switch objective {
            case .absoluteError:
                try booster.updateOneRound(round, train: train)
            case .pinball(let alpha):
                let margins = try booster.predict(train, margin: true, training: true)
                let gradient = zip(margins, train.labels).map { $0 > $1 ? Float(1 - alpha) : Float(-alpha) }
                try booster.boostOneRound(train: train, gradient: gradient, hessian: [Float](repeating: 1, count: gradient.count))
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
