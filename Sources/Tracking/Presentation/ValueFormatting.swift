import Foundation

/// How tables (and the web UI's pages) spell values. All times are UTC so output does not depend on the machine.
public enum ValueFormatting {
    /// Up to six significant digits (`%.6g`); NaN, inf and -inf spelled out; nil as "—".
    public static func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.6g", value)
    }

    /// A signed change: "+0.0123", "-4".
    public static func signed(_ value: Double?) -> String {
        guard let value else { return "—" }
        let text = number(value)
        return value > 0 ? "+" + text : text
    }

    /// A relative change as a percentage with one decimal: "+12.5%".
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        let text = String(format: "%.1f%%", value * 100)
        return value > 0 ? "+" + text : text
    }

    /// "2026-11-29 09:10:16" (UTC).
    public static func time(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        var raw = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&raw, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// "45s", "3m 05s", "2h 07m".
    public static func duration(from start: Double, to end: Double?) -> String {
        guard let end else { return "—" }
        let total = Int(max(0, end - start).rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return String(format: "%dm %02ds", total / 60, total % 60) }
        return String(format: "%dh %02dm", total / 3600, (total % 3600) / 60)
    }

    /// "1.2 KB" style sizes (powers of 1024), exact bytes below 1 KB.
    public static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var index = 0
        while value >= 1024, index < units.count - 1 { value /= 1024; index += 1 }
        return String(format: "%.1f %@", value, units[index])
    }
}
