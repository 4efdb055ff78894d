import Forecasting
import Foundation
import Ingest
import Series

/// `bench-lstm --dev DIR`: scores naive and the LSTM (level modes `relative_to_last` and
/// `absolute`) on every CSV in DIR by the evaluation protocol and prints per-series MAE
/// and relMAE = geometric mean over series of MAE(model)/MAE(naive) per horizon
/// (TARGETS.md §1; AutoARIMA's NAB figures there: 0.883 / 0.828 / 0.863).
func runDevSeries(directory: String, epochs: Int, hidden: Int, modes: [LevelMode], loss: LSTMLoss, scale: ScaleEstimator) throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".csv") }.sorted()
    guard !files.isEmpty else {
        print("dev series: no CSV files in \(directory); skipped")
        return
    }
    let evaluator = Evaluator()
    let keys = ["5", "15", "30"]
    var ratios: [LevelMode: [[Double]]] = [:]
    for file in files {
        let read = try CSVSeriesReader.read(path: directory + "/" + file)
        let plan = try EvaluationPlan(series: read.series, horizonMinutes: [5, 15, 30])
        let naive = try evaluator.evaluate(Naive(), plan: plan)
        let naiveMAE = keys.map { naive.horizons[$0]?.mae ?? .nan }
        print("\(file): naive MAE \(naiveMAE.map { String(format: "%.6f", $0) }.joined(separator: " / "))")
        for mode in modes {
            var configuration = LSTMConfiguration(level: mode, levelScale: scale, hiddenSize: hidden)
            configuration.training.epochs = epochs
            configuration.training.loss = loss
            let hooks = LSTMTrainer.Hooks(events: { event in
                if case .finished(let best, let loss, let run) = event {
                    FileHandle.standardError.write("  \(mode.rawValue): best epoch \(best) of \(run), validation loss \(loss)\n".data(using: .utf8) ?? Data())
                }
            }, now: LSTMForecaster.monotonicSeconds)
            let report = try evaluator.evaluate(LSTMForecaster(configuration: configuration, hooks: hooks), plan: plan)
            let mae = keys.map { report.horizons[$0]?.mae ?? .nan }
            let ratio = zip(mae, naiveMAE).map { $0 / $1 }
            ratios[mode, default: []].append(ratio)
            print("  lstm \(mode.rawValue): MAE \(mae.map { String(format: "%.6f", $0) }.joined(separator: " / "))  MAE/naive \(ratio.map { String(format: "%.3f", $0) }.joined(separator: " / "))  fit \(String(format: "%.1f", report.fitSeconds)) s")
            fflush(nil)
        }
    }
    for mode in modes {
        let rows = ratios[mode] ?? []
        let rel = (0..<3).map { h in exp(rows.map { log($0[h]) }.reduce(0, +) / Double(rows.count)) }
        print("relMAE lstm \(mode.rawValue) over \(rows.count) series (5 / 15 / 30): \(rel.map { String(format: "%.3f", $0) }.joined(separator: " / "))")
    }
}
