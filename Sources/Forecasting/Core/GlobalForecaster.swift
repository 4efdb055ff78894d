import Series

/// A forecaster that can also be trained once across many series (global training): one
/// set of parameters for all the series of a metric (all containers, all series of a
/// folder), each series min-max scaled on its own train part as the protocol scales it
/// (docs/EVALUATION.md §5), and each keeping what is per series by nature (the LSTM's input
/// scale and output shrinkage are fitted on that series' own train and validation parts).
///
/// `fitGlobal(data)[i]` is the fitted model conditioned on `data[i].series`; it is scored on
/// series i by the protocol exactly as a per-series model is (`Evaluator.evaluateGlobal`).
/// No series' test part reaches `fitGlobal`, so no series leaks into another's score.
public protocol GlobalForecaster: Forecaster {
    func fitGlobal(_ data: [FitData]) throws -> [Fitted]
}
