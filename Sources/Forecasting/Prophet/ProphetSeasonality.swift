import Foundation

/// One Fourier seasonality: period in days and order N, giving 2N features
/// sin(2π i t/P), cos(2π i t/P), i = 1 … N, t in days since 1970-01-01 UTC (prophet's
/// `fourier_series`).
public struct ProphetSeasonality: Sendable, Codable, Hashable {
    public var name: String
    public var periodDays: Double
    public var order: Int
    /// Standard deviation of the normal prior on its coefficients.
    public var priorScale: Double

    public init(name: String, periodDays: Double, order: Int, priorScale: Double = 10) {
        self.name = name
        self.periodDays = periodDays
        self.order = order
        self.priorScale = priorScale
    }

    public static func daily(order: Int = 4, priorScale: Double = 10) -> ProphetSeasonality {
        ProphetSeasonality(name: "daily", periodDays: 1, order: order, priorScale: priorScale)
    }

    public static func weekly(order: Int = 3, priorScale: Double = 10) -> ProphetSeasonality {
        ProphetSeasonality(name: "weekly", periodDays: 7, order: order, priorScale: priorScale)
    }

    public static func yearly(order: Int = 10, priorScale: Double = 10) -> ProphetSeasonality {
        ProphetSeasonality(name: "yearly", periodDays: 365.25, order: order, priorScale: priorScale)
    }

    /// Appends the 2N features at `seconds` (epoch) to `row`.
    func appendFeatures(at seconds: Double, to row: inout [Double]) {
        let x = 2 * Double.pi * (seconds / 86_400)
        for i in 1...max(order, 1) where order > 0 {
            let c = x * Double(i) / periodDays
            row.append(sin(c))
            row.append(cos(c))
        }
    }
}
