import Forecasting
import Foundation
import Ingest
import Series

/// `autoscale evaluate --global` reads a `SeriesEvaluationRequest` as many series: one model
/// is trained across every series of `dataPath`, each scored by the protocol
/// (docs/ARCHITECTURE.md, "Global training").
///
/// `dataPath` is a CSV file or a folder:
/// - a file gives every series the selection leaves (every container of the chosen metric of
///   a long file, every container of a wide file's column); they must be of one metric;
/// - a folder gives one series per `*.csv` file in it (name order), each read with the
///   selection (e.g. `--column avg_cpu`).
extension SeriesEvaluationRequest {
    /// Every series this request names, in name order, each turned into its rate when a counter.
    func readEverySeries() throws -> [TimeSeries] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataPath, isDirectory: &isFolder) else {
            throw IngestError.unreadableFile(path: dataPath, reason: "no such file or folder")
        }
        let series: [TimeSeries]
        if isFolder.boolValue {
            let files = try FileManager.default.contentsOfDirectory(atPath: dataPath).filter { $0.hasSuffix(".csv") }.sorted()
            guard !files.isEmpty else { throw GlobalEvaluationError.noCSVFiles(folder: dataPath) }
            series = try files.map { file in
                try CSVSeriesReader.read(path: URL(fileURLWithPath: dataPath).appendingPathComponent(file).path, options: readOptions).series
            }
        } else {
            let read = try CSVSeriesReader.readAllSeries(path: dataPath, options: readOptions)
            let metrics = Set(read.series.keys.map(\.metric)).sorted()
            guard metrics.count == 1 else { throw GlobalEvaluationError.severalMetrics(path: dataPath, metrics: metrics) }
            series = read.series.keys.sorted().map { read.series[$0]! }
        }
        return try series.map { try ConfiguredSeries.apply(countersToRates: countersToRates, scale: scale, to: $0) }
    }
}

/// Why a global evaluation cannot start.
public enum GlobalEvaluationError: Error, Equatable, CustomStringConvertible {
    case noCSVFiles(folder: String)
    case severalMetrics(path: String, metrics: [String])

    public var description: String {
        switch self {
        case .noCSVFiles(let folder):
            return "Folder '\(folder)' holds no .csv file; --global trains across the CSV files of a folder or the series of one file."
        case .severalMetrics(let path, let metrics):
            return "'\(path)' holds the metrics \(metrics.joined(separator: ", ")); a global model is trained per metric: choose one with --metric (or --column)."
        }
    }
}
