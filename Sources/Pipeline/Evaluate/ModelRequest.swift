import Forecasting

/// What a command asks for, as given at the edge: a catalog name and/or a per-metric
/// config file, and the flags that override settings. `ConfiguredModel.resolve` turns it
/// into a `ModelSpec` in one place.
public struct ModelRequest: Sendable, Equatable {
    /// A `ModelKind` name (`--model`); nil takes the config's model or the command's default.
    public var modelName: String?
    /// A per-metric config (`--config`).
    public var configPath: String?
    public var overrides: ModelOverrides

    public init(modelName: String? = nil, configPath: String? = nil, overrides: ModelOverrides = ModelOverrides()) {
        self.modelName = modelName
        self.configPath = configPath
        self.overrides = overrides
    }
}

/// Settings given by flags, applied on top of the config and the catalog's defaults.
/// nil leaves a setting as it is. `epochs` and `seed` apply to the LSTM and `nhits` (also as
/// ensemble members) and are ignored by the models that do not train; `growth` / `capacity` apply to the Prophet-style models
/// only and are an error elsewhere (`ModelSpec.withProphetGrowth`).
public struct ModelOverrides: Sendable, Equatable {
    public var epochs: Int?
    public var seed: UInt64?
    /// "linear" or "logistic".
    public var growth: String?
    /// Logistic capacity in the series' units.
    public var capacity: Double?

    public init(epochs: Int? = nil, seed: UInt64? = nil, growth: String? = nil, capacity: Double? = nil) {
        self.epochs = epochs
        self.seed = seed
        self.growth = growth
        self.capacity = capacity
    }

    /// `spec` with these overrides.
    public func apply(to spec: ModelSpec) throws(ModelSpecError) -> ModelSpec {
        var spec = try spec.withProphetGrowth(growth, capacity: capacity)
        if var configuration = spec.settings as? LSTMConfiguration {
            if let epochs { configuration.training.epochs = epochs }
            if let seed { configuration.training.seed = seed }
            spec = ModelSpec(configuration)
        }
        if var settings = spec.settings as? NHITSSettings {
            // An nhits "epoch" is one validation check: `validationInterval` optimiser steps.
            if let epochs { settings.training.maxSteps = epochs * settings.training.validationInterval }
            if let seed { settings.training.seed = seed }
            spec = ModelSpec(settings)
        }
        if var settings = spec.settings as? EnsembleSettings {
            // The members that train take the same epochs and seed (growth stays the
            // ensemble's own error: it names no Prophet-style model).
            let training = ModelOverrides(epochs: epochs, seed: seed)
            settings.members = try settings.members.map { member throws(ModelSpecError) in try training.apply(to: member) }
            spec = ModelSpec(settings)
        }
        return spec
    }
}
