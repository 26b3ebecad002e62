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
        // Through the same reader as inputs: only regular files, never a pipe that would block.
        guard let bytes = try? YAMLLoader.read(path: file, maxBytes: YAMLLimits.default.maxFileBytes) else { return nil }
        return SourceText(bytes: bytes)
    }

    static func excerpt(at location: SourceLocation, source: (String) -> SourceText?) -> String {
        guard let text = source(location.file), let line = text.line(location.line) else { return "" }
        // A line that is not printable text (a binary file, a broken encoding) is not shown.
        if line.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || $0 == "\u{FFFD}" }) { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(0, 5 - number.count)) + number
        let blank = String(repeating: " ", count: gutter.count)
        // A long line is cut to a window around the column, so an error never reprints a
        // megabyte of source.
        var scalars = Array(line.unicodeScalars)
        var column = max(1, location.column)
        var before = "", after = ""
        if scalars.count > excerptWidth {
            var start = max(0, min(column - 1 - excerptWidth / 2, scalars.count - excerptWidth))
            var end = min(scalars.count, start + excerptWidth)
            // Never through a character: an accent, a joined emoji (👩‍💻) or a flag (🇬🇧, two
            // letters from the start of a run of them) stays whole.
            func secondOfFlag(_ i: Int) -> Bool {
                guard Self.isRegional(scalars[i]) else { return false }
                var before = 0
                while i - before - 1 >= 0, Self.isRegional(scalars[i - before - 1]) { before += 1 }
                return before % 2 == 1
            }
            func inside(_ i: Int) -> Bool {
                i > 0 && i < scalars.count && (Self.joinsPrevious(scalars[i]) || scalars[i - 1] == "\u{200D}" || secondOfFlag(i))
            }
            while inside(start) { start -= 1 }
            while inside(end) { end += 1 }
            if start > 0 { before = "…" }
            if end < scalars.count { after = "…" }
            scalars = Array(scalars[start..<end])
            column = column - start + (before.isEmpty ? 0 : 1)
        }
        var shown = before
        shown.unicodeScalars.append(contentsOf: scalars)
        shown += after
        // Keep tabs so the caret lines up; every other character becomes as many spaces as the
        // cells a terminal gives it: two for an emoji or a wide East Asian character, none for
        // an accent or a joined emoji's later parts.
        // Bidi and zero-width characters are shown as `<U+202E>`, and the caret moves past them.
        let window = Array((before + String(String.UnicodeScalarView(scalars))).unicodeScalars)
        let padScalars = Array(window.prefix(max(0, column - 1)))
        var pad = ""
        // The cells given to the character before; whether it was an emoji's joiner, or the first
        // of a flag's two letters (🇬🇧 is one picture).
        var last = 0, joined = false, flag = false
        VisibleText.forEachScalar(of: String(String.UnicodeScalarView(padScalars))) { u, hidden in
            let regional = Self.isRegional(u)
            var cells = 0
            if u == "\t" {
                pad += "\t"
            } else if hidden {
                cells = VisibleText.name(u).count + 2
            } else if u == "\u{FE0F}" {
                // Emoji presentation: a character a terminal shows one cell wide becomes two.
                if last == 1 { cells = 1 }
            } else if !joined, !Self.joinsPrevious(u), !(regional && flag) {
                cells = Self.isWide(u) ? 2 : 1
            }
            pad += String(repeating: " ", count: cells)
            if cells > 0 || u == "\t" { last = u == "\u{FE0F}" ? 2 : cells }
            joined = u == "\u{200D}" && !hidden
            flag = regional && !flag
        }
        // A mark drawn on the character before it (a stray accent) is pointed at there.
        if column - 1 < window.count, Self.joinsPrevious(window[column - 1]), !VisibleText.isHidden(window[column - 1]), pad.last == " " {
            pad.removeLast()
        }
        shown = VisibleText.reveal(shown.replacingOccurrences(of: "\r", with: ""))
        return "\n\(gutter) | \(shown)\n\(blank) | \(pad)^"
    }

    /// Whether `u` is drawn as part of the character before it: a combining mark (an accent),
    /// a variation selector, an emoji's skin tone or a zero-width joiner.
    static func joinsPrevious(_ u: Unicode.Scalar) -> Bool {
        guard !u.isASCII else { return false }
        return u == "\u{200D}" || u.properties.isEmojiModifier || VisibleText.isCombiningMark(u)
    }

    /// Whether `u` is one of the letters two of which make a flag (🇬🇧).
    static func isRegional(_ u: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(u.value) }

    /// Whether a terminal gives `u` two cells: an emoji shown as a picture, or a wide East Asian
    /// character (Hangul, CJK, kana, full-width forms).
    static func isWide(_ u: Unicode.Scalar) -> Bool {
        guard u.value >= 0x1100 else { return false }
        if u.properties.isEmojiPresentation { return true }
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The widest source excerpt shown under a diagnostic, in characters.
    public static let excerptWidth = 160

    /// Renders many diagnostics, each kind of problem in full up to `cap` times; past that, one
    /// line says how many more of that kind there are, so a hostile file cannot make gigabytes
    /// of errors. (The counts in summaries stay exact.)
    public static func renderAll(_ diagnostics: [Diagnostic], cap: Int = 20, source: (String) -> SourceText? = Diagnostic.readSource) -> [String] {
        var shown: [DiagnosticCode: Int] = [:]
        var hidden: [(DiagnosticCode, Severity, Int)] = []
        var out: [String] = []
        for d in diagnostics {
            let n = shown[d.code, default: 0]
            shown[d.code] = n + 1
            if n < cap {
                out.append(d.rendered(source: source))
            } else if let i = hidden.firstIndex(where: { $0.0 == d.code }) {
                hidden[i].2 += 1
            } else {
                hidden.append((d.code, d.severity, 1))
            }
        }
        for (code, severity, count) in hidden {
            out.append("safetycode: note: \(count) more \(severity.rawValue)\(count == 1 ? "" : "s") of the kind [\(code.rawValue)] not shown (the first \(cap) are above)")
        }
        return out
    }
}
