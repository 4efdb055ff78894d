/// `model.model_type`: the forecaster family (EVALUATION.md §7).
public enum ModelType: String, CaseIterable, Sendable, Hashable {
    case naive, snaive, arima, autoarima, prophet, lstm, nhits, gbt, ensemble
}

/// `training.optimizer`.
public enum OptimizerKind: String, CaseIterable, Sendable, Hashable {
    case adam, sgd, rmsprop
}

/// `training.loss_function`, per horizon before weighting.
public enum LossFunction: String, CaseIterable, Sendable, Hashable {
    case mse, mae, huber
}
