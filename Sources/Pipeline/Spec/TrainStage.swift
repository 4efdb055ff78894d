import Forecasting

/// `kind: train`: one catalog model, decoded into the same `ModelSpec` as `autoscale
/// evaluate --config FILE --model KIND --epochs N …` through `ConfiguredModel.resolve`:
/// the model of `config:` (a per-metric config, relative to the pipeline's folder), with
/// `model:` (any catalog kind) overriding its type, then `overrides:` on top. With
/// `sweep:`, the stage is a hyperparameter sweep over that model (`SweepSpec`).
public struct TrainStage: Sendable, Equatable {
    /// The model as it will be fitted.
    public var model: ModelSpec
    /// The config read, resolved against the pipeline's folder.
    public var configPath: String?
    public var overrides: ModelOverrides
    /// `sweep:`: the trials to run instead of one fit; nil for a plain train stage.
    public var sweep: SweepSpec?

    public init(model: ModelSpec, configPath: String? = nil, overrides: ModelOverrides = ModelOverrides(), sweep: SweepSpec? = nil) {
        self.model = model
        self.configPath = configPath
        self.overrides = overrides
        self.sweep = sweep
    }

    enum Key: String, CaseIterable {
        case kind, needs, foreach, matrix
        case config, model, overrides, sweep
    }

    /// `overrides:` — the settings `autoscale evaluate` takes as flags.
    enum OverrideKey: String, CaseIterable { case epochs, seed, growth, capacity }

    /// `overrides.growth`.
    enum Growth: String, CaseIterable { case linear, logistic }

    static func decode(_ m: ConfigMapping<Key>, context: StageContext, diagnostics d: inout SpecDiagnostics) -> TrainStage? {
        var failed = false
        var kind: ModelKind?
        if m.node(.model) != nil {
            kind = d.check { () throws(ConfigError) in try m.choice(.model, default: ModelKind?.none).value }
            failed = failed || kind == nil
        }
        var written: String?
        if m.node(.config) != nil {
            written = d.check { () throws(ConfigError) in try m.string(.config, default: nil).value } ?? nil
            failed = failed || written == nil
        }
        let overrides = d.check { () throws(ConfigError) in try Self.overrides(m.section(.overrides, keys: OverrideKey.self)) }
        var sweepMapping: ConfigMapping<SweepSpec.Key>?
        var sweep: SweepSpec?
        if m.node(.sweep) != nil {
            sweepMapping = d.section(m, .sweep, keys: SweepSpec.Key.self)
            sweep = sweepMapping.flatMap { SweepSpec.decode($0, diagnostics: &d) }
            failed = failed || sweep == nil
        }
        guard !failed, let overrides else { return nil }
        guard kind != nil || written != nil else {
            d.add(ConfigError(.missingKey(example: "model: autoarima` or `config: ../Configs/cpu.yaml"), keyPath: m.keyPath(.model), location: m.location))
            return nil
        }
        let configPath = written.map(context.resolvePath)
        if let configPath, let written, loadConfig(configPath, as: written, m, .config, diagnostics: &d) == nil {
            return nil
        }
        do {
            let request = ModelRequest(modelName: kind?.name, configPath: configPath, overrides: overrides)
            let spec = try ConfiguredModel.resolve(request, defaultModel: kind ?? .naive).spec
            if let sweepMapping, sweep?.pruning != nil, spec.kind != .lstm {
                d.add(sweepMapping.error(.refused(value: "pruning", reason: "pruning stops a trial between epochs, and \(spec.kind.name) does not train for epochs; remove pruning or sweep model lstm"), .pruning))
                return nil
            }
            return TrainStage(model: spec, configPath: configPath, overrides: overrides, sweep: sweep)
        } catch let error as ConfiguredModelError {
            d.add(m.error(.refused(value: "\"\(written ?? "")\"", reason: "\(error.description)"), .config))
        } catch let error as ModelSpecError {
            d.add(m.error(.refused(value: kind?.name ?? "the config's model", reason: "\(error.description)"), m.node(.overrides) != nil ? .overrides : .model))
        } catch let error as ConfigError {
            d.add(error)
        } catch {
            d.add(m.error(.refused(value: kind?.name ?? "the config's model", reason: "\(error)"), .model))
        }
        return nil
    }

    static func overrides(_ m: ConfigMapping<OverrideKey>) throws(ConfigError) -> ModelOverrides {
        let epochs = try m.optionalInt(.epochs)
        if let epochs, epochs < 1 { throw m.error(.outOfRange(value: "\(epochs)", advice: "train for at least 1 epoch"), .epochs) }
        let seed = try m.optionalInt(.seed)
        if let seed, seed < 0 { throw m.error(.outOfRange(value: "\(seed)", advice: "use a seed ≥ 0"), .seed) }
        let growth: Growth? = try m.node(.growth) == nil ? nil : m.choice(.growth, default: Growth?.none).value
        let capacity = try m.optionalDouble(.capacity)
        return ModelOverrides(epochs: epochs, seed: seed.map { UInt64($0) }, growth: growth?.rawValue, capacity: capacity)
    }
}
