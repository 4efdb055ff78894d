/// Our AutoARIMA on one generated series next to statsforecast's (one fixture case):
/// whether the differencing orders and the final order agree, the AICc excess
/// ours − statsforecast's (exact ML both), and, when the orders differ, where the two
/// stepwise searches parted.
public struct AutoARIMADifferentialOutcome: Sendable {
    public var reference: AutoARIMADifferentialFixture.Case
    public var ndiffs: Int
    public var nsdiffs: Int
    /// Our final (p, d, q), constant and exact-ML AICc.
    public var order: [Int]
    public var constant: Bool
    public var aicc: Double
    public var trail: [AutoARIMATrailStep]

    public init(reference: AutoARIMADifferentialFixture.Case, ndiffs: Int, nsdiffs: Int,
                order: [Int], constant: Bool, aicc: Double, trail: [AutoARIMATrailStep]) {
        self.reference = reference
        (self.ndiffs, self.nsdiffs, self.order, self.constant, self.aicc, self.trail) = (ndiffs, nsdiffs, order, constant, aicc, trail)
    }

    public var sameNdiffs: Bool { ndiffs == reference.ndiffs }
    public var sameNsdiffs: Bool { nsdiffs == reference.nsdiffs }
    public var sameD: Bool { order[1] == reference.order[1] }
    /// Same (p, d, q) and the same constant.
    public var sameOrder: Bool { order == reference.order && constant == reference.constant }
    /// AICc(ours) − AICc(statsforecast); > 0 means ours is worse.
    public var aiccExcess: Double { aicc - reference.aicc }

    public var label: String {
        "\(reference.kind) n=\(reference.length) seed=0x\(String(reference.seed, radix: 16))"
    }

    public func describe(_ order: [Int], _ constant: Bool) -> String {
        "(\(order.map(String.init).joined(separator: ",")))\(constant ? (order[1] == 0 ? "+mean" : "+drift") : "")"
    }

    /// Where the searches parted: the first fit where the two trails name different models,
    /// with both criteria of the fit just before it relative to each side's first fit of
    /// (0,d,0) (the CSS criteria of R/statsforecast and ours differ by a constant per series).
    public var divergence: String {
        let theirs = reference.path
        func base(_ trail: [AutoARIMATrailStep]) -> Double? {
            trail.first(where: { $0.p == 0 && $0.q == 0 && $0.fit == "css" })?.aicc ?? trail.first?.aicc
        }
        let ourBase = base(trail), theirBase = base(theirs)
        func relative(_ step: AutoARIMATrailStep, _ base: Double?) -> String {
            guard let ic = step.aicc else { return "inf" }
            guard let base else { return String(format: "%.2f", ic) }
            return String(format: "%+.2f", ic - base)
        }
        let common = zip(trail, theirs).prefix(while: { $0.sameModel($1) }).count
        if common == trail.count && common == theirs.count {
            return "same \(common) fits in the same order; criteria differ"
        }
        var text = "searches part at fit #\(common + 1): ours "
            + (common < trail.count ? "\(trail[common])" : "stops") + ", statsforecast "
            + (common < theirs.count ? "\(theirs[common])" : "stops")
        if common > 0 {
            let a = trail[common - 1], b = theirs[common - 1]
            text += "; fit #\(common) (\(a.p),\(a.d),\(a.q)): ours \(relative(a, ourBase)), statsforecast \(relative(b, theirBase)) vs (0,d,0)"
        }
        if let firstML = trail.firstIndex(where: { $0.fit == "ml" }), common >= firstML {
            text += " (exact refits of the same CSS search)"
        }
        return text
    }
}
