import Foundation
import Pipeline

/// The test functions of the quality benchmark, the same as in `optuna_sweep_bench.py`.
struct Problem {
    let name: String
    let space: SearchSpace
    let objective: (TrialParameters) -> Double
    /// The known minimum.
    let minimum: Double
}

func real(_ p: TrialParameters, _ name: String) -> Double {
    switch p[name] {
    case .double(let v): v
    case .int(let v): Double(v)
    default: .nan
    }
}

/// Branin on [−5, 10] × [0, 15]; minimum 0.397887 at three points.
func branin(_ x1: Double, _ x2: Double) -> Double {
    let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
    let u = x2 - b * x1 * x1 + c * x1 - 6
    return u * u + 10 * (1 - t) * cos(x1) + 10
}

/// Hartmann-6 on [0, 1]⁶; minimum −3.32237.
func hartmann6(_ x: [Double]) -> Double {
    let alpha = [1.0, 1.2, 3.0, 3.2]
    let a: [[Double]] = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    let p: [[Double]] = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                         [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]].map { $0.map { $0 * 1e-4 } }
    var total = 0.0
    for i in 0..<4 {
        var inner = 0.0
        for j in 0..<6 { inner += a[i][j] * (x[j] - p[i][j]) * (x[j] - p[i][j]) }
        total += alpha[i] * exp(-inner)
    }
    return -total
}

/// A learning-rate-like log-uniform, an integer and a categorical parameter:
/// f = (log10 lr + 3)² + 0.1·(layers − 3)² + {adam: 0, rmsprop: 0.2, sgd: 0.5}; minimum 0.
func mixed(_ p: TrialParameters) -> Double {
    let optimizer: Double = switch p["optimizer"] {
    case .string("adam"): 0
    case .string("rmsprop"): 0.2
    default: 0.5
    }
    let lr = real(p, "lr"), layers = real(p, "layers")
    return pow(log10(lr) + 3, 2) + 0.1 * pow(layers - 3, 2) + optimizer
}

func problems() throws -> [Problem] {
    [
        Problem(name: "branin", space: try SearchSpace([
            SearchParameter("x1", .uniform(low: -5, high: 10)), SearchParameter("x2", .uniform(low: 0, high: 15)),
        ]), objective: { branin(real($0, "x1"), real($0, "x2")) }, minimum: 0.397887),
        Problem(name: "hartmann6", space: try SearchSpace((0..<6).map { SearchParameter("x\($0)", .uniform(low: 0, high: 1)) }),
                objective: { p in hartmann6((0..<6).map { real(p, "x\($0)") }) }, minimum: -3.32237),
        Problem(name: "mixed", space: try SearchSpace([
            SearchParameter("lr", .logUniform(low: 1e-5, high: 1e-1)),
            SearchParameter("layers", .int(low: 1, high: 8, log: false)),
            SearchParameter("optimizer", .choice([.string("adam"), .string("sgd"), .string("rmsprop")])),
        ]), objective: mixed, minimum: 0),
    ]
}
