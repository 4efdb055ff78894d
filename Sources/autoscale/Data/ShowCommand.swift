import ArgumentParser
import Foundation
import Ingest

/// `autoscale data show FILE`: read one series and describe it (a check that a file and a
/// selection read as intended before evaluating on them).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Read one series from a CSV file and print its shape, size, time span and value range."
    )

    @Argument(help: "CSV file: timestamp,value; long timestamp,container,metric,value; wide; or without timestamps.")
    var file: String

    @OptionGroup var input: SeriesInputOptions
    @OptionGroup var format: OutputOptions

    func run() throws {
        let result = try CSVSeriesReader.read(path: file, options: input.readOptions())
        try SeriesSummary(result: result).print(json: format.json)
    }
}

/// What `data show` prints.
struct SeriesSummary: Encodable {
    var series: String
    var shape: String
    var points: Int
    var skippedRows: Int
    var first: String?
    var last: String?
    /// Median of the differences of consecutive timestamps (the grid step of the evaluation protocol).
    var medianStepSeconds: Double?
    var minimum: Double?
    var maximum: Double?

    enum CodingKeys: String, CodingKey {
        case series, shape, points, first, last, minimum, maximum
        case skippedRows = "skipped_rows"
        case medianStepSeconds = "median_step_seconds"
    }

    init(result: SeriesReadResult) {
        let t = result.series.timestamps
        series = result.series.name
        shape = result.shape.rawValue
        points = result.series.count
        skippedRows = result.skippedRows
        first = t.first.map { CivilTime.iso8601(epochSeconds: $0) }
        last = t.last.map { CivilTime.iso8601(epochSeconds: $0) }
        let steps = zip(t.dropFirst(), t).map { $0 - $1 }.sorted()
        medianStepSeconds = steps.isEmpty
            ? nil : (steps.count % 2 == 1 ? steps[steps.count / 2] : (steps[steps.count / 2 - 1] + steps[steps.count / 2]) / 2)
        minimum = result.series.values.min()
        maximum = result.series.values.max()
    }

    func print(json: Bool) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(self), as: UTF8.self))
            return
        }
        let rows: [(String, String)] = [
            ("series", series), ("shape", shape), ("points", String(points)), ("skipped rows", String(skippedRows)),
            ("first", first ?? "-"), ("last", last ?? "-"),
            ("median step", medianStepSeconds.map { "\($0) s" } ?? "-"),
            ("min", minimum.map { "\($0)" } ?? "-"), ("max", maximum.map { "\($0)" } ?? "-"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        for (key, value) in rows {
            Swift.print(key + String(repeating: " ", count: width - key.count) + "  " + value)
        }
    }
}
