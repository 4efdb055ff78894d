/// The horizons (minutes) a train stage fits its model for when no `window` stage names
/// them: its config's `data.prediction_horizons`, else the configs' default.
enum TrainHorizons {
    static func configured(_ stage: TrainStage) throws -> [Int] {
        guard let path = stage.configPath else { return DataSection.defaults.predictionHorizons }
        return try ConfigLoader.load(path: path).data.predictionHorizons
    }
}
