import Series

/// One per-metric config file (`Configs/<metric>.yaml`), decoded once into typed
/// sections; strings are already enums here.
public struct MetricConfig: Sendable, Equatable {
    /// Versions of the YAML layout this build reads.
    public static let supportedFormatVersions = [1]

    public var formatVersion: Int
    public var metric: MetricKind
    /// The container the series belongs to, if the file names one.
    public var containerName: String?
    public var data: DataSection
    public var model: ModelSection
    public var training: TrainingSection
    public var preprocessing: PreprocessingSection
    public var features: FeaturesSection

    /// Every section at its defaults for `metric`.
    public init(
        metric: MetricKind, containerName: String? = nil, formatVersion: Int = 1,
        data: DataSection = .defaults, model: ModelSection = .defaults, training: TrainingSection = .defaults,
        preprocessing: PreprocessingSection? = nil, features: FeaturesSection = .defaults
    ) {
        self.formatVersion = formatVersion
        self.metric = metric
        self.containerName = containerName
        self.data = data
        self.model = model
        self.training = training
        self.preprocessing = preprocessing ?? .defaults(for: metric)
        self.features = features
    }

    enum Key: String, CaseIterable {
        case formatVersion = "format_version", metricName = "metric_name", containerName = "container_name"
        case data, model, training, preprocessing, features
    }

    init(decoding m: ConfigMapping<Key>) throws(ConfigError) {
        formatVersion = try m.int(.formatVersion, default: nil, example: "format_version: 1").value
        metric = try m.choice(
            .metricName, default: MetricKind?.none,
            example: "metric_name: <\(MetricKind.allowedNames.joined(separator: " | "))>").value
        containerName = try m.string(.containerName, default: nil).value
        data = try DataSection(decoding: m.section(.data, keys: DataSection.Key.self))
        model = try ModelSection(decoding: m.section(.model, keys: ModelSection.Key.self))
        training = try TrainingSection(
            decoding: m.section(.training, keys: TrainingSection.Key.self), horizonCount: data.predictionHorizons.count)
        preprocessing = try PreprocessingSection(
            decoding: m.section(.preprocessing, keys: PreprocessingSection.Key.self), metric: metric)
        features = try FeaturesSection(decoding: m.section(.features, keys: FeaturesSection.Key.self))
    }
}
