import Foundation
import Testing
import TestSupport
@testable import Series
import Kernels

@Suite("Causal features")
struct FeaturesTests {
    @Test("calendar time at known UTC instants")
    func calendarTime() {
        // 2014-02-14 14:27:00 UTC = 1392388020 s: a Friday (Monday = 0 → 4), 14 + 27/60 = 14.45 h
        let friday = CalendarTime(epochSeconds: 1_392_388_020)
        #expect(friday.dayOfWeek == 4)
        #expect(isClose(friday.hourOfDay, 14.45, rel: 1e-15))
        // seconds are ignored: 14:27:59 still gives 14.45
        #expect(isClose(CalendarTime(epochSeconds: 1_392_388_079).hourOfDay, 14.45, rel: 1e-15))
        // epoch 0 = Thursday 1970-01-01 00:00 → day 3, hour 0
        #expect(CalendarTime(epochSeconds: 0).dayOfWeek == 3)
        #expect(CalendarTime(epochSeconds: 0).hourOfDay == 0)
        // 1970-01-05 00:00 = 4·86400 = 345600 s is a Monday → 0; 1970-01-04 23:59 a Sunday → 6
        #expect(CalendarTime(epochSeconds: 345_600).dayOfWeek == 0)
        #expect(CalendarTime(epochSeconds: 345_540).dayOfWeek == 6)
        #expect(CalendarTime(epochSeconds: 345_540).hourOfDay == 23 + 59.0 / 60)
        // −1 s = 1969-12-31 23:59:59, a Wednesday → 2
        #expect(CalendarTime(epochSeconds: -1).dayOfWeek == 2)
        #expect(CalendarTime(epochSeconds: -1).hourOfDay == 23 + 59.0 / 60)
    }

    @Test("the 8 reference features of a hand-computed series")
    func referenceFeaturesByHand() throws {
        // s = 1, 3, 2, 6 hourly from epoch 0 (Thursday 00:00): hours 0, 1, 2, 3; day 3.
        // diff: 0, 2, −1, 4
        // mean over ≤12: 1; (1+3)/2 = 2; (1+3+2)/3 = 2; (1+3+2+6)/4 = 3
        // population std: 0; sqrt((1+1)/2) = 1; sqrt((1+1+0)/3) = sqrt(2/3); sqrt((4+0+1+9)/4) = sqrt(3.5)
        let series = RegularSeries(name: "cpu", start: 0, interval: 3_600, values: [1, 3, 2, 6])
        let m = try FeatureBuilder.build(series)
        #expect(m.rows == 4)
        #expect(m.columns == 8)
        #expect(m.names == ["value", "hour_sin", "hour_cos", "weekday_sin", "weekday_cos", "diff", "rolling_mean_12", "rolling_std_12"])
        #expect(m.column(0) == [1, 3, 2, 6])
        let hourSin = [0, sin(Double.pi / 12), 0.5, sqrt(0.5)]
        let hourCos = [1, cos(Double.pi / 12), sqrt(0.75), sqrt(0.5)]
        #expect(firstMismatch(m.column(1), hourSin, rel: 1e-12, abs: 1e-15) == nil)
        #expect(firstMismatch(m.column(2), hourCos, rel: 1e-12, abs: 1e-15) == nil)
        #expect(firstMismatch(m.column(3), Array(repeating: sin(6 * Double.pi / 7), count: 4), rel: 1e-15) == nil)
        #expect(firstMismatch(m.column(4), Array(repeating: cos(6 * Double.pi / 7), count: 4), rel: 1e-15) == nil)
        #expect(m.column(5) == [0, 2, -1, 4])
        #expect(m.column(6) == [1, 2, 2, 3])
        #expect(firstMismatch(m.column(7), [0, 1, sqrt(2.0 / 3), sqrt(3.5)], rel: 1e-15) == nil)
        // row-major layout: element (2, 5) is diff at k = 2
        #expect(m.values[2 * 8 + 5] == -1)
        #expect(m[2, 5] == -1)
    }

    @Test("lags repeat s_0 at the start; rolling min/max use fewer points at the start")
    func lagsAndRollingByHand() throws {
        // s = 1, 3, 2, 6: lag 2 = s0, s0, s0, s1 = 1, 1, 1, 3
        // max over 2: 1, 3, 3, 6;  min over 3: 1, 1, 1, 2
        let spec = try FeatureSpec(lags: [2], rolling: [RollingFeature(.max, width: 2), RollingFeature(.min, width: 3)])
        let m = try FeatureBuilder.build(RegularSeries(name: "x", start: 0, interval: 60, values: [1, 3, 2, 6]), spec: spec)
        #expect(m.columns == 11)
        #expect(Array(m.names.suffix(3)) == ["lag_2", "rolling_max_2", "rolling_min_3"])
        #expect(m.column(named: "lag_2") == [1, 1, 1, 3])
        #expect(m.column(named: "rolling_max_2") == [1, 3, 3, 6])
        #expect(m.column(named: "rolling_min_3") == [1, 1, 1, 2])
    }

    @Test("matches numpy over 30 steps crossing midnight Friday → Saturday")
    func matchesNumpyReference() throws {
        let spec = try FeatureSpec(lags: [3], rolling: [RollingFeature(.max, width: 5), RollingFeature(.std, width: 5)])
        let series = RegularSeries(
            name: "ref", start: FeaturesReference.start, interval: FeaturesReference.interval,
            values: FeaturesReference.values)
        let m = try FeatureBuilder.build(series, spec: spec)
        #expect(m.rows == FeaturesReference.rows.count)
        for (k, expected) in FeaturesReference.rows.enumerated() {
            let row = Array(m.values[(k * m.columns)..<((k + 1) * m.columns)])
            let mismatch = firstMismatch(row, expected, rel: 1e-12, abs: 1e-14)
            #expect(mismatch == nil, "row \(k): \(String(describing: mismatch))")
        }
        // k = 13 is 23:58 Friday (day 4), k = 14 is 00:05 Saturday (day 5)
        #expect(isClose(m[13, 3], sin(2 * Double.pi * 4 / 7), rel: 1e-15))
        #expect(isClose(m[14, 3], sin(2 * Double.pi * 5 / 7), rel: 1e-15))
    }

    @Test("row k does not depend on values after k")
    func causal() throws {
        let spec = try FeatureSpec(lags: [1, 5], rolling: [RollingFeature(.mean, width: 4)])
        let values = (0..<40).map { sin(Double($0) * 0.3) }
        var changed = values
        for k in 20..<40 { changed[k] += 100 }
        let a = try FeatureBuilder.build(RegularSeries(name: "a", start: 0, interval: 300, values: values), spec: spec)
        let b = try FeatureBuilder.build(RegularSeries(name: "b", start: 0, interval: 300, values: changed), spec: spec)
        #expect(Array(a.values.prefix(20 * a.columns)) == Array(b.values.prefix(20 * b.columns)))
        #expect(a[20, 0] != b[20, 0])
    }

    @Test("invalid specs and values are typed errors")
    func errors() {
        #expect(throws: FeatureError.invalidLag(0)) { try FeatureSpec(lags: [0]) }
        #expect(throws: FeatureError.invalidWidth(-1)) { try FeatureSpec(rolling: [RollingFeature(.mean, width: -1)]) }
        #expect(throws: FeatureError.duplicateFeature("lag_3")) { try FeatureSpec(lags: [3, 1, 3]) }
        #expect(throws: FeatureError.duplicateFeature("rolling_std_6")) {
            try FeatureSpec(rolling: [RollingFeature(.std, width: 6), RollingFeature(.std, width: 6)])
        }
        #expect(throws: FeatureError.nonFiniteValue(index: 1, value: .infinity)) {
            try FeatureBuilder.build(RegularSeries(name: "x", start: 0, interval: 1, values: [0, .infinity]))
        }
    }

    @Test("an empty series gives an empty matrix with the column names")
    func empty() throws {
        let m = try FeatureBuilder.build(RegularSeries(name: "x", start: 0, interval: 1, values: []))
        #expect(m.rows == 0)
        #expect(m.columns == 8)
        #expect(m.values.isEmpty)
    }
}

@Suite("Calendar time against Foundation")
struct FeaturesCalendarAgreementTests {
    @Test("hour, minute and weekday agree with Foundation's UTC Gregorian calendar at 2000 seeded instants")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var rng = SplitMix64(seed: 2014_02_14)
        for _ in 0..<2_000 {
            // whole seconds between 1950 and 2100
            let t = (-631_152_000 + rng.nextUnit() * 4_733_510_400).rounded(.down)
            let parts = calendar.dateComponents([.hour, .minute, .weekday], from: Date(timeIntervalSince1970: t))
            let hour = try #require(parts.hour), minute = try #require(parts.minute), weekday = try #require(parts.weekday)
            let ours = CalendarTime(epochSeconds: t)
            #expect(ours.hourOfDay == Double(hour) + Double(minute) / 60, "t = \(t)")
            // Foundation: Sunday = 1 … Saturday = 7; ours: Monday = 0 … Sunday = 6
            #expect(ours.dayOfWeek == (weekday + 5) % 7, "t = \(t)")
        }
    }
}
