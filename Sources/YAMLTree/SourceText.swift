/// The text of an input file, kept to show source lines under diagnostics and to find the exact
/// place of a character inside a scalar's value (where an expression's token really is).
public struct SourceText: Sendable {
    private let bytes: [UInt8]?
    private let text: String?

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

    /// Every line, without line ends (a trailing `\r` is dropped too).
    public var lines: [Substring] {
        let string = self.string
        return string.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }

    /// The 1-based line `number`, or nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        let string = self.string
        var current = 1
        var start = string.startIndex
        while current < number {
            guard let nl = string[start...].firstIndex(of: "\n") else { return nil }
            start = string.index(after: nl)
            current += 1
        }
        let end = string[start...].firstIndex(of: "\n") ?? string.endIndex
        let line = string[start..<end]
        return line.hasSuffix("\r") ? line.dropLast() : line
    }

    /// The place in the file of the character at `offset` (in Unicode scalars) of a scalar's value.
    ///
    /// Works for every scalar style: it walks the source from the node's start, matching each
    /// non-blank character of the value in turn, so folded lines, quotes and block indentation
    /// are stepped over. Escaped characters land on their escape. Falls back to the node's start.
    public func mark(ofValueOffset offset: Int, in node: YAMLNode) -> YAMLMark {
        guard let value = node.scalar?.value else { return node.start }
        let valueScalars = Array(value.unicodeScalars)
        guard offset >= 0, offset <= valueScalars.count else { return node.start }
        // Walk the source from the node's start.
        let lines = self.lines
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
                line += 1
                column = 1
                scanned += 1
                guard line - 1 < lines.count, scanned <= limit + 1 else { return false }
                current = Array(lines[line - 1].unicodeScalars)
                if !current.isEmpty { break }
            }
            return true
        }
        var index = 0
        while index <= offset {
            let target: Unicode.Scalar? = index < valueScalars.count ? valueScalars[index] : nil
            if let target, !target.properties.isWhitespace {
                // Find the next source character equal to the target.
                var found = false
                while scanned <= limit {
                    if column - 1 < current.count, current[column - 1] == target { found = true; break }
                    if !advance() { break }
                }
                if !found { return node.start }
            }
            if index == offset {
                return YAMLMark(line: line, column: column, offset: scanned)
            }
            if let target, !target.properties.isWhitespace { _ = advance() }
            index += 1
        }
        return node.start
    }
}
