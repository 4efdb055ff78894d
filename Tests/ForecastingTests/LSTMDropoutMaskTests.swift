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

    /// The mask follows the documented rule entry by entry (quarter u of draw k/4 drops entry
    /// k when u < round(p·2¹⁶)), at p = 0.3 and at the edges p = 2⁻¹⁷ (threshold 0: nothing
    /// dropped) and p = 0.99999 (threshold 2¹⁶: everything dropped); counts that are not a
    /// multiple of four take the tail path.
    @Test(arguments: [(Float(0.3), 1_001), (Float(1.0 / 131_072), 64), (Float(0.99999), 37)])
    func maskFollowsTheQuarterRule(probability: Float, count: Int) {
        var mask = [Float](repeating: .nan, count: count)
        var rng: SplitMix64? = SplitMix64(seed: 4)
        mask.withUnsafeMutableBufferPointer { fillDropoutMask($0.baseAddress!, count: count, probability: probability, rng: &rng) }
        var reference = SplitMix64(seed: 4)
        let threshold = UInt64((Double(probability) * 65_536).rounded()), keep = 1 / (1 - probability)
        var expected: [Float] = []
        while expected.count < count {
            var bits = reference.next()
            for _ in 0..<4 where expected.count < count {
                expected.append(bits & 0xFFFF < threshold ? 0 : keep)
                bits >>= 16
            }
        }
        #expect(mask == expected)
        #expect(rng?.next() == reference.next(), "the generator advances by one draw per four entries")
    }
}
