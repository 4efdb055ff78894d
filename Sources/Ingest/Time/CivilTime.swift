/// Proleptic Gregorian calendar arithmetic in UTC, exact in integers.
///
/// `daysSinceEpoch(year:month:day:)` is Howard Hinnant's `days_from_civil`: with
/// y' = y − [m ≤ 2], era = ⌊y'/400⌋, yoe = y' − 400·era,
/// doy = ⌊(153·(m + 9 mod 12) + 2)/5⌋ + d − 1, doe = 365·yoe + ⌊yoe/4⌋ − ⌊yoe/100⌋ + doy,
/// days = 146097·era + doe − 719468 (days from 1970-01-01). `civil(fromDays:)` inverts it.
/// No Foundation calendars or formatters: these run once per CSV row.
public enum CivilTime {
    /// Days from 1970-01-01 to the given date (negative before it).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let doy = (153 * shiftedMonth + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The (year, month, day) of the day `days` after 1970-01-01.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day of week with Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday = 3).
    public static func weekday(fromDays days: Int) -> Int {
        ((days % 7) + 7 + 3) % 7
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970 (UTC), with `.sss` milliseconds when the
    /// time rounded to milliseconds is not a whole second.
    public static func iso8601(epochSeconds: Double) -> String {
        let milliseconds = Int((epochSeconds * 1000).rounded())
        let whole = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = milliseconds - whole * 1000
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondsOfDay = whole - days * 86_400
        let date = civil(fromDays: days)
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
            + "\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))"
            + (fraction == 0 ? "Z" : ".\(pad(fraction, 3))Z")
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
