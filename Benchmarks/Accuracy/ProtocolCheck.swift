import Forecasting

/// The evidence that the reference script ran the same protocol as ours: on every series
/// and horizon, the naive model's test MAE it computed equals ours (`Naive` through
/// `ModelSpec.evaluate`) to `tolerance` absolute. Grid, split, scaling and origins all
/// enter that number, so a difference in any of them shows.
struct ProtocolCheck: Encodable {
    static let tolerance = 1e-9

    let folder: String
    /// Series × horizons compared (each reference model's copy counted once per model).
    let comparisons: Int
    let maxAbsoluteDifference: Double

    /// `naive[stem]` is our naive report of the file `stem`.csv.
    init(folder: String, naive: [String: EvaluationReport], reference: [ReferenceResult]) throws {
        var comparisons = 0
        var worst = 0.0
        for result in reference {
            guard let ours = naive[result.series] else {
                throw BenchError("\(folder): the reference script scored series \(result.series), which we did not read")
            }
            for (minutes, theirs) in result.naiveMAE {
                guard let mine = ours.horizons[minutes]?.mae else {
                    throw BenchError("\(folder)/\(result.series): the reference has horizon \(minutes) min, ours has \(ours.horizons.keys.sorted())")
                }
                let difference = abs(mine - theirs)
                guard difference <= Self.tolerance else {
                    throw BenchError("\(folder)/\(result.series) (\(result.model.rawValue)), \(minutes) min: naive MAE ours \(mine), reference \(theirs), difference \(difference) > \(Self.tolerance); the reference script does not run EVALUATION.md as we do — fix Benchmarks/Stats/Reference/protocol.py or reference_accuracy.py")
                }
                worst = max(worst, difference)
                comparisons += 1
            }
        }
        self.folder = folder
        self.comparisons = comparisons
        maxAbsoluteDifference = worst
    }
}
