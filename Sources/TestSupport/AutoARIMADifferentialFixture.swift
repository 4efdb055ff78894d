import Foundation

/// One fit of an AutoARIMA stepwise search: orders (p, d, q), constant (mean or drift), how
/// it was fitted ("css" or "ml") and its AICc (nil when unusable). The fixture holds
/// statsforecast's; the test and bench build ours from `AutoARIMACandidate`s.
public struct AutoARIMATrailStep: Decodable, Equatable, Sendable, CustomStringConvertible {
    public var p, d, q: Int
    public var constant: Bool
    public var fit: String
    public var aicc: Double?

    public init(p: Int, d: Int, q: Int, constant: Bool, fit: String, aicc: Double?) {
        (self.p, self.d, self.q, self.constant, self.fit, self.aicc) = (p, d, q, constant, fit, aicc)
    }

    /// [p, d, q, constant, "css"|"ml", aicc|null], as make_autoarima_differential.py writes it.
    public init(from decoder: Decoder) throws {
        var row = try decoder.unkeyedContainer()
        p = try row.decode(Int.self); d = try row.decode(Int.self); q = try row.decode(Int.self)
        constant = try row.decode(Bool.self)
        fit = try row.decode(String.self)
        aicc = try row.decodeIfPresent(Double.self)
    }

    /// Same model and fitting method (the criterion may differ).
    public func sameModel(_ other: AutoARIMATrailStep) -> Bool {
        (p, d, q, constant, fit) == (other.p, other.d, other.q, other.constant, other.fit)
    }

    public var description: String {
        "(\(p),\(d),\(q))\(constant ? (d == 0 ? "+mean" : "+drift") : "") \(fit) \(aicc.map { String(format: "%.2f", $0) } ?? "inf")"
    }
}

/// Tests/ForecastingTests/Reference/autoarima_differential_{ci,full}.json, written by
/// make_autoarima_differential.py: statsforecast's ndiffs, nsdiffs (period `nsdiffs_period`)
/// and auto_arima (season length 1, our AutoARIMA() defaults) per generated series.
public struct AutoARIMADifferentialFixture: Decodable, Sendable {
    public struct Case: Decodable, Sendable {
        public var seed: UInt64
        public var kind: String
        public var length: Int
        public var sum: Double
        public var sum_squares: Double
        public var ndiffs: Int
        public var nsdiffs: Int
        /// (p, d, q) of the final model.
        public var order: [Int]
        public var constant: Bool
        public var aicc: Double
        public var cpu_seconds: Double
        public var path: [AutoARIMATrailStep]
    }

    public var statsforecast: String
    public var nsdiffs_period: Int
    public var cases: [Case]

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        public var description: String {
            switch self {
            case .unreadable(let path, let reason):
                "cannot read the differential fixture \(path): \(reason); regenerate it with make_autoarima_differential.py"
            }
        }
    }

    public static func load(_ url: URL) throws(LoadError) -> AutoARIMADifferentialFixture {
        do {
            return try JSONDecoder().decode(AutoARIMADifferentialFixture.self, from: Data(contentsOf: url))
        } catch {
            throw .unreadable(path: url.path, reason: "\(error)")
        }
    }
}
