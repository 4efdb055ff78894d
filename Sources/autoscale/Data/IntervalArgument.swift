import ArgumentParser
import Ingest

/// Command-line intervals ("15s", "5m", "1h", "300") read by `IntervalParser`, with its
/// sentence as the validation message.
enum IntervalArgument {
    static func seconds(_ text: String, option: String) throws -> Double {
        do {
            return try IntervalParser.seconds(from: text)
        } catch {
            throw ValidationError("\(option): \(error.description)")
        }
    }
}
