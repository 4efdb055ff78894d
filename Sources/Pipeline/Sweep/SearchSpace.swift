import Foundation

/// The values one hyperparameter may take in a sweep.
///
/// - `choice`: categorical, any scalars (numbers, strings, booleans), drawn by index;
/// - `uniform(low, high)`: a real in [low, high];
/// - `logUniform(low, high)`: a real in [low, high], low > 0, uniform in log space
///   (log x ~ U[log low, log high]);
/// - `int(low, high, log)`: an integer in [low, high] (both inclusive); with `log`, low ≥ 1
///   and the integer is drawn uniform in log space over [log(low − ½), log(high + ½)] and
///   rounded, as Optuna's `IntDistribution(log=True)`.
public enum SearchDomain: Sendable, Hashable, Codable {
    case choice([ParamValue])
    case uniform(low: Double, high: Double)
    case logUniform(low: Double, high: Double)
    case int(low: Int, high: Int, log: Bool)

    /// As written in YAML: `[16, 32]`, `{uniform: [0.0, 0.5]}`, `{int: [1, 3], log: true}`.
    public var description: String {
        switch self {
        case .choice(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .uniform(let low, let high): "{uniform: [\(low), \(high)]}"
        case .logUniform(let low, let high): "{log_uniform: [\(low), \(high)]}"
        case .int(let low, let high, let log): "{int: [\(low), \(high)]\(log ? ", log: true" : "")}"
        }
    }

    /// Whether the domain is a continuum (needs a `grid:` count for grid search).
    public var isContinuous: Bool {
        switch self {
        case .uniform, .logUniform: true
        case .choice, .int: false
        }
    }
}

/// One named parameter of a search space. `name` is a config key path
/// (`model.hidden_size`, `training.learning_rate`); `gridPoints` is the number of evenly
/// spaced values grid search takes from a continuous domain (in log space for
/// `logUniform`), ignored by the other samplers.
public struct SearchParameter: Sendable, Hashable, Codable {
    public var name: String
    public var domain: SearchDomain
    public var gridPoints: Int?

    public init(_ name: String, _ domain: SearchDomain, gridPoints: Int? = nil) {
        self.name = name
        self.domain = domain
        self.gridPoints = gridPoints
    }
}

/// Why a search space cannot be built; each case names the parameter and the offending value.
public enum SearchSpaceError: Error, Sendable, Hashable, CustomStringConvertible {
    case duplicateName(String)
    case emptyChoice(parameter: String)
    case repeatedChoice(parameter: String, value: ParamValue)
    case nonScalarChoice(parameter: String, value: ParamValue)
    case nonFiniteBound(parameter: String, low: Double, high: Double)
    case emptyRange(parameter: String, low: String, high: String)
    case nonPositiveLogBound(parameter: String, low: String)
    case badGridPoints(parameter: String, count: Int)

    public var description: String {
        switch self {
        case .duplicateName(let name): "parameter `\(name)` appears twice; keep one"
        case .emptyChoice(let name): "`\(name)`: a choice needs at least one value"
        case .repeatedChoice(let name, let value): "`\(name)`: the choice \(value) is listed twice; list each value once"
        case .nonScalarChoice(let name, let value): "`\(name)`: the choice \(value) is a list; choices are numbers, strings or booleans"
        case .nonFiniteBound(let name, let low, let high): "`\(name)`: bounds [\(low), \(high)] must be finite"
        case .emptyRange(let name, let low, let high): "`\(name)`: the range [\(low), \(high)] is empty; write low < high (low ≤ high for integers)"
        case .nonPositiveLogBound(let name, let low): "`\(name)`: a log scale needs a low bound > 0 (≥ 1 for integers), not \(low)"
        case .badGridPoints(let name, let count): "`\(name)`: grid: \(count) is too few; use 2 or more points"
        }
    }
}

/// An ordered list of named parameters; the order is the declaration order (the YAML
/// mapping's), which fixes the grid's axes and the random streams of each parameter.
public struct SearchSpace: Sendable, Hashable, Codable {
    public let parameters: [SearchParameter]

    /// Checks every parameter: unique names, non-empty scalar choices without repeats,
    /// finite bounds with low < high (low ≤ high for `int`), low > 0 on a log scale
    /// (low ≥ 1 for a log `int`), `gridPoints` ≥ 2.
    public init(_ parameters: [SearchParameter]) throws(SearchSpaceError) {
        var seen = Set<String>()
        for parameter in parameters {
            guard seen.insert(parameter.name).inserted else { throw .duplicateName(parameter.name) }
            try Self.check(parameter)
        }
        self.parameters = parameters
    }

    public var names: [String] { parameters.map(\.name) }

    public func parameter(named name: String) -> SearchParameter? { parameters.first { $0.name == name } }

    static func check(_ p: SearchParameter) throws(SearchSpaceError) {
        if let count = p.gridPoints, count < 2 { throw .badGridPoints(parameter: p.name, count: count) }
        switch p.domain {
        case .choice(let values):
            guard !values.isEmpty else { throw .emptyChoice(parameter: p.name) }
            var seen = Set<ParamValue>()
            for value in values {
                if case .list = value { throw .nonScalarChoice(parameter: p.name, value: value) }
                guard seen.insert(value).inserted else { throw .repeatedChoice(parameter: p.name, value: value) }
            }
        case .uniform(let low, let high), .logUniform(let low, let high):
            guard low.isFinite, high.isFinite else { throw .nonFiniteBound(parameter: p.name, low: low, high: high) }
            guard low < high else { throw .emptyRange(parameter: p.name, low: "\(low)", high: "\(high)") }
            if case .logUniform = p.domain, low <= 0 { throw .nonPositiveLogBound(parameter: p.name, low: "\(low)") }
        case .int(let low, let high, let log):
            guard low <= high else { throw .emptyRange(parameter: p.name, low: "\(low)", high: "\(high)") }
            if log, low < 1 { throw .nonPositiveLogBound(parameter: p.name, low: "\(low)") }
        }
    }
}
