import Kernels
import Testing
@testable import Ingest

/// The byte parser must agree bit for bit with the standard library's correctly rounded `Double(String)`.
@Suite struct DecimalParserTests {
    private func parse(_ text: String) -> DecimalParser.Outcome {
        let bytes = Array(text.utf8)
        return DecimalParser.parse(bytes, 0, bytes.count)
    }

    @Test func agreesWithTheStandardLibraryOnRandomDoubles() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let magnitude = Double(Int(random.nextUnit() * 40) - 20)
            let value = (random.nextUnit() - 0.5) * pow10(magnitude)
            let text = String(value)
            #expect(parse(text) == .number(value), "\(text)")
        }
    }

    @Test func agreesWithTheStandardLibraryOnDecimalStrings() {
        var random = SplitMix64(seed: 12)
        for _ in 0..<20_000 {
            let integerDigits = Int(random.nextUnit() * 12)
            let fractionDigits = Int(random.nextUnit() * 22)
            var text = integerDigits == 0 ? "0" : ""
            for _ in 0..<integerDigits { text.append(Character(String(Int(random.nextUnit() * 10)))) }
            if fractionDigits > 0 {
                text.append(".")
                for _ in 0..<fractionDigits { text.append(Character(String(Int(random.nextUnit() * 10)))) }
            }
            if random.nextUnit() < 0.3 { text += "e\(Int(random.nextUnit() * 40) - 20)" }
            guard let expected = Double(text) else { continue }
            #expect(parse(text) == .number(expected), "\(text)")
        }
    }

    @Test(arguments: [("51.846000000000004", 51.846000000000004), ("+1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("7.", 7),
                      ("1E3", 1000), ("0.000123", 0.000123), ("6135515.87712279", 6_135_515.87712279)])
    func readsForms(text: String, value: Double) {
        #expect(parse(text) == .number(value))
    }

    @Test(arguments: [("", DecimalParser.Outcome.empty), ("abc", .notANumber), ("1.2.3", .notANumber), ("1e", .notANumber),
                      ("-", .notANumber), ("0x10", .notANumber), ("NaN", .notFinite), ("-inf", .notFinite), ("1e400", .notFinite)])
    func classifiesNonNumbers(text: String, outcome: DecimalParser.Outcome) {
        #expect(parse(text) == outcome)
    }

    private func pow10(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(abs(exponent)) { value *= 10 }
        return exponent < 0 ? 1 / value : value
    }
}
