import Series
import Testing

@Suite struct ClosestMatchTests {
    @Test func editDistanceCountsInsertionsDeletionsSubstitutions() {
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("value", "value") == 0)
    }

    @Test func suggestsOnlyPlausibleMisspellings() {
        #expect(closestMatch(to: "avg_cpu ", in: ["timestamp", "avg_cpu", "max_cpu"]) == "avg_cpu")
        #expect(closestMatch(to: "hiden_size", in: ["hidden_size", "num_layers"]) == "hidden_size")
        #expect(closestMatch(to: "throughput", in: ["cpu", "memory"]) == nil)
    }
}
