import Testing
import Ingest

@Suite struct IntervalParserTests {
    @Test(arguments: [("15s", 15.0), ("5m", 300), ("1h", 3600), ("300", 300), ("0.2s", 0.2), ("1d", 86_400), ("250ms", 0.25), (" 5 m ", 300)])
    func readsUnits(text: String, seconds: Double) throws {
        #expect(try IntervalParser.seconds(from: text) == seconds)
    }

    @Test(arguments: ["", "abc", "15x", "0", "-5s", "s"])
    func rejectsWithMessage(text: String) {
        #expect {
            _ = try IntervalParser.seconds(from: text)
        } throws: { error in
            let message = (error as? IngestError)?.description ?? ""
            return message.contains("\"\(text)\" is not an interval") && message.contains("such as 15s, 5m, 1h or 300")
        }
    }
}
