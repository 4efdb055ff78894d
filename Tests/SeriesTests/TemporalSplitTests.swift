import Series
import Testing

@Suite struct TemporalSplitTests {
    @Test func floorsTrainAndValidationLikeTheProtocol() throws {
        // 0.7·4032 = 2822.4 → 2822; 0.15·4032 = 604.8 → 604; test = 606.
        let split = try TemporalSplit(count: 4032)
        #expect(split.trainCount == 2822)
        #expect(split.validationCount == 604)
        #expect(split.testCount == 606)
        #expect(split.test == 3426..<4032)
        #expect(split.validation == 2822..<3426)
    }

    @Test func rejectsSeriesTooShortToSplit() {
        #expect(throws: SplitError.tooShort(count: 2, train: 1, validation: 0)) { try TemporalSplit(count: 2) }
    }

    @Test func rejectsFractionsThatLeaveNoTest() {
        #expect(throws: SplitError.invalidFractions(train: 0.9, validation: 0.1)) {
            try TemporalSplit(count: 100, trainFraction: 0.9, validationFraction: 0.1)
        }
    }
}
