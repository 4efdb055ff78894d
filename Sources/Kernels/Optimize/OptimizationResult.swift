/// Why an optimiser stopped.
public enum OptimizationStatus: String, Sendable, Codable, Equatable {
    /// ‖∇f‖∞ fell below the gradient tolerance.
    case gradientConverged
    /// The relative decrease of f fell below the function tolerance.
    case functionConverged
    /// The simplex (Nelder–Mead) shrank below its tolerance.
    case simplexConverged
    /// The iteration budget was spent; the point is the best found so far.
    case maxIterations
    /// No step along the search direction decreased f enough; the point is the best so far.
    case lineSearchFailed
    /// The caller's `stop` test ended the run; the point is the last accepted one.
    case stoppedByCaller

    /// True for the endings that mean "at a stationary point within tolerance".
    public var converged: Bool {
        self == .gradientConverged || self == .functionConverged || self == .simplexConverged
    }
}

/// The best point an optimiser found, with its value and (for gradient methods) gradient.
public struct OptimizationResult: Sendable, Equatable {
    public var point: [Double]
    public var value: Double
    public var gradient: [Double]
    public var iterations: Int
    public var evaluations: Int
    public var status: OptimizationStatus
}

/// Failures that leave no usable point.
public enum OptimizationError: Error, Equatable, CustomStringConvertible {
    case nonFiniteStart(value: Double, point: [Double])
    case nonFiniteGradient(index: Int, value: Double, point: [Double])

    public var description: String {
        switch self {
        case .nonFiniteStart(let value, let point):
            return "the objective is \(value) at the starting point \(point); start from a point where it is finite"
        case .nonFiniteGradient(let index, let value, let point):
            return "gradient component \(index) is \(value) at the starting point \(point); check the gradient code or start elsewhere"
        }
    }
}

/// f and ∇f at a gradient method's starting point, refused with `OptimizationError` when
/// either is not finite (every gradient optimiser here begins this way).
func evaluateStart(
    _ start: [Double], _ objective: (_ x: [Double], _ gradient: inout [Double]) -> Double
) throws(OptimizationError) -> (value: Double, gradient: [Double]) {
    var g = [Double](repeating: 0, count: start.count)
    let f = objective(start, &g)
    guard f.isFinite else { throw .nonFiniteStart(value: f, point: start) }
    if let bad = g.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteGradient(index: bad, value: g[bad], point: start) }
    return (f, g)
}
