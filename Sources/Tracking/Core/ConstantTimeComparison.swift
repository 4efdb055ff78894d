/// Comparing secrets (bearer tokens, CSRF tokens) without revealing through timing how many
/// leading bytes matched: every byte of the longer string is visited whatever the first
/// difference. Used by `runs server`'s write guard and the web UI's forms.
public enum ConstantTimeComparison {
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
