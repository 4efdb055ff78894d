/// Central finite-difference gradient: ∂f/∂x_i ≈ (f(x + h_i e_i) − f(x − h_i e_i)) / (2 h_i)
/// with h_i = relativeStep · max(|x_i|, 1). Truncation error O(h²); the default step
/// ε^{1/3} ≈ 6e-6 balances it against rounding for smooth f of order 1.
///
/// Returns f(x) as well, so callers pay 2n + 1 evaluations for value and gradient.
public func centralDifferenceGradient(
    at x: [Double], into gradient: inout [Double], relativeStep: Double = 6.055454452393343e-06,
    _ f: ([Double]) -> Double
) -> Double {
    let value = f(x)
    var probe = x
    if gradient.count != x.count { gradient = [Double](repeating: 0, count: x.count) }
    for i in x.indices {
        let h = relativeStep * max(abs(x[i]), 1)
        probe[i] = x[i] + h
        let up = f(probe)
        probe[i] = x[i] - h
        let down = f(probe)
        probe[i] = x[i]
        gradient[i] = (up - down) / (2 * h)
    }
    return value
}

/// Forward finite-difference gradient: ∂f/∂x_i ≈ (f(x + h_i e_i) − f(x)) / h_i with
/// h_i = relativeStep · max(|x_i|, 1); n + 1 evaluations instead of 2n + 1, truncation
/// error O(h) (≈ 1e-8 relative at the default √ε step).
public func forwardDifferenceGradient(
    at x: [Double], into gradient: inout [Double], relativeStep: Double = 1.4901161193847656e-08,
    _ f: ([Double]) -> Double
) -> Double {
    let value = f(x)
    var probe = x
    if gradient.count != x.count { gradient = [Double](repeating: 0, count: x.count) }
    for i in x.indices {
        let h = relativeStep * max(abs(x[i]), 1)
        probe[i] = x[i] + h
        gradient[i] = (f(probe) - value) / h
        probe[i] = x[i]
    }
    return value
}

/// `forwardDifferenceGradient` with the n + 1 points evaluated by one call of `values`
/// (x first, then x + h_i e_i in order), for objectives that evaluate several points
/// faster together than one at a time. Same steps and arithmetic: bit-identical to the
/// one-point form when `values` returns what f would.
public func forwardDifferenceGradient(
    at x: [Double], into gradient: inout [Double], relativeStep: Double = 1.4901161193847656e-08,
    batch values: ([[Double]]) -> [Double]
) -> Double {
    var points = [x]
    var steps = [Double](repeating: 0, count: x.count)
    for i in x.indices {
        let h = relativeStep * max(abs(x[i]), 1)
        steps[i] = h
        var probe = x
        probe[i] = x[i] + h
        points.append(probe)
    }
    let f = values(points)
    if gradient.count != x.count { gradient = [Double](repeating: 0, count: x.count) }
    for i in x.indices { gradient[i] = (f[i + 1] - f[0]) / steps[i] }
    return f[0]
}

/// `centralDifferenceGradient` with the 2n + 1 points evaluated by one call of `values`
/// (x, then x + h_i e_i and x − h_i e_i for each i); bit-identical to the one-point form.
public func centralDifferenceGradient(
    at x: [Double], into gradient: inout [Double], relativeStep: Double = 6.055454452393343e-06,
    batch values: ([[Double]]) -> [Double]
) -> Double {
    var points = [x]
    var steps = [Double](repeating: 0, count: x.count)
    for i in x.indices {
        let h = relativeStep * max(abs(x[i]), 1)
        steps[i] = h
        var probe = x
        probe[i] = x[i] + h
        points.append(probe)
        probe[i] = x[i] - h
        points.append(probe)
    }
    let f = values(points)
    if gradient.count != x.count { gradient = [Double](repeating: 0, count: x.count) }
    for i in x.indices { gradient[i] = (f[2 * i + 1] - f[2 * i + 2]) / (2 * steps[i]) }
    return f[0]
}
