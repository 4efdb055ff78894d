import Foundation
import Testing

/// Compares text with a golden file `<folder>/<name>.txt`; with `RECORD_GOLDEN=1` in the
/// environment the file is (re)written instead, and the diff is to be read in review.
public struct GoldenFile: Sendable {
    public let folder: URL

    /// `folder` is usually `Golden` beside the test file: pass `#filePath`.
    public init(besideTestFile testFile: String = #filePath, folderName: String = "Golden") {
        folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent(folderName)
    }

    public func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent("\(name).txt")
        let normalized = text.hasSuffix("\n") ? text : text + "\n"
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try normalized.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing golden file \(url.path); record it with RECORD_GOLDEN=1 swift test", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard expected != normalized else { return }
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
