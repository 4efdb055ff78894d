/// The scalers a config can name (`normalization: minmax | standard | robust`).
public enum ScalerKind: String, CaseIterable, Sendable, Hashable {
    /// `MinMaxScaler`, EVALUATION.md §4: s in [0, 1] on train.
    case minmax
    /// `StandardScaler`: mean 0, population std 1 on train.
    case standard
    /// `RobustScaler`: median 0, IQR 1 on train.
    case robust

    /// Fits the named scaler on the training part only.
    public func fit(on train: some Collection<Double>) throws(ScalerError) -> any Scaler {
        switch self {
        case .minmax: return try MinMaxScaler(fittingOn: checkedTrainingValues(train))
        case .standard: return try StandardScaler(fittingOn: train)
        case .robust: return try RobustScaler(fittingOn: train)
        }
    }
}
