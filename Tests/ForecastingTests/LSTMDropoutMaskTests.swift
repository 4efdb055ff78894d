@testable import Forecasting
import Kernels
import Testing

@Suite struct LSTMDropoutMaskTests {
    /// 1,000,003 entries at p = 0.3 (four per 64-bit draw, and a tail of 3): entries are
    /// 0 or 1/0.7; the dropped share is within 5 binomial standard deviations (4.6e-4 each)
    /// of 0.3; neighbours (which share a draw) are independent: both dropped ≈ 0.09; the
    /// same seed gives the same mask; nil or p = 0 gives ones.
    @Test func maskHasTheRequestedRateAndIndependentNeighbours() {
        let count = 1_000_003
        var mask = [Float](repeating: .nan, count: count)
        var rng: SplitMix64? = SplitMix64(seed: 9)
        mask.withUnsafeMutableBufferPointer { fillDropoutMask($0.baseAddress!, count: count, probability: 0.3, rng: &rng) }
        #expect(mask.allSatisfy { $0 == 0 || $0 == Float(1) / Float(0.7) })
        let dropped = Double(mask.filter { $0 == 0 }.count) / Double(count)
        #expect(abs(dropped - 0.3) < 5 * 4.6e-4, "dropped share \(dropped)")
        var pairs = 0, both = 0
        for k in stride(from: 0, to: count - 1, by: 2) {
            pairs += 1
            if mask[k] == 0 && mask[k + 1] == 0 { both += 1 }
        }
        // sd of the pair share: √(0.09·0.91/500,000) ≈ 4.0e-4.
        #expect(abs(Double(both) / Double(pairs) - 0.09) < 5 * 4.0e-4, "both dropped \(Double(both) / Double(pairs))")

        var again = [Float](repeating: .nan, count: count)
        var same: SplitMix64? = SplitMix64(seed: 9)
        again.withUnsafeMutableBufferPointer { fillDropoutMask($0.baseAddress!, count: count, probability: 0.3, rng: &same) }
        #expect(again == mask)

        var ones = [Float](repeating: .nan, count: 5)
        var none: SplitMix64? = nil
        ones.withUnsafeMutableBufferPointer { fillDropoutMask($0.baseAddress!, count: 5, probability: 0.3, rng: &none) }
        #expect(ones == [1, 1, 1, 1, 1])
    }
}
