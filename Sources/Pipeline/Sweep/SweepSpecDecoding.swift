import Yams

/// Reading `sweep:` from the pipeline YAML, with every error at its key path and
/// `file:line:column` (docs/formats/pipeline-yaml.md, "sweep"):
///
/// ```yaml
/// sweep:
///   method: tpe                  # grid | random | tpe (default tpe)
///   multivariate: true           # tpe only: one joint estimator (default) or one per parameter
///   seed: 7                      # default 42
///   trials: 40                   # and/or time_budget: 10m
///   objective: min metrics.val_mae_15m
///   parameters:
///     model.hidden_size: [32, 64, 128]                    # choice
///     training.learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}
///     model.dropout: {uniform: [0.0, 0.5]}
///     model.num_layers: {int: [1, 3]}
///     data.window_size: {int: [60, 480], log: true}
///   pruning: {method: asha, min_epochs: 1, reduction_factor: 3}
///   max_attempts: 3              # claims of a trial whose worker keeps dying (default 3)
/// ```
extension SweepSpec {
    enum Key: String, CaseIterable {
        case method, multivariate, seed, trials, timeBudget = "time_budget", objective, parameters, pruning
        case maxAttempts = "max_attempts"
    }

    /// The keys of one parameter's mapping.
    enum DomainKey: String, CaseIterable {
        case uniform, logUniform = "log_uniform", int, log, grid
    }

    enum PruningKey: String, CaseIterable {
        case method, minEpochs = "min_epochs", reductionFactor = "reduction_factor"
        case minEarlyStoppingRate = "min_early_stopping_rate"
    }

    enum PruningMethod: String, CaseIterable { case asha }

    /// Every bad key and value is recorded (inside one parameter, the first); nil when any was.
    static func decode(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> SweepSpec? {
        let before = d.errors.count
        let method = d.value(Method.tpe) { () throws(ConfigError) in try m.choice(.method, default: Method.tpe).value }
        let multivariate = d.value(true) { () throws(ConfigError) in
            guard m.node(.multivariate) != nil else { return true }
            let value = try m.bool(.multivariate, default: true).value
            guard method == .tpe else {
                throw m.error(.refused(value: "multivariate: \(value)", reason: "it chooses how TPE models the parameters, and the method is \(method.rawValue); remove it or use method: tpe"), .multivariate)
            }
            return value
        }
        let seed = d.value(0) { () throws(ConfigError) in
            try m.int(.seed, default: 42).requiring({ $0 >= 0 }, "use a seed ≥ 0")
        }
        let trials = d.value(nil) { () throws(ConfigError) -> Int? in
            let trials = try m.optionalInt(.trials)
            if let trials, trials < 1 { throw m.error(.outOfRange(value: "\(trials)", advice: "run at least 1 trial"), .trials) }
            return trials
        }
        let seconds = d.value(nil) { () throws(ConfigError) -> Double? in
            guard m.node(.timeBudget) != nil else { return nil }
            let seconds = try m.interval(.timeBudget, default: nil, example: "time_budget: 10m")
            guard seconds > 0 else { throw m.error(.outOfRange(value: "\(seconds.secondsText)s", advice: "give a positive time, e.g. 10m"), .timeBudget) }
            return seconds
        }
        let maxAttempts = d.value(SweepSpec.defaultMaxAttempts) { () throws(ConfigError) in
            try m.int(.maxAttempts, default: SweepSpec.defaultMaxAttempts).requiring({ $0 >= 1 }, "give each trial at least 1 attempt, e.g. max_attempts: 3")
        }
        let objective = d.check { () throws(ConfigError) in try parseObjective(m) }
        let space = decodeSpace(m, diagnostics: &d)
        let pruning = decodePruning(m, diagnostics: &d)
        if method != .grid, trials == nil, seconds == nil {
            d.add(ConfigError(.missingKey(example: "trials: 20` or `time_budget: 10m"), keyPath: m.keyPath(.trials), location: m.location))
        }
        if method == .grid, let space {
            do {
                _ = try GridSampler.total(of: space)
            } catch {
                let (path, location) = parameterPosition(m, error)
                d.add(ConfigError(.refused(value: "method: grid", reason: "\(error.description)"), keyPath: path, location: location))
            }
        }
        guard d.errors.count == before, let objective, let space, let pruning else { return nil }
        return SweepSpec(method: method, seed: UInt64(seed), space: space, budget: SweepBudget(trials: trials, seconds: seconds),
                         objective: objective, pruning: pruning.value, multivariate: multivariate, maxAttempts: maxAttempts)
    }

    /// `objective:` parsed as `select`'s `best:`.
    private static func parseObjective(_ m: ConfigMapping<Key>) throws(ConfigError) -> SweepObjective {
        let text = try m.requiredString(.objective, example: "objective: min metrics.val_mae_15m")
        do {
            return try SweepObjective(parsing: text)
        } catch {
            throw m.error(.refused(value: "\"\(text)\"", reason: error.reason), .objective)
        }
    }

    /// Where a grid error belongs: the continuous parameter it names, else `parameters`.
    private static func parameterPosition(_ m: ConfigMapping<Key>, _ error: SamplerError) -> (String, ConfigLocation) {
        guard case .continuousWithoutGrid(let name, _) = error, let node = m.node(.parameters), case .mapping(let mapping) = node else {
            return (m.keyPath(.parameters), m.location(.parameters))
        }
        for (keyNode, valueNode) in mapping where keyNode.string == name {
            return ("\(m.keyPath(.parameters)).\(name)", ConfigMapping<Key>.location(of: valueNode, file: m.file, fallback: m.location(.parameters)))
        }
        return (m.keyPath(.parameters), m.location(.parameters))
    }

    /// `parameters:` in file order; every bad parameter is recorded.
    private static func decodeSpace(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> SearchSpace? {
        typealias M = ConfigMapping<Key>
        let path = m.keyPath(.parameters)
        guard let node = m.node(.parameters), !M.isNull(node) else {
            d.add(ConfigError(.missingKey(example: "parameters: {model.hidden_size: [32, 64, 128]}"), keyPath: path, location: m.location))
            return nil
        }
        let here = m.location(.parameters)
        guard case .mapping(let mapping) = node, !mapping.isEmpty else {
            d.add(ConfigError(.wrongType(expected: "a mapping of config keys to values or ranges", got: M.describe(node), defaultValue: nil),
                              keyPath: path, location: here))
            return nil
        }
        var parameters: [SearchParameter] = []
        var failed = false
        for (keyNode, valueNode) in mapping {
            let keyLocation = M.location(of: keyNode, file: m.file, fallback: here)
            guard case .scalar(let scalar) = keyNode else {
                d.add(ConfigError(.wrongType(expected: "a config key such as model.hidden_size", got: M.describe(keyNode), defaultValue: nil),
                                  keyPath: path, location: keyLocation))
                failed = true
                continue
            }
            let name = scalar.string
            let parameter = d.check { () throws(ConfigError) in
                try decodeParameter(name, valueNode, path: "\(path).\(name)", keyLocation: keyLocation, file: m.file)
            }
            if let parameter { parameters.append(parameter) } else { failed = true }
        }
        guard !failed else { return nil }
        do {
            return try SearchSpace(parameters)
        } catch {
            // Names are unique in a YAML mapping and each parameter was checked alone.
            d.add(ConfigError(.refused(value: "parameters", reason: error.description), keyPath: path, location: here))
            return nil
        }
    }

    /// One parameter: its name checked against the config's keys, its domain, then the
    /// domain's values against the config's own checks.
    private static func decodeParameter(
        _ name: String, _ node: Node, path: String, keyLocation: ConfigLocation, file: String
    ) throws(ConfigError) -> SearchParameter {
        typealias M = ConfigMapping<DomainKey>
        guard ConfigKeys.sweepable.contains(name) else {
            if let reason = ConfigKeys.sweepRefusal(name), ConfigKeys.all.contains(name) {
                throw ConfigError(.refused(value: "`\(name)`", reason: "a sweep cannot vary it: \(reason)"), keyPath: path, location: keyLocation)
            }
            throw ConfigError(.unknownKey(name, suggestions: M.suggestions(for: name, in: ConfigKeys.sweepable), allowed: ConfigKeys.sweepable),
                              keyPath: path, location: keyLocation)
        }
        let here = M.location(of: node, file: file, fallback: keyLocation)
        let parameter = try decodeDomain(name, node, path: path, here: here, file: file)
        do {
            try SearchSpace.check(parameter)
        } catch {
            throw ConfigError(.refused(value: parameter.domain.description, reason: error.description), keyPath: path, location: here)
        }
        for value in probeValues(parameter.domain) {
            if let refusal = ConfigKeys.refusal(of: value, at: name) {
                let hint = refusal.expectsInteger && parameter.domain.isContinuous ? "; write {int: [a, b]} or a list of integers" : ""
                throw ConfigError(.refused(value: parameter.domain.description, reason: "\(refusal.reason); the config refuses \(value)\(hint)"),
                                  keyPath: path, location: here)
            }
        }
        return parameter
    }

    /// A list (choice) or a mapping with one of `uniform`, `log_uniform`, `int`.
    private static func decodeDomain(_ name: String, _ node: Node, path: String, here: ConfigLocation, file: String) throws(ConfigError) -> SearchParameter {
        typealias M = ConfigMapping<DomainKey>
        let expected = "a list of values or a mapping {uniform: [a, b]}, {log_uniform: [a, b]} or {int: [a, b]}"
        switch node {
        case .sequence:
            guard let value = try ParamValue.decode(node, keyPath: path, file: file, fallback: here), case .list(let values) = value else {
                throw ConfigError(.wrongType(expected: expected, got: M.describe(node), defaultValue: nil), keyPath: path, location: here)
            }
            return SearchParameter(name, .choice(values))
        case .mapping:
            let m = try M(node, path: path, file: file, fallback: here)
            let ranges = [DomainKey.uniform, .logUniform, .int].filter { m.node($0) != nil }
            guard let kind = ranges.first else {
                throw ConfigError(.missingKey(example: "uniform: [0.0, 0.5]` or `log_uniform: [1.0e-4, 1.0e-2]` or `int: [1, 3]"), keyPath: path, location: here)
            }
            guard ranges.count == 1 else {
                throw m.error(.refused(value: ranges.map(\.rawValue).joined(separator: " and "), reason: "give one range: uniform, log_uniform or int"), ranges[1])
            }
            let grid = try m.optionalInt(.grid)
            if let grid, grid < 2 { throw m.error(.outOfRange(value: "\(grid)", advice: "use 2 or more grid points"), .grid) }
            let log = try m.node(.log) == nil ? nil : m.bool(.log, default: false).value
            if log != nil, kind != .int {
                throw m.error(.refused(value: "log", reason: "log applies to int ranges; write log_uniform: [a, b] for a real on a log scale"), .log)
            }
            let domain: SearchDomain
            if kind == .int {
                let bounds = try m.ints(.int, default: []).requiring({ $0.count == 2 }, "give [low, high], e.g. [1, 3]")
                domain = .int(low: bounds[0], high: bounds[1], log: log ?? false)
            } else {
                let bounds = try m.doubles(kind, default: []).requiring({ $0.count == 2 }, "give [low, high], e.g. [0.0, 0.5]")
                domain = kind == .uniform ? .uniform(low: bounds[0], high: bounds[1]) : .logUniform(low: bounds[0], high: bounds[1])
            }
            return SearchParameter(name, domain, gridPoints: grid)
        default:
            throw ConfigError(.wrongType(expected: expected, got: M.describe(node), defaultValue: nil), keyPath: path, location: here)
        }
    }

    /// The values checked against the config: every choice, or both ends of a range.
    private static func probeValues(_ domain: SearchDomain) -> [ParamValue] {
        switch domain {
        case .choice(let values): values
        case .uniform(let low, let high), .logUniform(let low, let high): [.double(low), .double(high)]
        case .int(let low, let high, _): [.int(low), .int(high)]
        }
    }

    /// `pruning:` (asha only); `.value` nil when absent, nil itself when it had errors.
    private static func decodePruning(_ m: ConfigMapping<Key>, diagnostics d: inout SpecDiagnostics) -> Decoded<SuccessiveHalvingPruner?>? {
        guard m.node(.pruning) != nil else { return Decoded(value: nil) }
        guard let p = d.section(m, .pruning, keys: PruningKey.self) else { return nil }
        let before = d.errors.count
        _ = d.check { () throws(ConfigError) in try p.choice(.method, default: PruningMethod.asha).value }
        let minEpochs = d.value(1) { () throws(ConfigError) in try p.int(.minEpochs, default: 1).requiring({ $0 >= 1 }, "use at least 1 epoch") }
        let factor = d.value(3) { () throws(ConfigError) in
            try p.int(.reductionFactor, default: 3).requiring({ $0 >= 2 }, "use 2 or more (3 keeps the best third at each rung)")
        }
        let rate = d.value(0) { () throws(ConfigError) in
            try p.int(.minEarlyStoppingRate, default: 0).requiring({ $0 >= 0 }, "use 0 or more")
        }
        guard d.errors.count == before else { return nil }
        do {
            return Decoded(value: try SuccessiveHalvingPruner(minResource: minEpochs, reductionFactor: factor, minEarlyStoppingRate: rate))
        } catch {
            d.add(ConfigError(.refused(value: "pruning", reason: error.description), keyPath: m.keyPath(.pruning), location: m.location(.pruning)))
            return nil
        }
    }
}

/// A decoded value that may itself be nil (an absent optional block), told apart from a
/// block that had errors (the `Decoded?` is nil).
struct Decoded<Value> {
    let value: Value
}
