import Foundation
@testable import Forecasting
import Series
import TestSupport
import Testing

/// Reference/autoarima_reference.json (statsmodels KPSS, statsforecast AutoARIMA) on the
/// series of arima_reference.json.
struct AutoARIMAReferenceCase: Decodable {
    var name: String
    var kpss: Double
    var kpss_diff: Double
    var ndiffs: Int
    var order: [Int]
    var aicc: Double

    static func load() throws -> [AutoARIMAReferenceCase] {
        struct File: Decodable { var cases: [AutoARIMAReferenceCase] }
        guard let url = Bundle.module.url(forResource: "autoarima_reference", withExtension: "json", subdirectory: "Reference") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

@Suite struct AutoARIMAReferenceTests {
    static func pairs() throws -> [(AutoARIMAReferenceCase, ARIMAReferenceCase)] {
        let auto = try AutoARIMAReferenceCase.load()
        let series = try ARIMAReferenceCase.load()
        return auto.compactMap { a in series.first(where: { $0.name == a.name }).map { (a, $0) } }
    }

    @Test func kpssStatisticMatchesStatsmodels() throws {
        let pairs = try Self.pairs()
        #expect(pairs.count == 4)
        for (ref, data) in pairs {
            #expect(isClose(KPSSTest.statistic(data.series), ref.kpss, rel: 1e-10), "\(ref.name)")
            let diff = zip(data.series.dropFirst(), data.series).map { $0 - $1 }
            #expect(isClose(KPSSTest.statistic(diff), ref.kpss_diff, rel: 1e-10), "\(ref.name) differenced")
            #expect(KPSSTest.differencesNeeded(data.series) == ref.ndiffs, "\(ref.name)")
        }
    }

    /// Same d as statsforecast, and a model at least as good by exact-likelihood AICc (the
    /// searches use CSS for n > 150 and may end in different orders of near-equal AICc).
    @Test func nonSeasonalSearchMatchesStatsforecast() throws {
        for (ref, data) in try Self.pairs() {
            let fitted = try AutoARIMA().fit(series: RegularSeries(name: ref.name, start: 0, interval: 300, values: data.series))
            #expect(fitted.specification.order.d == ref.order[1], "\(ref.name): \(fitted.specification) vs \(ref.order)")
            #expect(fitted.summary.aicc <= ref.aicc + 2, "\(ref.name): \(fitted.specification) AICc \(fitted.summary.aicc) vs \(ref.order) \(ref.aicc)")
            print(ref.name, fitted.specification, fitted.summary.aicc, ref.order, ref.aicc)
        }
    }

    @Test func rootCheckUsesRadius() {
        // 1 − 0.995 z has its root at 1.005: inside 1.01, outside 1.
        #expect(ARIMAPolynomials.rootsOutside([0.995], radius: 1.0))
        #expect(!ARIMAPolynomials.rootsOutside([0.995], radius: 1.01))
        // 1 − 0.5 z − 0.3 z²: roots 1.17 and −2.84.
        #expect(ARIMAPolynomials.rootsOutside([0.5, 0.3], radius: 1.01))
        #expect(!ARIMAPolynomials.rootsOutside([0.5, 0.3], radius: 1.2))
    }

    @Test func constantAndShortSeriesGuards() throws {
        let flat = RegularSeries(name: "flat", start: 0, interval: 300, values: [Double](repeating: 2, count: 40))
        let fitted = try AutoARIMA().fit(series: flat)
        #expect(fitted.specification.order == ARIMAOrder(p: 0, d: 0, q: 0))
        #expect(try fitted.predict(steps: 3) == [2, 2, 2])
        let ramp = RegularSeries(name: "ramp", start: 0, interval: 300, values: (0..<30).map { Double($0) })
        #expect(try AutoARIMA().fit(series: ramp).predict(steps: 2) == [30, 31])
        let short = RegularSeries(name: "short", start: 0, interval: 300, values: [1, 3, 2, 4, 3, 5, 4, 6, 5, 7])
        #expect(try AutoARIMA().fit(series: short).predict(steps: 3).allSatisfy { $0.isFinite })
        #expect(throws: ARIMAError.self) { _ = try AutoARIMA().fit(series: RegularSeries(name: "x", start: 0, interval: 1, values: [1, 2])) }
    }
}
