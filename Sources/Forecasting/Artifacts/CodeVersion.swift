/// The version of the forecasting code written into every artifact (`code_version`), so
/// a stored model says which code fitted it. A constant: bump it when a change alters
/// what a fit produces or how a state forecasts; pipeline caches (issue 10) key on it.
public enum CodeVersion {
    public static let current = "0.1.0"
}
