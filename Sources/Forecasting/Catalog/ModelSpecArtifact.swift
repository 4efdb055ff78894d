import Series

extension ModelSpec {
    /// Fits this model on `series` (raw values on a regular grid) and returns the artifact
    /// that forecasts from raw values:
    ///
    /// 1. `preprocessing` (optional): counter → rate (one point shorter for counters, so
    ///    the train part loses its first point too), then unit scale, clip bounds fitted on
    ///    the train part, transform;
    /// 2. min-max scaler fitted on the first `trainCount` (preprocessed) values;
    /// 3. the model fitted on all values, the points after `trainCount` as validation
    ///    (`fit(_:interval:scaler:steps:hooks:)`), for forecasts of up to `steps` ahead.
    public func fitArtifact(
        series: RegularSeries, trainCount: Int, steps: Int, preprocessing: PreprocessingSpec? = nil,
        hooks: TrainingHooks = .silent
    ) throws -> FittedModelArtifact {
        var values = series
        var train = trainCount
        var fittedPreprocessing: FittedPreprocessor?
        if let preprocessing {
            let rates = try Preprocessor(spec: preprocessing).rateStage(series).series
            train -= series.count - rates.count
            let fitted = try Preprocessor(spec: preprocessing).fit(train: rates.values.prefix(max(train, 0)))
            values = try fitted.apply(rates)
            fittedPreprocessing = fitted
        }
        let scaler = try MinMaxScaler(fittingOn: values.values.prefix(max(train, 0)))
        let scaled = values.with(values: scaler.transform(values.values))
        let fitted = try fitResolved(
            FitData(series: scaled, trainCount: train),
            context: Self.forecastContext(interval: series.interval, scaler: scaler, steps: steps), hooks: hooks)
        return FittedModelArtifact(
            spec: fitted.spec, state: fitted.state, data: FittedData(series: series, trainCount: trainCount), scaler: scaler,
            preprocessing: fittedPreprocessing)
    }
}
