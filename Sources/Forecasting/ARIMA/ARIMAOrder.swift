/// Orders of a seasonal ARIMA(p,d,q)(P,D,Q)_s model
///
///   φ(B) Φ(Bˢ) (1 − B)ᵈ (1 − Bˢ)ᴰ (y_t − μ·[d + D ≤ 1 drift/mean]) = θ(B) Θ(Bˢ) ε_t,
///
/// with φ(z) = 1 − φ₁z − … − φ_p zᵖ, θ(z) = 1 + θ₁z + … + θ_q z^q (statsmodels' and R's
/// signs), Φ, Θ the same in zˢ, ε_t ~ N(0, σ²).
public struct ARIMAOrder: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    public var p: Int
    public var d: Int
    public var q: Int

    public init(p: Int, d: Int, q: Int) {
        self.p = p
        self.d = d
        self.q = q
    }

    public var description: String { "(\(p),\(d),\(q))" }
}

/// The seasonal part (P,D,Q)_s; `period` s ≥ 2 when any of P, D, Q is positive.
public struct SeasonalOrder: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    public var p: Int
    public var d: Int
    public var q: Int
    public var period: Int

    public init(p: Int, d: Int, q: Int, period: Int) {
        self.p = p
        self.d = d
        self.q = q
        self.period = period
    }

    public static let none = SeasonalOrder(p: 0, d: 0, q: 0, period: 0)

    public var isNone: Bool { p == 0 && d == 0 && q == 0 }
    public var description: String { isNone ? "" : "(\(p),\(d),\(q))[\(period)]" }
}

/// Orders plus the constant choice: everything that fixes the shape of the parameter vector.
public struct ARIMASpecification: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    public var order: ARIMAOrder
    public var seasonal: SeasonalOrder
    /// Mean of the differenced series w_t (the mean when d + D = 0, the drift when d + D = 1).
    public var includeConstant: Bool

    public init(order: ARIMAOrder, seasonal: SeasonalOrder = .none, includeConstant: Bool = false) {
        self.order = order
        self.seasonal = seasonal
        self.includeConstant = includeConstant
    }

    /// Number of coefficients estimated besides σ²: p + q + P + Q (+ 1 for the constant).
    public var coefficientCount: Int {
        order.p + order.q + seasonal.p + seasonal.q + (includeConstant ? 1 : 0)
    }

    /// Lags lost to differencing: d + s·D.
    public var differencingLag: Int { order.d + seasonal.period * seasonal.d }

    /// Degree of the expanded AR polynomial φ(B)Φ(Bˢ): p + s·P.
    public var expandedARDegree: Int { order.p + seasonal.period * seasonal.p }

    /// Degree of the expanded MA polynomial θ(B)Θ(Bˢ): q + s·Q.
    public var expandedMADegree: Int { order.q + seasonal.period * seasonal.q }

    public var description: String {
        "ARIMA\(order)\(seasonal)\(includeConstant ? (order.d + seasonal.d == 0 ? " with mean" : " with drift") : "")"
    }

    func validate() throws(ARIMAError) {
        let values = [order.p, order.d, order.q, seasonal.p, seasonal.d, seasonal.q]
        guard values.allSatisfy({ $0 >= 0 }) else { throw .invalidOrder(description) }
        if !seasonal.isNone && seasonal.period < 2 { throw .invalidSeasonalPeriod(seasonal.period) }
        if includeConstant && order.d + seasonal.d > 1 { throw .constantWithDoubleDifferencing(description) }
    }
}
