/// Supervised samples cut from a feature matrix [n × f] and a target vector [n].
///
/// For sample i with origin t = origins[i], horizons h_0 … h_{H−1}, P = h_max:
///
///     input(i)[j·f + c] = features[t − L + 1 + j, c]     j = 0 … L−1   shape [L × f]
///     targets[i·H + m]  = target[t + h_m]                m = 0 … H−1   shape [count × H]
///     paths[i·P + j]    = target[t + 1 + j]              j = 0 … P−1   shape [count × P]
///
/// all row-major. Windows overlap, so inputs are not copied: the L rows ending at t are
/// contiguous in the row-major feature matrix and `input(i)` is a slice of it (memory
/// O(n·f) instead of O(count·L·f)); `inputs(for:)` gathers a mini-batch [B × L × f].
/// `paths` is nil unless the spec asks for it.
public struct WindowSamples: Sendable, Equatable {
    public let spec: WindowSpec
    public let features: FeatureMatrix
    public let origins: [Int]
    public let targets: [Double]
    public let paths: [Double]?

    public var count: Int { origins.count }
    public var featureCount: Int { features.columns }

    /// Input block of sample i, [L × f] row-major, a view into `features.values`.
    public func input(_ i: Int) -> ArraySlice<Double> {
        let f = features.columns, t = origins[i]
        return features.values[((t - spec.length + 1) * f)..<((t + 1) * f)]
    }

    /// Targets of sample i, one per horizon.
    public func target(_ i: Int) -> ArraySlice<Double> {
        let h = spec.horizons.count
        return targets[(i * h)..<((i + 1) * h)]
    }

    /// Inputs of the samples `indices` (for example a shuffled mini-batch), stacked:
    /// shape [B × L × f] row-major, B = indices.count.
    public func inputs(for indices: some Collection<Int>) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(indices.count * spec.length * features.columns)
        for i in indices { out.append(contentsOf: input(i)) }
        return out
    }

    /// Targets of the samples `indices`, stacked: shape [B × H] row-major.
    public func targets(for indices: some Collection<Int>) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(indices.count * spec.horizons.count)
        for i in indices { out.append(contentsOf: target(i)) }
        return out
    }
}

public enum SlidingWindows {
    /// Cuts every sample whose origin lies in `range` (see `OriginRange.origins(for:)`).
    public static func make(
        features: FeatureMatrix, target: [Double], spec: WindowSpec, range: OriginRange
    ) throws(WindowError) -> WindowSamples {
        guard target.count == features.rows else {
            throw .targetLengthMismatch(rows: features.rows, targets: target.count)
        }
        guard range.lastTargetIndex < features.rows else {
            throw .rangeBeyondSeries(lastTargetIndex: range.lastTargetIndex, count: features.rows)
        }
        let origins = range.origins(for: spec)
        let pathLength = spec.maxHorizon
        var targets: [Double] = []
        targets.reserveCapacity(origins.count * spec.horizons.count)
        var paths: [Double]? = spec.includePaths ? [] : nil
        for t in origins {
            for h in spec.horizons { targets.append(target[t + h]) }
            if spec.includePaths { paths?.append(contentsOf: target[(t + 1)...(t + pathLength)]) }
        }
        return WindowSamples(
            spec: spec, features: features, origins: origins, targets: targets, paths: paths)
    }
}
