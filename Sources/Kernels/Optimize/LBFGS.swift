/// Limited-memory BFGS for smooth unconstrained minimisation (Nocedal & Wright 2006,
/// Algorithm 7.4 two-loop recursion, Algorithm 3.5/3.6 strong-Wolfe line search).
///
/// Shapes: x, g ∈ ℝⁿ; the last `memory` pairs (s_k = x_{k+1} − x_k, y_k = g_{k+1} − g_k)
/// define the inverse-Hessian approximation H_k, with H_k⁰ = (sᵀy / yᵀy)·I.
/// The search direction is d = −H_k g.
///
/// The objective writes its gradient into `gradient` (length n) and returns f(x). A
/// non-finite value is treated as "too far": the line search shrinks the step.
public struct LBFGS: Sendable {
    /// Number of (s, y) pairs kept (m).
    public var memory: Int
    /// Upper bound on outer iterations.
    public var maxIterations: Int
    /// Stop when ‖g‖∞ ≤ gradientTolerance.
    public var gradientTolerance: Double
    /// Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ relativeFunctionTolerance
    /// (scipy's `ftol`).
    public var relativeFunctionTolerance: Double
    /// Upper bound on objective evaluations in one line search.
    public var maxLineSearchEvaluations: Int

    public init(
        memory: Int = 10,
        maxIterations: Int = 200,
        gradientTolerance: Double = 1e-6,
        relativeFunctionTolerance: Double = 1e-12,
        maxLineSearchEvaluations: Int = 30
    ) {
        self.memory = max(1, memory)
        self.maxIterations = max(0, maxIterations)
        self.gradientTolerance = gradientTolerance
        self.relativeFunctionTolerance = relativeFunctionTolerance
        self.maxLineSearchEvaluations = max(2, maxLineSearchEvaluations)
    }

    /// Minimises `objective` from `start`.
    ///
    /// Throws when the objective or its gradient is not finite at `start`; every other
    /// ending (converged, iteration budget spent, line search stuck, `stop` said so)
    /// returns the best point found with its `OptimizationStatus`.
    ///
    /// - Parameter stop: called after every accepted step with the iteration number, the
    ///   point and its value; returning true ends the run with `.stoppedByCaller` (a
    ///   caller that will reject where the run is heading need not pay for the rest).
    public func minimize(
        from start: [Double],
        stop: ((_ iteration: Int, _ x: [Double], _ f: Double) -> Bool)? = nil,
        _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) throws(OptimizationError) -> OptimizationResult {
        let n = start.count
        var x = start
        var (f, g) = try evaluateStart(start, objective)
        var evaluations = 1
        if n == 0 || infinityNorm(g) <= gradientTolerance {
            return OptimizationResult(point: x, value: f, gradient: g, iterations: 0, evaluations: evaluations, status: .gradientConverged)
        }

        var sHistory: [[Double]] = [], yHistory: [[Double]] = [], rhoHistory: [Double] = []
        var direction = [Double](repeating: 0, count: n)
        var alpha = [Double](repeating: 0, count: memory)
        var iteration = 0
        var status = OptimizationStatus.maxIterations

        while iteration < maxIterations {
            iteration += 1
            // Two-loop recursion: direction = −H g.
            var q = g
            let k = sHistory.count
            for i in stride(from: k - 1, through: 0, by: -1) {
                let a = rhoHistory[i] * dot(sHistory[i], q)
                alpha[i] = a
                axpy(-a, yHistory[i], &q)
            }
            if k > 0 {
                let gamma = dot(sHistory[k - 1], yHistory[k - 1]) / dot(yHistory[k - 1], yHistory[k - 1])
                for j in 0..<n { q[j] *= gamma }
            } else {
                // First step: unit-length steepest descent, like scipy's first trial.
                let scale = 1 / max(infinityNorm(g), 1)
                for j in 0..<n { q[j] *= scale }
            }
            for i in 0..<k {
                let b = rhoHistory[i] * dot(yHistory[i], q)
                axpy(alpha[i] - b, sHistory[i], &q)
            }
            for j in 0..<n { direction[j] = -q[j] }
            var slope = dot(g, direction)
            if !(slope < 0) {
                // Not a descent direction (curvature information went stale): restart.
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                let scale = 1 / max(infinityNorm(g), 1)
                for j in 0..<n { direction[j] = -g[j] * scale }
                slope = dot(g, direction)
            }

            let search = WolfeLineSearch(maxEvaluations: maxLineSearchEvaluations)
            let step = search.run(x: x, f: f, g: g, direction: direction, slope: slope, objective)
            evaluations += step.evaluations
            guard let accepted = step.accepted else {
                status = .lineSearchFailed
                break
            }
            var s = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
            for j in 0..<n {
                s[j] = accepted.x[j] - x[j]
                y[j] = accepted.g[j] - g[j]
            }
            let previous = f
            x = accepted.x; f = accepted.f; g = accepted.g

            let sy = dot(s, y)
            if sy > 1e-12 * dot(y, y).squareRoot() * dot(s, s).squareRoot() && sy > 0 {
                if sHistory.count == memory {
                    sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst()
                }
                sHistory.append(s); yHistory.append(y); rhoHistory.append(1 / sy)
            }
            if infinityNorm(g) <= gradientTolerance { status = .gradientConverged; break }
            if let stop, stop(iteration, x, f) { status = .stoppedByCaller; break }
            if (previous - f) / max(abs(previous), abs(f), 1) <= relativeFunctionTolerance {
                status = .functionConverged
                break
            }
        }
        return OptimizationResult(point: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations, status: status)
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

@inline(__always) func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for i in x.indices { y[i] += a * x[i] }
}

@inline(__always) func infinityNorm(_ a: [Double]) -> Double {
    var m = 0.0
    for v in a { m = max(m, abs(v)) }
    return m
}
