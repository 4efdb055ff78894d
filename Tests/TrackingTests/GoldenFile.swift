import Foundation
import Testing

/// Compares text with Tests/TrackingTests/Golden/<name>.txt; `RECORD_GOLDEN=1` rewrites the file.
enum GoldenFile {
    static var folder: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden") }

    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent("\(name).txt")
        let normalized = text.hasSuffix("\n") ? text : text + "\n"
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try normalized.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing golden file \(url.path); record it with RECORD_GOLDEN=1 swift test --filter TrackingTests", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != normalized {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = normalized.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("""
                \(name).txt differs at line \(line + 1):
                  expected: \(line < a.count ? String(a[line]) : "<end>")
                  actual:   \(line < b.count ? String(b[line]) : "<end>")
                Re-record with RECORD_GOLDEN=1 if the change is intended.
                """, sourceLocation: sourceLocation)
        }
    }
}
