/// Reduce-on-plateau learning-rate schedule, as `torch.optim.lr_scheduler.ReduceLROnPlateau`
/// in mode "min" with a relative threshold: a loss ℓ counts as an improvement when
/// ℓ < best·(1 − threshold); after more than `patience` epochs without one, η ← max(η·factor, η_min)
/// and the count restarts.
public struct ReduceOnPlateau: Sendable, Equatable {
    public let factor: Float
    public let patience: Int
    public let threshold: Float
    public let minimumRate: Float
    public private(set) var rate: Float
    public private(set) var best: Float = .infinity
    public private(set) var badEpochs = 0

    public init(initialRate: Float, factor: Float = 0.5, patience: Int = 5, threshold: Float = 1e-4, minimumRate: Float = 0) {
        precondition(factor > 0 && factor < 1, "ReduceOnPlateau factor must be in (0, 1), got \(factor)")
        rate = initialRate
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.minimumRate = minimumRate
    }

    /// Records one epoch's validation loss and returns the learning rate for the next epoch.
    public mutating func record(loss: Float) -> Float {
        if loss < best * (1 - threshold) {
            best = loss
            badEpochs = 0
        } else {
            badEpochs += 1
            if badEpochs > patience {
                rate = max(rate * factor, minimumRate)
                badEpochs = 0
            }
        }
        return rate
    }
}
