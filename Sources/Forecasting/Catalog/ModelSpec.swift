import Series

/// A model of the catalog with its typed settings: built from a `ModelKind` (its
/// defaults) or from a settings value, decoded once at the edge (CLI flags and per-metric
/// configs in `Pipeline.ConfiguredModel`, JSON through `Codable`), so nothing deeper passes
/// model names around as strings. A value: Codable, Hashable, Sendable; training hooks
/// are passed to `evaluate` / `fit`, never stored here.
///
/// The kind follows from the settings (`ModelSettings.kind`): an AutoARIMA with a season
/// is `autoarima-daily`, a Prophet-style model with the recent-past residual model is
/// `prophet-ar`. Read typed settings back with a cast: `spec.settings as? LSTMConfiguration`.
public struct ModelSpec: Sendable, Hashable {
    public let settings: any ModelSettings

    public init(_ settings: some ModelSettings) {
        self.settings = settings
    }

    /// The model of `kind` with its default settings.
    public init(kind: ModelKind) {
        settings = kind.defaultSettings
    }

    /// The spec for `name` with default settings (the edge; deeper code uses `init(kind:)`).
    public init(name: String) throws(ModelSpecError) {
        self.init(kind: try ModelKind(name: name))
    }

    /// The naive forecast.
    public static let naive = ModelSpec(NaiveSettings())

    /// The names accepted on the command line, in the order they are listed in help.
    public static var names: [String] { ModelKind.names }

    /// The catalog entry this spec belongs to.
    public var kind: ModelKind { settings.kind }

    public var name: String { kind.name }

    public static func == (a: ModelSpec, b: ModelSpec) -> Bool {
        AnyHashable(a.settings) == AnyHashable(b.settings)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(AnyHashable(settings))
    }
}

extension ModelSpec: CustomStringConvertible {
    public var description: String { name }
}

extension ModelSpec {
    /// A season of `seconds` in whole grid steps: m = seconds / D, which must be a whole
    /// number ≥ 1 (to 1e-9 relative).
    static func steps(_ seconds: Double, interval: Double, model: String) throws(ForecastingError) -> Int {
        let exact = seconds / interval
        let steps = Int(exact.rounded())
        guard steps >= 1, abs(exact - Double(steps)) < 1e-9 * exact else {
            throw .seasonNotMultipleOfInterval(model: model, periodSeconds: seconds, intervalSeconds: interval)
        }
        return steps
    }
}
