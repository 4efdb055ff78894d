import Foundation
import Kernels

/// How the Prophet-style model looks for the MAP of prophet's Stan objective.
///
/// The objective has flat ridges (the trend rate k against the changepoint rate changes δ,
/// and the kinks of |δ| at 0), so where an optimiser stops depends on the optimiser. The
/// two procedures give the same model, not the same numbers.
public enum ProphetFitProcedure: String, Sendable, Codable, Equatable, CaseIterable {
    /// What prophet 1.x actually returns: prophet's start (`linear_growth_init` or
    /// `logistic_growth_init` for k, m; δ = 0, β = 0, σ = 1), the exact |δ| of the Laplace
    /// prior, and CmdStan's optimiser with the settings prophet passes through cmdstanpy —
    /// L-BFGS (`StanBFGS`, history 5, init_alpha 1e-3, tol_obj 1e-12, tol_rel_obj 1e4,
    /// tol_grad 1e-8, tol_rel_grad 1e7, tol_param 1e-8, 10 000 iterations) on Stan's
    /// unconstrained scale (log σ, no Jacobian) when the history has ≥ 100 points, Stan's
    /// Newton (`StanNewton`) below 100 points or when L-BFGS ends with a failed line search
    /// (prophet's fallback). It stops where CmdStan stops, often short of the optimum. A
    /// constant history with linear growth is not optimised (as prophet): the start with
    /// σ = 1e-9.
    case prophetCompatible
    /// The optimum itself, as well as we can find it: |δ| smoothed to √(δ² + ε²) − ε with
    /// ε = 1e-4 (at most 0.05 nats off for 25 changepoints), a warm start from the
    /// Gaussian-prior version of the problem (linear growth), and our `LBFGS` run to a
    /// relative decrease of 2.2e-12. Reaches a lower objective than prophet on every dev
    /// series, so its forecasts differ from prophet's where prophet stops early.
    case exactMAP
}

extension ProphetStyle {
    /// CmdStan's `optimize` as prophet calls it (`ProphetFitProcedure.prophetCompatible`),
    /// from `start` on z = (k, m, δ, β, log σ) for a history of `count` points.
    func minimizeAsProphet(
        count: Int, start: [Double], _ objective: (_ z: [Double], _ gradient: inout [Double]) -> Double
    ) throws -> (point: [Double], value: Double, iterations: Int, converged: Bool) {
        if count >= 100 {
            let lbfgs = StanBFGS(update: .limitedMemory(history: 5), maxIterations: 10_000)
            let result = try lbfgs.minimize(from: start, objective)
            if result.termination.isNormal {
                return (result.point, result.value, result.iterations, true)
            }
            // cmdstanpy raises on "terminated with error"; prophet then refits with Newton
            // from the same start.
        }
        let result = try StanNewton(maxIterations: 10_000).minimize(from: start, objective)
        return (result.point, result.value, result.iterations, true)
    }
}
