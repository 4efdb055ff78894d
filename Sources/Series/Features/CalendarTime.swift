/// Calendar position of an instant in UTC, computed by integer arithmetic on epoch
/// seconds (no time zones, so no DST jumps):
///
///     days   = ⌊t / 86400⌋,           second of day r = t − 86400·days
///     hour   = ⌊r / 3600⌋,            minute = ⌊(r − 3600·hour) / 60⌋
///     hourOfDay = hour + minute/60    (seconds are ignored, EVALUATION.md §7)
///     dayOfWeek = (days + 3) mod 7    (Monday = 0; 1970-01-01 was a Thursday = 3)
public struct CalendarTime: Sendable, Equatable {
    /// hour + minute/60, in [0, 24).
    public let hourOfDay: Double
    /// 0 = Monday … 6 = Sunday.
    public let dayOfWeek: Int

    /// `epochSeconds` must be finite (the feature builder checks).
    public init(epochSeconds t: Double) {
        let days = (t / 86_400).rounded(.down)
        let secondOfDay = t - days * 86_400
        let hour = (secondOfDay / 3_600).rounded(.down)
        let minute = ((secondOfDay - hour * 3_600) / 60).rounded(.down)
        hourOfDay = hour + minute / 60
        let weekday = (days + 3).truncatingRemainder(dividingBy: 7)
        dayOfWeek = Int(weekday < 0 ? weekday + 7 : weekday)
    }
}
