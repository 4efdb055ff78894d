/// Splits a filter expression into tokens, each with the 1-based column where it starts.
///
/// Words are `[A-Za-z_][A-Za-z0-9_./:-]*` (so `metrics.mae_15m` is one word); strings are quoted
/// with `'…'` or `"…"` (a doubled quote inside stands for one); `` `…` `` quotes a key with
/// spaces; numbers are decimal with an optional sign and exponent.
struct FilterToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case word(String)
        case string(String)
        case backticked(String)
        case number(Double)
        case symbol(String)   // = != <> < <= > >= ( ) ,
        case end
    }
    let kind: Kind
    let column: Int
}

enum FilterLexer {
    static func tokenize(_ text: String) throws -> [FilterToken] {
        let chars = Array(text)
        var tokens: [FilterToken] = []
        var i = 0
        func fail(_ column: Int, _ message: String) -> FilterError {
            FilterError(expression: text, column: column, message: message)
        }
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "-", String(chars[(i + 1)...].prefix(3)).lowercased() == "inf" {
                var j = i + 1
                while j < chars.count, chars[j].isLetter { j += 1 }
                let word = String(chars[(i + 1)..<j]).lowercased()
                guard word == "inf" || word == "infinity" else { throw fail(column, "'-\(word)' is not a number") }
                tokens.append(FilterToken(kind: .number(-.infinity), column: column))
                i = j
                continue
            }
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || "_./:-".contains(chars[j]) { j += 1 }
                tokens.append(FilterToken(kind: .word(String(chars[i..<j])), column: column))
                i = j
            } else if c == "'" || c == "\"" || c == "`" {
                var j = i + 1
                var value = ""
                var closed = false
                while j < chars.count {
                    if chars[j] == c {
                        if j + 1 < chars.count, chars[j + 1] == c { value.append(c); j += 2; continue }
                        closed = true
                        break
                    }
                    value.append(chars[j])
                    j += 1
                }
                guard closed else { throw fail(column, "this \(c) quote is never closed") }
                tokens.append(FilterToken(kind: c == "`" ? .backticked(value) : .string(value), column: column))
                i = j + 1
            } else if c.isNumber || ((c == "-" || c == "+" || c == ".") && i + 1 < chars.count && (chars[i + 1].isNumber || chars[i + 1] == ".")) {
                var j = i + 1
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isNumber {
                        while k < chars.count, chars[k].isNumber { k += 1 }
                        j = k
                    }
                }
                let literal = String(chars[i..<j])
                guard let number = Double(literal) else { throw fail(column, "'\(literal)' is not a number") }
                tokens.append(FilterToken(kind: .number(number), column: column))
                i = j
            } else if let symbol = twoCharacterSymbol(chars, i) {
                tokens.append(FilterToken(kind: .symbol(symbol), column: column))
                i += 2
            } else if "=<>(),".contains(c) {
                tokens.append(FilterToken(kind: .symbol(String(c)), column: column))
                i += 1
            } else {
                throw fail(column, "unexpected character '\(c)'")
            }
        }
        tokens.append(FilterToken(kind: .end, column: chars.count + 1))
        return tokens
    }

    private static func twoCharacterSymbol(_ chars: [Character], _ i: Int) -> String? {
        guard i + 1 < chars.count else { return nil }
        let pair = String(chars[i...i + 1])
        switch pair {
        case "!=", "<>": return "!="
        case "<=", ">=", "==": return pair == "==" ? "=" : pair
        default: return nil
        }
    }
}
