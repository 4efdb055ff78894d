/// Validates a training part for a scaler: non-empty, every value finite. Returns the
/// values as an array so fitting can make several passes.
func checkedTrainingValues(_ train: some Collection<Double>) throws(ScalerError) -> [Double] {
    guard !train.isEmpty else { throw .emptyTrainingData }
    var values: [Double] = []
    values.reserveCapacity(train.count)
    for v in train {
        guard v.isFinite else { throw .nonFiniteTrainingData(v) }
        values.append(v)
    }
    return values
}
