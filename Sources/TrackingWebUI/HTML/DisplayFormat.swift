import Foundation

/// How pages spell values: numbers to six significant digits with NaN and ±inf written out,
/// times in UTC (pages do not depend on the server's time zone), sizes in KiB steps.
enum DisplayFormat {
    static func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+inf" : "-inf" }
        return String(format: "%.6g", value)
    }

    /// "2026-11-29 09:10:16 UTC"; "—" for nil.
    static func time(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        var raw = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&raw, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d UTC", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    static func bytes(_ count: Int64) -> String {
        if count < 1024 { return "\(count) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(format: "%.1f %@", value, units[unit])
    }

    /// The CSS class of a value that is not a finite number (`nonfinite`), so NaN and ±inf stand out.
    static func valueClass(_ value: Double?) -> String {
        guard let value else { return "missing" }
        return value.isFinite ? "num" : "num nonfinite"
    }
}
