import YAMLTree

/// A token of the expression language, with its place in the expression's text.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case name(String)
        case integer(Int)
        case number(Double)
        case string(String)
        case date(Day)
        case op(String)
        case end
    }

    var kind: Kind
    var offset: Int
    var length: Int
}

/// A problem found while lexing or parsing, at an offset in the expression.
struct ExpressionError: Error, Sendable {
    var code: DiagnosticCodeName
    var message: String
    var offset: Int
    /// Other places the message speaks of (the bracket a missing one should close), by offset.
    var notes: [(message: String, offset: Int)] = []

    enum DiagnosticCodeName: Sendable { case syntax, limit }
}

/// Splits an expression into tokens.
struct Lexer {
    static func tokens(_ text: String) throws(ExpressionError) -> [Token] { try tokens(ScalarSpans(text)) }

    static func tokens(_ spans: ScalarSpans) throws(ExpressionError) -> [Token] {
        let s = spans.scalars
        var i = 0
        var out: [Token] = []
        // ASCII answered directly: Unicode's property tables are the slow path, for the rest.
        func isAlphabetic(_ u: Unicode.Scalar) -> Bool {
            u.isASCII ? ("a"..."z").contains(u) || ("A"..."Z").contains(u) : u.properties.isAlphabetic
        }
        func isWhitespace(_ u: Unicode.Scalar) -> Bool {
            u.isASCII ? u == " " || (9...13).contains(u.value) : u.properties.isWhitespace
        }
        func isNameStart(_ u: Unicode.Scalar) -> Bool { isAlphabetic(u) || u == "_" }
        // A combining mark (the accent of e + U+0301) belongs to the letter before it, so "é" is
        // one name however it is encoded.
        let isMark = VisibleText.isCombiningMark
        func isNamePart(_ u: Unicode.Scalar) -> Bool {
            isAlphabetic(u) || u == "_" || u == "." || u == "-" || ("0"..."9").contains(u) || isMark(u)
        }
        func isDigit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }
        while i < s.count {
            let u = s[i]
            if isWhitespace(u) { i += 1; continue }
            let start = i
            if isNameStart(u) {
                while i < s.count, isNamePart(s[i]) { i += 1 }
                // A name never ends with '.' or '-'.
                while i > start + 1, s[i - 1] == "." || s[i - 1] == "-" { i -= 1 }
                out.append(Token(kind: .name(spans.text(start, i - start)), offset: start, length: i - start))
                continue
            }
            if isDigit(u) {
                while i < s.count, isDigit(s[i]) || s[i] == "_" || s[i] == "-" || s[i] == "." || isAlphabetic(s[i]) { i += 1 }
                let literal = spans.text(start, i - start)
                if literal.contains("-") {
                    guard let day = Day(literal) else {
                        throw ExpressionError(code: .syntax, message: "'\(literal)' is not a date: \(Day.problem(literal) ?? "write YYYY-MM-DD")", offset: start)
                    }
                    out.append(Token(kind: .date(day), offset: start, length: i - start))
                } else if let n = DecodeContext.parseInteger(literal) {
                    out.append(Token(kind: .integer(n), offset: start, length: i - start))
                } else if literal.utf8.allSatisfy({ (48...57).contains($0) || $0 == 95 }) {
                    // Digits alone, past 64 bits: not quietly a rounded fraction, as a fact's value is not.
                    throw ExpressionError(code: .limit, message: "\(Self.quoted(literal)) is past the largest whole number, \(Value.grouped(Int.max))", offset: start)
                } else if literal.utf8.allSatisfy({ (48...57).contains($0) || $0 == 95 || $0 == 46 }), literal.utf8.count(where: { $0 == 46 }) == 1,
                          DecodeContext.parseNumber(literal) == nil {
                    // A fraction too large for a 64-bit float: a number, not a name.
                    throw ExpressionError(code: .limit, message: "\(Self.quoted(literal)) is past the largest number a condition can hold", offset: start)
                } else if !literal.contains(where: \.isLetter), let d = DecodeContext.parseNumber(literal) {
                    out.append(Token(kind: .number(d), offset: start, length: i - start))
                } else {
                    // A value like 2A: a bare enum value that starts with a digit.
                    out.append(Token(kind: .name(literal), offset: start, length: i - start))
                }
                continue
            }
            if u == "\"" || u == "'" {
                let quote = u
                i += 1
                var value = String.UnicodeScalarView()
                var closed = false
                while i < s.count {
                    let c = s[i]
                    if c == quote { closed = true; i += 1; break }
                    if c == "\\", i + 1 < s.count { value.append(s[i + 1]); i += 2; continue }
                    value.append(c)
                    i += 1
                }
                guard closed else {
                    throw ExpressionError(code: .syntax, message: "this string is never closed", offset: start)
                }
                out.append(Token(kind: .string(String(value)), offset: start, length: i - start))
                continue
            }
            if i + 1 < s.count, s[i + 1] == "=", u == "=" || u == "!" || u == "<" || u == ">" {
                out.append(Token(kind: .op(spans.text(i, 2)), offset: start, length: 2))
                i += 2
                continue
            }
            if "<>()[],".unicodeScalars.contains(u) {
                out.append(Token(kind: .op(String(u)), offset: start, length: 1))
                i += 1
                continue
            }
            let negative = u == "-" && i + 1 < s.count && isDigit(s[i + 1])
            let hint = u == "=" ? " (compare with '==')" : u == "&" || u == "|" || u == "!" ? " (write and, or, not)"
                : negative ? " (a number in a condition cannot be negative)" : ""
            // A mark or a hidden character is named (<U+0301>): quoted as it is, it would join the quote.
            let shown = isMark(u) || VisibleText.isHidden(u) ? "<\(VisibleText.name(u))>" : "'\(u)'"
            throw ExpressionError(code: .syntax, message: "unexpected character \(shown)\(hint)", offset: start)
        }
        out.append(Token(kind: .end, offset: s.count, length: 0))
        return out
    }

    /// `text` in quotes for a message, each scalar as `escape` writes it (nil: as it is), and its
    /// middle cut when it is longer than `head` + 20 scalars: the first `head`, "…", the last 10,
    /// and its length after the closing quote (a 400-digit number, a long string).
    static func quoted(_ text: String, quote: String = "'", head: Int = 20, escape: (Unicode.Scalar) -> String? = { _ in nil }) -> String {
        let scalars = Array(text.unicodeScalars)
        let cut = scalars.count > head + 20
        var out = quote
        for (i, u) in scalars.enumerated() {
            if cut && i == head { out += "…" }
            if cut && i >= head && i < scalars.count - 10 { continue }
            if let e = escape(u) { out += e } else { out.unicodeScalars.append(u) }
        }
        return out + quote + (cut ? " (\(scalars.count) characters)" : "")
    }
}
