import Foundation

/// The one-line result of a `data` subcommand, printed as text or (with --json) as JSON.
struct DataCommandSummary: Encodable {
    var output: String
    var rows: Int
    var containers: [String]
    var samples: Int
    var intervalSeconds: Double
    var seed: UInt64?

    enum CodingKeys: String, CodingKey {
        case output, rows, containers, samples, seed
        case intervalSeconds = "interval_seconds"
    }

    func text(verb: String) -> String {
        let seedText = seed.map { ", seed \($0)" } ?? ""
        let every = intervalSeconds == intervalSeconds.rounded() ? String(Int(intervalSeconds)) : String(intervalSeconds)
        return "\(verb) \(rows) rows (\(containers.count) container\(containers.count == 1 ? "" : "s") × 6 metrics × \(samples) samples "
            + "every \(every) s\(seedText)) to \(output == "-" ? "standard output" : output)"
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Prints to standard output, or to standard error when the CSV itself went to standard output.
    func print(verb: String, json: Bool) throws {
        let line = (json ? try self.json() : text(verb: verb)) + "\n"
        let handle = output == "-" ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(line.utf8))
    }
}
