import Testing
@testable import Ingest

/// Epoch values computed by hand: 2000-01-01 is day 10957 (946684800 s); leap days counted explicitly.
@Suite struct TimestampParserTests {
    @Test(arguments: [
        ("2014-02-14 14:27:00", 1_392_388_020.0),          // NAB's first row
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31 23:59:59", -1),
        ("2000-03-01T00:00:00Z", 951_868_800),             // 10957 + 31 + 29 days
        ("2016-02-29 12:00:00", 1_456_747_200),            // 1451606400 + 59·86400 + 43200
        ("2014-02-14T14:27:00+01:00", 1_392_384_420),      // one hour east of UTC is one hour earlier
        ("2014-02-14T09:27:00-05:00", 1_392_388_020),
        ("2014-02-14T14:27:00.250Z", 1_392_388_020.25),
        ("2014-02-14T14:27:00+0100", 1_392_384_420),
        ("2014-02-14T14:27Z", 1_392_388_020),
        ("2014-02-14", 1_392_336_000),
        ("300", 300),
        ("1.5e3", 1500),
        ("1392388020", 1_392_388_020),
    ])
    func parsesEachForm(text: String, expected: Double) throws {
        #expect(try TimestampParser.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("2014-13-01 00:00:00", "month 13"),
        ("2014-02-30 00:00:00", "day 30 does not exist in 2014-02"),
        ("2014-02-14 25:00:00", "hour 25"),
        ("2014-02-14 14:61:00", "minute 61"),
        ("2014-02-14 14:27:00 UTC", "unexpected text"),
        ("yesterday", "neither a date nor a number"),
        ("2014/02/14 14:27:00", "neither a date nor a number"),
    ])
    func rejectsWithReason(text: String, reason: String) {
        guard case let .failure(.malformed(message)) = TimestampParser.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(message.contains(reason), "\(message)")
    }

    @Test func civilRoundTripsOverFourCenturies() {
        for days in stride(from: -200_000, through: 200_000, by: 997) {
            let date = CivilTime.civil(fromDays: days)
            #expect(CivilTime.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(CivilTime.iso8601(epochSeconds: 1_392_388_020) == "2014-02-14T14:27:00Z")
        #expect(CivilTime.weekday(fromDays: 0) == 3)  // 1970-01-01 was a Thursday
    }
}
