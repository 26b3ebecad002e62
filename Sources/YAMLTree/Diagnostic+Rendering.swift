import Foundation

extension Diagnostic {
    /// Renders the diagnostic compiler style: the one-line form, then the source line with a caret
    /// under the column, then each note (with its own source line where it has a place).
    ///
    /// `source` returns a file's text; by default files are read from disk. A line that cannot be
    /// found is simply left out.
    public func rendered(source: (String) -> SourceText? = Diagnostic.readSource) -> String {
        var out = description
        if let location { out += Self.excerpt(at: location, source: source) }
        for note in notes {
            if let place = note.location {
                out += "\n\(place): note: \(VisibleText.reveal(note.message))"
                out += Self.excerpt(at: place, source: source)
            } else {
                out += "\n      = note: \(VisibleText.reveal(note.message))"
            }
        }
        return out
    }

    /// Reads a file's text from disk for rendering, or nil.
    @Sendable public static func readSource(_ file: String) -> SourceText? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return SourceText(String(decoding: data, as: UTF8.self))
    }

    static func excerpt(at location: SourceLocation, source: (String) -> SourceText?) -> String {
        guard let text = source(location.file), let line = text.line(location.line) else { return "" }
        // A line that is not printable text (a binary file, a broken encoding) is not shown.
        if line.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || $0 == "\u{FFFD}" }) { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(0, 5 - number.count)) + number
        let blank = String(repeating: " ", count: gutter.count)
        // Keep tabs so the caret lines up; every other character becomes a space.
        // Bidi and zero-width characters are shown as `<U+202E>`, and the caret moves past them.
        let pad = line.unicodeScalars.prefix(max(0, location.column - 1))
            .map { $0 == "\t" ? "\t" : VisibleText.isHidden($0) ? String(repeating: " ", count: VisibleText.name($0).count + 2) : " " }.joined()
        let shown = VisibleText.reveal(String(line).replacingOccurrences(of: "\r", with: ""))
        return "\n\(gutter) | \(shown)\n\(blank) | \(pad)^"
    }
}
