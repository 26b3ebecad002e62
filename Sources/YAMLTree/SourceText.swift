import Synchronization

/// The text of an input file, kept to show source lines under diagnostics and to find the exact
/// place of a character inside a scalar's value (where an expression's token really is).
public struct SourceText: Sendable {
    private let bytes: [UInt8]?
    private let text: String?
    /// The lines, split once when first asked for and shared by every copy: each diagnostic's
    /// excerpt then costs one line, not one pass over the file.
    private let cache = LineCache()

    /// The whole text (decoded when first asked for: most files never need it).
    public var string: String { text ?? String(decoding: bytes ?? [], as: UTF8.self) }

    /// Wraps a file's text.
    public init(_ string: String) {
        self.text = string
        self.bytes = nil
    }

    /// Wraps a file's bytes, decoded only when needed.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.text = nil
    }

    final class LineCache: Sendable {
        let lines = Mutex<[(text: Substring, breakLength: Int)]?>(nil)
    }

    /// Every line, without its line end. LF, CRLF and a lone CR each end a line, as libyaml
    /// counts them, so every kind of file gives the same places. (By Unicode scalars: Swift
    /// takes "\r\n" as one Character, which a search for "\n" never finds.)
    public var lines: [Substring] { lineBreaks().map(\.text) }

    /// Every line with the length in scalars of the break that ends it (0 for the last line).
    func lineBreaks() -> [(text: Substring, breakLength: Int)] {
        cache.lines.withLock { cached in
            if let cached { return cached }
            let split = splitLines()
            cached = split
            return split
        }
    }

    private func splitLines() -> [(text: Substring, breakLength: Int)] {
        let string = self.string
        let scalars = string.unicodeScalars
        var out: [(Substring, Int)] = []
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let u = scalars[i]
            if u == "\n" || u == "\r" {
                var next = scalars.index(after: i)
                var length = 1
                if u == "\r", next < scalars.endIndex, scalars[next] == "\n" {
                    next = scalars.index(after: next)
                    length = 2
                }
                out.append((Substring(scalars[start..<i]), length))
                start = next
                i = next
            } else {
                i = scalars.index(after: i)
            }
        }
        out.append((Substring(scalars[start..<scalars.endIndex]), 0))
        return out
    }

    /// The 1-based line `number`, or nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        let all = lineBreaks()
        return number <= all.count ? all[number - 1].text : nil
    }

    /// YAML's one-letter escapes in double quotes, by their letter (the others, `\"`, `\\`,
    /// `\/`, stand for themselves).
    static let escaped: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "\u{0}", "a": "\u{7}", "b": "\u{8}", "t": "\t", "n": "\n", "v": "\u{B}", "f": "\u{C}", "r": "\r", "e": "\u{1B}",
        " ": " ", "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]

    /// The place in the file of the character at `offset` (in Unicode scalars) of a scalar's value.
    ///
    /// Works for every scalar style: it walks the source from the node's start, matching each
    /// non-blank character of the value in turn, so folded lines, quotes and block indentation
    /// are stepped over. Escaped characters land on their escape (the backslash of `\u00e9`), and
    /// the end of the value just after its last character, not on the next line. Falls back to
    /// the node's start.
    public func mark(ofValueOffset offset: Int, in node: YAMLNode) -> YAMLMark {
        guard let value = node.scalar?.value else { return node.start }
        let valueScalars = Array(value.unicodeScalars)
        guard offset >= 0, offset <= valueScalars.count else { return node.start }
        // Walk the source from the node's start.
        let breaks = lineBreaks()
        let lines = breaks.map(\.text)
        var line = node.start.line
        var column = node.start.column  // 1-based
        guard line - 1 < lines.count else { return node.start }
        var current = Array(lines[line - 1].unicodeScalars)
        var scanned = node.start.offset
        let limit = max(node.endOffset, node.start.offset)
        func advance() -> Bool {
            column += 1
            scanned += 1
            while column - 1 >= current.count {
                // The break itself: one scalar for LF or CR, two for CRLF (as libyaml counts them).
                scanned += (line - 1 < breaks.count ? max(breaks[line - 1].breakLength, 1) : 1) - 1
                line += 1
                column = 1
                scanned += 1
                guard line - 1 < lines.count, scanned <= limit + 1 else { return false }
                current = Array(lines[line - 1].unicodeScalars)
                if !current.isEmpty { break }
            }
            return true
        }
        // In a double-quoted scalar an escape (`\u00e9`, `\x41`, `\t`...) is one scalar of the
        // value written as several in the source: matched at its backslash, passed over whole.
        let escapes = node.scalar?.style == .doubleQuoted
        func escape() -> (value: Unicode.Scalar?, length: Int)? {
            guard escapes, column - 1 < current.count, current[column - 1] == "\\", column < current.count else { return nil }
            let letter = current[column]
            let digits = letter == "x" ? 2 : letter == "u" ? 4 : letter == "U" ? 8 : 0
            guard digits > 0 else { return (Self.escaped[letter] ?? letter, 2) }
            guard column + digits < current.count,
                  let code = UInt32(String(String.UnicodeScalarView(current[(column + 1)...(column + digits)])), radix: 16)
            else { return (nil, 2) }
            return (Unicode.Scalar(code), 2 + digits)
        }
        // Just after the last character matched: the place of the expression's end.
        var end: YAMLMark?
        var index = 0
        while index <= offset {
            let target: Unicode.Scalar? = index < valueScalars.count ? valueScalars[index] : nil
            var length = 1
            if let target, !target.properties.isWhitespace {
                // Find the next source character equal to the target.
                var found = false
                while scanned <= limit {
                    if let (value, n) = escape() {
                        if value == target { found = true; length = n; break }
                        for _ in 0..<n where !advance() { break }
                        continue
                    }
                    if column - 1 < current.count, current[column - 1] == target { found = true; break }
                    if !advance() { break }
                }
                if !found { return node.start }
            } else if index == offset, let end {
                // A blank, or the end: just after the character before it, on that line.
                return end
            }
            if index == offset {
                return YAMLMark(line: line, column: column, offset: scanned)
            }
            if let target, !target.properties.isWhitespace {
                end = YAMLMark(line: line, column: column + length, offset: scanned + length)
                for _ in 0..<length { _ = advance() }
            }
            index += 1
        }
        return node.start
    }
}
