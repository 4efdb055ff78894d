import Tracking

/// How pages spell values: as the `runs` tables do (`Tracking.ValueFormatting`: six significant
/// digits, NaN / inf / -inf written out, sizes in 1024 steps), times marked UTC.
enum DisplayFormat {
    static func number(_ value: Double?) -> String { ValueFormatting.number(value) }

    /// "2026-11-29 09:10:16 UTC"; "—" for nil.
    static func time(_ seconds: Double?) -> String {
        let text = ValueFormatting.time(seconds)
        return text == "—" ? text : text + " UTC"
    }

    static func bytes(_ count: Int64) -> String { ValueFormatting.size(count) }

    /// The CSS class of a number cell: `missing` for nil, `num nonfinite` for NaN and ±inf (red).
    static func valueClass(_ value: Double?) -> String {
        guard let value else { return "missing" }
        return value.isFinite ? "num" : "num nonfinite"
    }
}
