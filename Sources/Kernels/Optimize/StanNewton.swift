import Foundation

/// Stan's Newton optimiser (CmdStan `optimize algorithm=newton`; prophet uses it below 100
/// points and as its fallback when L-BFGS fails), rewritten from the description of
/// stan/optimization/newton.hpp and stan/model/grad_hess_log_prob.hpp.
///
/// One step from x with value f and gradient g of the minimised f:
///  1. H: Stan's finite-difference Hessian of the gradient, with ε = 1e-3 and the
///     four-point stencil (−2ε, −ε, ε, 2ε) with weights (1/12, −2/3, 2/3, −1/12), each
///     weighted gradient multiplied by ε/2 and added to row d and column d. Stan does not
///     divide by ε, so H is ε² times the symmetrised central-difference Hessian; this is
///     kept, it only scales the step the halving below then shortens.
///  2. d = −V |Λ|⁻¹ Vᵀ g with H = V Λ Vᵀ (eigenvalues made positive, as Stan's
///     `make_negative_definite_and_solve`).
///  3. Step sizes 1, ½, ¼, …: accept the first x + a d with f(x + a d) ≤ f; below 1e-50 the
///     step is abandoned and x stays. A non-finite value counts as not accepted.
/// Iterations stop when the value changes by ≤ 1e-8 (never on the first, whose reference
/// value Stan computes with the constants kept) or after `maxIterations`.
public struct StanNewton: Sendable {
    public var maxIterations: Int

    public init(maxIterations: Int = 2000) {
        self.maxIterations = max(1, maxIterations)
    }

    public struct Result: Sendable, Equatable {
        public var point: [Double]
        public var value: Double
        public var iterations: Int
        public var evaluations: Int
    }

    /// Minimises `objective` from `start`; throws when it is not finite there. `observe`,
    /// when given, sees every iteration's number and value (CmdStan prints −value).
    public func minimize(
        from start: [Double],
        observe: ((_ iteration: Int, _ value: Double) -> Void)? = nil,
        _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) throws(OptimizationError) -> Result {
        let n = start.count
        var x = start
        var (f, g) = try evaluateStart(start, objective)
        var evaluations = 1

        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let previous = f
            let hessian = finiteDifferenceHessian(at: x, evaluations: &evaluations, objective)
            let (values, vectors) = symmetricEigenDecomposition(hessian, dimension: n)
            // d = −V |Λ|⁻¹ Vᵀ g; vectors column-major (column i = eigenvector i).
            var direction = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var projection = 0.0
                for r in 0..<n { projection += vectors[i * n + r] * g[r] }
                let weight = -projection / abs(values[i])
                for r in 0..<n { direction[r] += weight * vectors[i * n + r] }
            }
            var step = 2.0
            var trialGradient = [Double](repeating: 0, count: n)
            while true {
                step *= 0.5
                if step < 1e-50 { break }
                var trial = x
                for j in 0..<n { trial[j] += step * direction[j] }
                let value = objective(trial, &trialGradient)
                evaluations += 1
                if value.isFinite, value <= f {
                    x = trial; f = value; g = trialGradient
                    break
                }
            }
            observe?(iterations, f)
            if iterations > 1 && abs(f - previous) <= 1e-8 { break }
        }
        return Result(point: x, value: f, iterations: iterations, evaluations: evaluations)
    }

    /// Stan's `grad_hess_log_prob` stencil (see the type's comment), row-major n × n.
    func finiteDifferenceHessian(
        at x: [Double], evaluations: inout Int,
        _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
    ) -> [Double] {
        let n = x.count
        let epsilon = 1e-3
        let offsets = [-2 * epsilon, -epsilon, epsilon, 2 * epsilon]
        let weights = [1.0 / 12, -2.0 / 3, 2.0 / 3, -1.0 / 12].map { 0.5 * epsilon * $0 }
        var hessian = [Double](repeating: 0, count: n * n)
        var gradient = [Double](repeating: 0, count: n)
        var perturbed = x
        for d in 0..<n {
            for i in 0..<4 {
                perturbed[d] = x[d] + offsets[i]
                _ = objective(perturbed, &gradient)
                evaluations += 1
                for dd in 0..<n {
                    let increment = weights[i] * gradient[dd]
                    hessian[d * n + dd] += increment
                    hessian[dd * n + d] += increment
                }
            }
            perturbed[d] = x[d]
        }
        return hessian
    }
}

/// Eigenvalues and eigenvectors of a symmetric n × n matrix (row-major) by cyclic Jacobi
/// rotations until the off-diagonal mass is below 1e-30 of the total. Returns the values and
/// the vectors column-major (entries i·n ..< (i+1)·n are eigenvector i).
func symmetricEigenDecomposition(_ matrix: [Double], dimension n: Int) -> (values: [Double], vectors: [Double]) {
    var a = matrix
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    let total = a.reduce(0) { $0 + $1 * $1 }
    for _ in 0..<100 {
        var off = 0.0
        for i in 0..<n { for j in 0..<n where i != j { off += a[i * n + j] * a[i * n + j] } }
        if off <= 1e-30 * total || off == 0 { break }
        for p in 0..<n {
            for q in (p + 1)..<max(n, p + 1) where a[p * n + q] != 0 {
                // Rotation angle that zeroes a[p][q].
                let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<n {
                    let akp = a[k * n + p], akq = a[k * n + q]
                    a[k * n + p] = c * akp - s * akq
                    a[k * n + q] = s * akp + c * akq
                }
                for k in 0..<n {
                    let apk = a[p * n + k], aqk = a[q * n + k]
                    a[p * n + k] = c * apk - s * aqk
                    a[q * n + k] = s * apk + c * aqk
                }
                for k in 0..<n {
                    // Column p and q of V (stored as vector p, vector q).
                    let vp = v[p * n + k], vq = v[q * n + k]
                    v[p * n + k] = c * vp - s * vq
                    v[q * n + k] = s * vp + c * vq
                }
            }
        }
    }
    return ((0..<n).map { a[$0 * n + $0] }, v)
}
