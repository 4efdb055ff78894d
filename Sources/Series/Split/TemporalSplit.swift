/// Chronological split by index (EVALUATION.md §3):
/// n_train = floor(trainFraction·N), n_val = floor(validationFraction·N),
/// n_test = N − n_train − n_val; train = [0, n_train), validation =
/// [n_train, n_train + n_val), test = [n_train + n_val, N).
public struct TemporalSplit: Sendable, Equatable, Codable {
    public let count: Int
    public let trainCount: Int
    public let validationCount: Int

    public init(count: Int, trainFraction: Double = 0.70, validationFraction: Double = 0.15) throws(SplitError) {
        guard trainFraction > 0, validationFraction >= 0, trainFraction + validationFraction < 1 else {
            throw SplitError.invalidFractions(train: trainFraction, validation: validationFraction)
        }
        let nTrain = Int((trainFraction * Double(count)).rounded(.down))
        let nVal = Int((validationFraction * Double(count)).rounded(.down))
        guard nTrain >= 2, count - nTrain - nVal >= 1 else {
            throw SplitError.tooShort(count: count, train: nTrain, validation: nVal)
        }
        self.count = count
        trainCount = nTrain
        validationCount = nVal
    }

    public var testCount: Int { count - trainCount - validationCount }
    public var testStart: Int { trainCount + validationCount }
    public var train: Range<Int> { 0..<trainCount }
    public var validation: Range<Int> { trainCount..<testStart }
    public var test: Range<Int> { testStart..<count }
}

public enum SplitError: Error, Equatable, CustomStringConvertible {
    case invalidFractions(train: Double, validation: Double)
    case tooShort(count: Int, train: Int, validation: Int)

    public var description: String {
        switch self {
        case .invalidFractions(let train, let validation):
            return "split fractions train \(train) and validation \(validation) must be positive and sum to less than 1"
        case .tooShort(let count, let train, let validation):
            return "a series of \(count) points splits into \(train) train, \(validation) validation and \(count - train - validation) test points; it needs at least 2 train and 1 test point"
        }
    }
}
