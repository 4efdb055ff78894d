import Foundation
import Kernels

/// Grid search: the cross product of every parameter's values, each point once.
///
/// Values per parameter: a `choice`'s values; every integer of an `int` range (or, with
/// `gridPoints` N, N evenly spaced values rounded, repeats dropped; log-spaced on a log
/// scale); N evenly spaced values of a `uniform` (`low + i·(high − low)/(N − 1)`) or
/// `logUniform` (evenly spaced in log space) range, which needs `gridPoints` and is
/// refused without (`SamplerError.continuousWithoutGrid`).
///
/// Order: point j is the mixed-radix number j over the parameters in declaration order
/// (the first varies slowest). Trial k gets point π(k), where π is a permutation of
/// 0..<total shuffled by Fisher–Yates with a generator derived from the seed alone, so a
/// sweep stopped early by its budget has covered the space evenly, and trial k's point
/// does not depend on what ran before. `total` tells the budget where the grid ends.
public struct GridSampler: SweepSampler, Sendable, Hashable {
    public var seed: UInt64
    /// The largest grid enumerated (the permutation is built in full for each suggestion).
    public static let maximumPoints = 1_000_000

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The number of points of the grid over `space`.
    public static func total(of space: SearchSpace) throws(SamplerError) -> Int {
        try axes(space).reduce(1) { $0 * $1.count }
    }

    public func suggest(space: SearchSpace, history: [CompletedTrial], trialNumber: Int) throws(SamplerError) -> TrialParameters {
        guard trialNumber >= 0 else { throw .negativeTrialNumber(trialNumber) }
        let axes = try Self.axes(space)
        let total = axes.reduce(1) { $0 * $1.count }
        guard trialNumber < total else { throw .gridExhausted(trialNumber: trialNumber, total: total) }
        var index = permutation(total)[trialNumber]
        var values = [ParamValue](repeating: .int(0), count: axes.count)
        for i in axes.indices.reversed() {
            values[i] = axes[i][index % axes[i].count]
            index /= axes[i].count
        }
        return TrialParameters(zip(space.names, values).map { ($0, $1) })
    }

    /// The trial order: a seeded shuffle of 0..<total.
    func permutation(_ total: Int) -> [Int] {
        var order = Array(0..<total)
        var g = TrialRandomness.gridGenerator(seed: seed)
        for i in stride(from: total - 1, to: 0, by: -1) {
            order.swapAt(i, TrialRandomness.index(i + 1, &g))
        }
        return order
    }

    /// Each parameter's grid values, in declaration order; refuses grids over the maximum.
    static func axes(_ space: SearchSpace) throws(SamplerError) -> [[ParamValue]] {
        var axes: [[ParamValue]] = []
        var total = 1.0
        for parameter in space.parameters {
            let values = try values(of: parameter)
            total *= Double(values.count)
            guard total <= Double(maximumPoints) else {
                throw .gridTooLarge(points: total < 1e18 ? String(Int(total)) : "\(total)", limit: maximumPoints)
            }
            axes.append(values)
        }
        return axes
    }

    static func values(of parameter: SearchParameter) throws(SamplerError) -> [ParamValue] {
        switch parameter.domain {
        case .choice(let values):
            return values
        case .int(let low, let high, let log):
            guard let n = parameter.gridPoints, n < high - low + 1 else {
                guard high - low < maximumPoints else { throw .gridTooLarge(points: "\(high - low + 1)", limit: maximumPoints) }
                return (low...high).map { .int($0) }
            }
            var seen = Set<Int>()
            return spaced(Double(low), Double(high), n, log: log).compactMap { x in
                let v = min(max(Int(x.rounded()), low), high)
                return seen.insert(v).inserted ? .int(v) : nil
            }
        case .uniform(let low, let high), .logUniform(let low, let high):
            guard let n = parameter.gridPoints else {
                throw .continuousWithoutGrid(parameter: parameter.name, domain: parameter.domain.description)
            }
            if case .logUniform = parameter.domain { return spaced(low, high, n, log: true).map { .double($0) } }
            return spaced(low, high, n, log: false).map { .double($0) }
        }
    }

    /// n ≥ 2 evenly spaced values from a to b inclusive (in log space when `log`), the
    /// ends exact.
    static func spaced(_ a: Double, _ b: Double, _ n: Int, log: Bool) -> [Double] {
        (0..<n).map { i in
            if i == 0 { return a }
            if i == n - 1 { return b }
            let t = Double(i) / Double(n - 1)
            return log ? exp(Foundation.log(a) + t * (Foundation.log(b) - Foundation.log(a))) : a + t * (b - a)
        }
    }
}
