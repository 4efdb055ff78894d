import Testing
import Tracking

@Suite("Constant-time comparison of secrets")
struct ConstantTimeComparisonTests {
    @Test("equal only for the same bytes: not for a prefix, an extension, one changed byte or the empty string")
    func equality() {
        #expect(ConstantTimeComparison.equal("s3cret-token", "s3cret-token"))
        #expect(ConstantTimeComparison.equal("", ""))
        #expect(!ConstantTimeComparison.equal("s3cret", "s3cret-token"))
        #expect(!ConstantTimeComparison.equal("s3cret-token", "s3cret"))
        #expect(!ConstantTimeComparison.equal("s3cret-tokem", "s3cret-token"))
        #expect(!ConstantTimeComparison.equal("", "x"))
        #expect(!ConstantTimeComparison.equal("é", "e\u{301}"))   // bytes, not Unicode equivalence
    }
}
