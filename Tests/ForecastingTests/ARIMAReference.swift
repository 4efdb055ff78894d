import Foundation
import Forecasting

/// One case of Reference/arima_reference.json (written by make_arima_reference.py).
struct ARIMAReferenceCase: Decodable {
    struct FixedPoint: Decodable { var params: [Double]; var llf: Double }
    var name: String
    var order: [Int]
    var seasonal_order: [Int]
    var trend: String
    var param_names: [String]
    var params: [Double]
    var llf: Double
    var aicc: Double
    var forecast: [Double]
    var lower80: [Double]
    var upper80: [Double]
    var lower95: [Double]
    var upper95: [Double]
    var loglike_at: [FixedPoint]
    var series: [Double]

    var specification: ARIMASpecification {
        ARIMASpecification(
            order: ARIMAOrder(p: order[0], d: order[1], q: order[2]),
            seasonal: seasonal_order[3] == 0 ? .none
                : SeasonalOrder(p: seasonal_order[0], d: seasonal_order[1], q: seasonal_order[2], period: seasonal_order[3]),
            includeConstant: trend == "c")
    }

    /// statsmodels' parameter vector (named by `param_names`) → our coefficients and σ².
    func coefficients(_ values: [Double]) -> (ARIMACoefficients, Double) {
        var c = ARIMACoefficients()
        var sigma2 = Double.nan
        for (name, v) in zip(param_names, values) {
            if name == "const" { c.constant = v }
            else if name == "sigma2" { sigma2 = v }
            else if name.hasPrefix("ar.S.") { c.seasonalAR.append(v) }
            else if name.hasPrefix("ma.S.") { c.seasonalMA.append(v) }
            else if name.hasPrefix("ar.") { c.ar.append(v) }
            else if name.hasPrefix("ma.") { c.ma.append(v) }
        }
        return (c, sigma2)
    }

    static func load() throws -> [ARIMAReferenceCase] {
        struct File: Decodable { var cases: [ARIMAReferenceCase] }
        guard let url = Bundle.module.url(forResource: "arima_reference", withExtension: "json", subdirectory: "Reference") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}
