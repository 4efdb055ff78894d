/// Supervised samples cut from a feature matrix [n × f] and a target vector [n].
///
/// For sample i with origin t = origins[i], horizons h_0 … h_{H−1}, P = h_max:
///
///     inputs[(i·L + j)·f + c] = features[t − L + 1 + j, c]     j = 0 … L−1   shape [count × L × f]
///     targets[i·H + m]        = target[t + h_m]                m = 0 … H−1   shape [count × H]
///     paths[i·P + j]          = target[t + 1 + j]              j = 0 … P−1   shape [count × P]
///
/// all row-major. `paths` is nil unless the spec asks for it.
public struct WindowSamples: Sendable, Equatable {
    public let spec: WindowSpec
    public let featureCount: Int
    public let origins: [Int]
    public let inputs: [Double]
    public let targets: [Double]
    public let paths: [Double]?

    public var count: Int { origins.count }

    /// Input block of sample i, [L × f] row-major.
    public func input(_ i: Int) -> ArraySlice<Double> {
        let size = spec.length * featureCount
        return inputs[(i * size)..<((i + 1) * size)]
    }

    /// Targets of sample i, one per horizon.
    public func target(_ i: Int) -> ArraySlice<Double> {
        let h = spec.horizons.count
        return targets[(i * h)..<((i + 1) * h)]
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
        let f = features.columns, length = spec.length, pathLength = spec.maxHorizon
        var inputs: [Double] = []
        inputs.reserveCapacity(origins.count * length * f)
        var targets: [Double] = []
        targets.reserveCapacity(origins.count * spec.horizons.count)
        var paths: [Double]? = spec.includePaths ? [] : nil
        for t in origins {
            let firstRow = t - length + 1
            inputs.append(contentsOf: features.values[(firstRow * f)..<((t + 1) * f)])
            for h in spec.horizons { targets.append(target[t + h]) }
            if spec.includePaths { paths?.append(contentsOf: target[(t + 1)...(t + pathLength)]) }
        }
        return WindowSamples(
            spec: spec, featureCount: f, origins: origins, inputs: inputs, targets: targets, paths: paths)
    }
}
