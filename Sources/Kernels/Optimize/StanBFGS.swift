import Foundation

/// Stan's quasi-Newton optimiser (CmdStan `optimize algorithm=lbfgs|bfgs`, the one prophet
/// runs), rewritten from the description of stan/optimization/bfgs.hpp, lbfgs_update.hpp
/// and bfgs_update.hpp, so that a model fitted here stops where CmdStan stops — not at a
/// better optimum. Defaults are CmdStan's.
///
/// Iteration k (x_k, f_k, g_k current; p the search direction, −g₀ at the start):
///  1. First trial step: `initialStep` (init_alpha) on iteration 1 and after a reset;
///     otherwise min(1, 1.01 · c*) with c* the minimiser on [1e-12, 1] of the cubic through
///     φ(0) = 0, φ′(0) = g_{k−1}·p_{k−1}, φ(α_{k−1}) = f_k − f_{k−1}, φ′(α_{k−1}) = g_k·p_{k−1}
///     (`StanLineSearch.cubicMinimum`).
///  2. Strong-Wolfe line search (`StanLineSearch`, c₁ = 1e-4, c₂ = 0.9). If it fails, reset
///     once (p ← −g_k, first trial `initialStep`, forget the curvature pairs) and retry; if
///     it fails after a reset the run ends with `.lineSearchFailed` at x_k.
///  3. s = x_{k+1} − x_k, y = g_{k+1} − g_k. After a reset (and on iteration 1) the update
///     restarts from H₀ = (sᵀy / yᵀy) I and the previous step is rescaled by B₀ = yᵀy / sᵀy
///     (p ← p / B₀, α ← α B₀) for the next cubic guess. L-BFGS keeps the last `history`
///     pairs (two-loop recursion with γ = sᵀy / yᵀy); dense BFGS updates
///     H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy. New direction p = −H g_{k+1}.
///     There is no descent or curvature safeguard (Stan has none).
///  4. Convergence, tested in this order:
///     |f_k − f_{k+1}| < `absoluteObjectiveTolerance` (tol_obj) → `.absoluteObjective`;
///     ‖g_{k+1}‖₂ < `absoluteGradientTolerance` (tol_grad) → `.absoluteGradient`;
///     ‖s‖₂ < `parameterTolerance` (tol_param) → `.absoluteParameter`;
///     k + 1 ≥ `maxIterations` → `.maxIterations`;
///     |f_k − f_{k+1}| / max(|f_k|, |f_{k+1}|, 1) < `relativeObjectiveTolerance` · ε → `.relativeObjective`;
///     −pᵀg_{k+1} / max(|f_{k+1}|, 1) < `relativeGradientTolerance` · ε → `.relativeGradient`
///     (ε = 2.2e-16, p the new direction: the gradient's size in the inverse-Hessian metric).
///
/// A failed evaluation is a non-finite value or gradient; the line search backs off from it.
public struct StanBFGS: Sendable {
    /// The quasi-Newton approximation.
    public enum Update: Sendable, Equatable {
        /// L-BFGS with the last `history` (s, y) pairs (CmdStan `history_size`, default 5).
        case limitedMemory(history: Int)
        /// Dense inverse-Hessian BFGS (CmdStan `algorithm=bfgs`).
        case dense
    }

    public var update: Update
    /// First trial step on the first iteration and after a reset (init_alpha).
    public var initialStep: Double
    public var absoluteObjectiveTolerance: Double
    /// In units of machine epsilon (tol_rel_obj).
    public var relativeObjectiveTolerance: Double
    public var absoluteGradientTolerance: Double
    /// In units of machine epsilon (tol_rel_grad).
    public var relativeGradientTolerance: Double
    /// On ‖x_{k+1} − x_k‖₂ (tol_param).
    public var parameterTolerance: Double
    /// CmdStan `iter` (its default is 2000; prophet passes 10000).
    public var maxIterations: Int

    public init(
        update: Update = .limitedMemory(history: 5), initialStep: Double = 1e-3,
        absoluteObjectiveTolerance: Double = 1e-12, relativeObjectiveTolerance: Double = 1e4,
        absoluteGradientTolerance: Double = 1e-8, relativeGradientTolerance: Double = 1e7,
        parameterTolerance: Double = 1e-8, maxIterations: Int = 2000
    ) {
        self.update = update
        self.initialStep = initialStep
        self.absoluteObjectiveTolerance = absoluteObjectiveTolerance
        self.relativeObjectiveTolerance = relativeObjectiveTolerance
        self.absoluteGradientTolerance = absoluteGradientTolerance
        self.relativeGradientTolerance = relativeGradientTolerance
        self.parameterTolerance = parameterTolerance
        self.maxIterations = max(1, maxIterations)
    }

    /// Why the run ended; raw values are Stan's `TerminationCondition` codes.
    public enum Termination: Int, Sendable, Codable, Equatable {
        case absoluteParameter = 10
        case absoluteObjective = 20
        case relativeObjective = 21
        case absoluteGradient = 30
        case relativeGradient = 31
        case maxIterations = 40
        case lineSearchFailed = -1

        /// CmdStan reports every ending but a failed line search as "terminated normally".
        public var isNormal: Bool { self != .lineSearchFailed }

        public var status: OptimizationStatus {
            switch self {
            case .absoluteParameter, .absoluteObjective, .relativeObjective: return .functionConverged
            case .absoluteGradient, .relativeGradient: return .gradientConverged
            case .maxIterations: return .maxIterations
            case .lineSearchFailed: return .lineSearchFailed
            }
        }
    }

    /// The point where the run stopped, and why.
    public struct Result: Sendable, Equatable {
        public var point: [Double]
        public var value: Double
        public var gradient: [Double]
        public var iterations: Int
        public var evaluations: Int
        public var termination: Termination
    }

    /// One accepted iteration, as CmdStan prints it with `refresh=1`.
    public struct Iteration: Sendable, Equatable {
        public var number: Int
        /// f after the step (CmdStan prints −f, the log density).
        public var value: Double
        /// ‖x_{k+1} − x_k‖₂ as Stan reports it: ‖p_k‖ · α_k after the reset rescaling.
        public var stepNorm: Double
        public var gradientNorm: Double
        /// The accepted step and the first trial step of the line search.
        public var alpha: Double
        public var initialAlpha: Double
        /// Objective evaluations so far.
        public var evaluations: Int
    }

    /// Minimises `objective` from `start`. Throws when the objective or its gradient is not
    /// finite at `start` (CmdStan refuses such an initial point). `observe`, when given,
    /// sees every accepted iteration.
    public func minimize(
        from start: [Double],
        observe: ((Iteration) -> Void)? = nil,
        _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) throws(OptimizationError) -> Result {
        let n = start.count
        var x = start
        var (f, g) = try evaluateStart(start, objective)
        var evaluations = 1

        let search = StanLineSearch(c1: 1e-4, c2: 0.9, minStep: 1e-12, maxIterations: 20, maxRestarts: 10)
        var approximation = StanInverseHessian(update: update, dimension: n)
        var p = g.map { -$0 }
        var previousP = p, previousG = g, previousF = f, previousAlpha = 0.0
        var iteration = 0
        while true {
            iteration += 1
            var reset = iteration == 1 ? 1 : 0
            var accepted: StanLineSearch.Trial? = nil
            var alpha = initialStep, firstTrial = initialStep
            while accepted == nil {
                if reset != 0 { p = g.map { -$0 } }
                if iteration > 1 && reset != 2 {
                    let guess = StanLineSearch.cubicMinimum(
                        d0: dot(previousG, previousP), a1: previousAlpha, f1: f - previousF, d1: dot(g, previousP),
                        lo: 1e-12, hi: 1)
                    alpha = min(1, 1.01 * guess)
                } else {
                    alpha = initialStep
                }
                firstTrial = alpha
                accepted = search.run(x0: x, f0: f, g0: g, direction: p, initialStep: alpha,
                                      evaluations: &evaluations, objective)
                if accepted == nil {
                    if reset != 0 {
                        return Result(point: x, value: f, gradient: g, iterations: iteration,
                                      evaluations: evaluations, termination: .lineSearchFailed)
                    }
                    reset = 2
                }
            }
            guard let next = accepted else { break }
            var s = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
            for j in 0..<n { s[j] = next.x[j] - x[j]; y[j] = next.g[j] - g[j] }
            previousF = f; previousG = g; previousP = p
            x = next.x; f = next.f; g = next.g
            alpha = next.alpha
            let gradientNorm = dot(g, g).squareRoot(), stepNorm = dot(s, s).squareRoot()

            if reset != 0 {
                let scale = approximation.restart(s: s, y: y)
                for j in 0..<n { previousP[j] /= scale }
                previousAlpha = alpha * scale
            } else {
                approximation.add(s: s, y: y)
                previousAlpha = alpha
            }
            p = approximation.direction(for: g)
            observe?(Iteration(number: iteration, value: f, stepNorm: dot(previousP, previousP).squareRoot() * previousAlpha,
                               gradientNorm: gradientNorm, alpha: alpha, initialAlpha: firstTrial, evaluations: evaluations))

            let change = abs(previousF - f)
            let termination: Termination?
            if change < absoluteObjectiveTolerance {
                termination = .absoluteObjective
            } else if gradientNorm < absoluteGradientTolerance {
                termination = .absoluteGradient
            } else if stepNorm < parameterTolerance {
                termination = .absoluteParameter
            } else if iteration >= maxIterations {
                termination = .maxIterations
            } else if change / max(abs(previousF), abs(f), 1) < relativeObjectiveTolerance * Double.ulpOfOne {
                termination = .relativeObjective
            } else if -dot(p, g) / max(abs(f), 1) < relativeGradientTolerance * Double.ulpOfOne {
                termination = .relativeGradient
            } else {
                termination = nil
            }
            if let termination {
                return Result(point: x, value: f, gradient: g, iterations: iteration,
                              evaluations: evaluations, termination: termination)
            }
        }
        return Result(point: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
                      termination: .lineSearchFailed)
    }
}

/// The inverse-Hessian approximation H of `StanBFGS`: L-BFGS pairs or a dense matrix.
struct StanInverseHessian {
    let update: StanBFGS.Update
    let dimension: Int
    /// L-BFGS: (ρ = 1/sᵀy, y, s), oldest first; γ = sᵀy / yᵀy of the newest pair.
    private var pairs: [(rho: Double, y: [Double], s: [Double])] = []
    private var gamma = 1.0
    /// Dense: H, row-major n × n.
    private var matrix: [Double] = []

    init(update: StanBFGS.Update, dimension: Int) {
        self.update = update
        self.dimension = dimension
    }

    /// Forgets the past, starts from H₀ = (sᵀy / yᵀy) I updated with (s, y); returns B₀ = yᵀy / sᵀy.
    mutating func restart(s: [Double], y: [Double]) -> Double {
        let scale = dot(y, y) / dot(s, y)
        pairs.removeAll()
        matrix = [Double](repeating: 0, count: dimension * dimension)
        for i in 0..<dimension { matrix[i * dimension + i] = 1 / scale }
        add(s: s, y: y)
        return scale
    }

    mutating func add(s: [Double], y: [Double]) {
        let sy = dot(s, y), rho = 1 / sy
        switch update {
        case .limitedMemory(let history):
            if pairs.count >= max(history, 1) { pairs.removeFirst(pairs.count - max(history, 1) + 1) }
            pairs.append((rho: rho, y: y, s: s))
            gamma = sy / dot(y, y)
        case .dense:
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            //   = H − ρ s (Hy)ᵀ − ρ (Hy) sᵀ + (ρ² yᵀHy + ρ) s sᵀ   (H symmetric).
            let n = dimension
            var hy = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { hy[i] += matrix[i * n + j] * y[j] } }
            let yhy = dot(y, hy)
            let outer = rho * rho * yhy + rho
            for i in 0..<n {
                for j in 0..<n {
                    matrix[i * n + j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + outer * s[i] * s[j]
                }
            }
        }
    }

    /// p = −H g.
    func direction(for g: [Double]) -> [Double] {
        let n = dimension
        switch update {
        case .limitedMemory:
            var q = g.map { -$0 }
            var alphas = [Double](repeating: 0, count: pairs.count)
            for i in stride(from: pairs.count - 1, through: 0, by: -1) {
                let a = pairs[i].rho * dot(pairs[i].s, q)
                alphas[i] = a
                axpy(-a, pairs[i].y, &q)
            }
            for j in 0..<n { q[j] *= gamma }
            for i in pairs.indices {
                let b = pairs[i].rho * dot(pairs[i].y, q)
                axpy(alphas[i] - b, pairs[i].s, &q)
            }
            return q
        case .dense:
            var p = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var v = 0.0
                for j in 0..<n { v += matrix[i * n + j] * g[j] }
                p[i] = -v
            }
            return p
        }
    }
}
