import Foundation

/// The shell commands of a Markdown file's ```sh blocks, one per command as a reader would
/// type it: continuation lines (`\` at the end) joined, trailing `# comments` removed,
/// `a; b` split in two. The README test runs each of them, so the README cannot drift
/// from the tools (docs/README.md: "The README is tested").
public struct ReadmeCommand: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the command's first line in the file.
    public let line: Int
    /// The command without its comment, whitespace trimmed.
    public let text: String

    public var description: String { "README.md:\(line): \(text)" }
}

public enum ReadmeCommands {
    /// Every command of the ```sh (or ```bash / ```shell) blocks of `markdown`, in order.
    public static func parse(_ markdown: String) -> [ReadmeCommand] {
        var commands: [ReadmeCommand] = []
        var inShellBlock = false
        var inOtherBlock = false
        var pending = ""
        var pendingLine = 0
        for (index, raw) in markdown.components(separatedBy: "\n").enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if inShellBlock || inOtherBlock {
                    inShellBlock = false
                    inOtherBlock = false
                } else {
                    let info = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                    if ["sh", "bash", "shell", "console"].contains(info) { inShellBlock = true } else { inOtherBlock = true }
                }
                continue
            }
            guard inShellBlock else { continue }
            let code = withoutComment(raw)
            if pending.isEmpty { pendingLine = index + 1 }
            if code.hasSuffix("\\") {
                pending += String(code.dropLast()).trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            let whole = (pending + code).trimmingCharacters(in: .whitespaces)
            pending = ""
            for part in splitOnSemicolons(whole) where !part.isEmpty {
                commands.append(ReadmeCommand(line: pendingLine, text: part))
            }
        }
        return commands
    }

    /// `line` up to a `#` that starts a comment (after whitespace, outside quotes), trimmed
    /// at the end.
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var end = line.endIndex
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#", previous == " " || previous == "\t" {
                end = index
                break
            }
            previous = c
        }
        return String(line[..<end]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    /// `a; b` → [a, b], outside quotes.
    static func splitOnSemicolons(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == ";" {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(c)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }
}
