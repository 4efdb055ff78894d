import Foundation

/// A field of a record as a byte range [start, end) into the file, without surrounding
/// spaces or quotes. `hasEscapedQuotes` marks a quoted field containing `""`.
struct FieldSpan: Sendable {
    var start: Int
    var end: Int
    var hasEscapedQuotes: Bool
}

/// Splits CSV bytes into records of field spans (RFC 4180: comma separated, optional
/// double quotes with `""` escapes and embedded newlines; LF or CRLF line ends).
/// Blank lines are skipped; a UTF-8 byte-order mark is ignored. Works on bytes so that
/// reading 100k rows allocates nothing per row.
struct CSVScanner {
    let path: String
    let bytes: [UInt8]
    private(set) var position: Int
    /// 1-based line number at `position`.
    private(set) var line: Int

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        position = hasBOM ? 3 : 0
        line = 1
    }

    /// Reads the whole file at `path`.
    static func load(path: String) throws(IngestError) -> CSVScanner {
        CSVScanner(path: path, bytes: try FileBytes.read(path: path))
    }

    /// Fills `fields` with the next record's fields and returns its first line number,
    /// or nil at the end of the file. A malformed quote throws with its location.
    mutating func nextRecord(into fields: inout [FieldSpan]) throws(IngestError) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        // Skip blank lines.
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\n") {
                position += 1
                line += 1
            } else if byte == UInt8(ascii: "\r") {
                position += 1
                if position < count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                line += 1
            } else {
                break
            }
        }
        guard position < count else { return nil }
        let recordLine = line
        while true {
            try scanField(into: &fields, recordLine: recordLine)
            if position >= count { return recordLine }
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") {
                position += 1
                continue
            }
            // Line end.
            position += 1
            if byte == UInt8(ascii: "\r"), position < count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
            line += 1
            return recordLine
        }
    }

    /// Scans one field and leaves `position` at the following comma, line end or end of file.
    private mutating func scanField(into fields: inout [FieldSpan], recordLine: Int) throws(IngestError) {
        let count = bytes.count
        while position < count, isBlank(bytes[position]) { position += 1 }
        if position < count, bytes[position] == UInt8(ascii: "\"") {
            let quoteLine = line
            position += 1
            let start = position
            var escaped = false
            while true {
                guard position < count else {
                    throw .badRow(
                        SourceLocation(path: path, line: quoteLine, column: fields.count + 1),
                        .malformedQuote(detail: "the quoted field is not closed before the end of the file"))
                }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    if position + 1 < count, bytes[position + 1] == UInt8(ascii: "\"") {
                        escaped = true
                        position += 2
                        continue
                    }
                    break
                }
                if byte == UInt8(ascii: "\n") { line += 1 }
                position += 1
            }
            fields.append(FieldSpan(start: start, end: position, hasEscapedQuotes: escaped))
            position += 1
            while position < count, isBlank(bytes[position]) { position += 1 }
            if position < count, !isFieldEnd(bytes[position]) {
                throw .badRow(
                    SourceLocation(path: path, line: line, column: fields.count),
                    .malformedQuote(detail: "text follows the closing quote of a quoted field"))
            }
            return
        }
        let start = position
        while position < count, !isFieldEnd(bytes[position]) { position += 1 }
        var end = position
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        fields.append(FieldSpan(start: start, end: end, hasEscapedQuotes: false))
    }

    /// The field's text, with `""` unescaped.
    func text(_ span: FieldSpan) -> String {
        let raw = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
        return span.hasEscapedQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// Whether the field's text equals `target` (already UTF-8 encoded).
    func field(_ span: FieldSpan, equals target: [UInt8]) -> Bool {
        if span.hasEscapedQuotes { return Array(text(span).utf8) == target }
        guard span.end - span.start == target.count else { return false }
        var index = span.start
        for byte in target {
            if bytes[index] != byte { return false }
            index += 1
        }
        return true
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}

extension CSVScanner {
    /// After a malformed record, continues at the start of the next line.
    mutating func skipToNextLine() {
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                return
            }
            if byte == UInt8(ascii: "\r") {
                if position < count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
                line += 1
                return
            }
        }
    }
}
