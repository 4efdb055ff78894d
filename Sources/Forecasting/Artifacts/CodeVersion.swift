/// The version of the forecasting code written into every artifact (`code_version`), so
/// a stored model says which code fitted it. A constant: bump it when a change alters
/// what a fit produces or how a state forecasts; the pipeline cache keys on it
/// (docs/formats/pipeline-cache.md), so bumping it reruns every stage.
public enum CodeVersion {
    public static let current = "0.1.0"
}
