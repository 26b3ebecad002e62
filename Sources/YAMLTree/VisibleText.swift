/// Characters that change how text looks without being seen: bidirectional controls (Trojan
/// Source), zero-width characters and control characters. Every report format and the terminal
/// show them as `<U+202E>`, so a name cannot read differently from what it is.
public enum VisibleText {
    /// Whether `u` is shown as `<U+XXXX>`: bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E,
    /// U+200F, U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), and control
    /// characters other than tab and line feed (C0, DEL, C1), carriage return included.
    public static func isHidden(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// Whether `u` is one of the bidi or zero-width characters `safetycode lint` warns about
    /// (``isHidden(_:)`` without the control characters).
    public static func isInvisibleFormat(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// The bidi and zero-width characters of `text` (``isInvisibleFormat(_:)``) that can make it
    /// read differently from what it is, each once, in order of first appearance
    /// (``invisibleFormatPlaces(in:)``).
    public static func invisibleFormats(in text: String) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for (_, u) in invisibleFormatPlaces(in: text) where !found.contains(u) { found.append(u) }
        return found
    }

    /// Each bidi or zero-width character of `text` (``isInvisibleFormat(_:)``) with its offset
    /// in Unicode scalars. A zero-width joiner inside an emoji sequence (👩‍👩‍👧: it joins two
    /// pictographs into one character, as Unicode's grapheme rules do, and shows as one picture)
    /// is part of what is seen, so it is not among them; a joiner anywhere else (between letters,
    /// at an end) is.
    public static func invisibleFormatPlaces(in text: String) -> [(offset: Int, scalar: Unicode.Scalar)] {
        guard text.unicodeScalars.contains(where: isInvisibleFormat) else { return [] }
        var found: [(offset: Int, scalar: Unicode.Scalar)] = []
        var offset = 0
        forEachScalar(of: text) { u, shown in
            if shown, isInvisibleFormat(u) { found.append((offset, u)) }
            offset += 1
        }
        return found
    }

    /// Calls `body` with each Unicode scalar of `text`, in order, and whether it is shown as
    /// `<U+XXXX>`: ``isHidden(_:)``, except a zero-width joiner inside an emoji sequence (👩‍💻,
    /// 👩‍👩‍👧: inside an emoji's character, before another emoji), which is part of the picture
    /// seen. Every format that shows hidden characters decides through this one function.
    public static func forEachScalar(of text: String, _ body: (Unicode.Scalar, _ shown: Bool) -> Void) {
        // Grapheme breaking only where a joiner may be an emoji's; plain scalars otherwise.
        guard text.unicodeScalars.contains("\u{200D}") else {
            for u in text.unicodeScalars { body(u, isHidden(u)) }
            return
        }
        func isEmoji(_ u: Unicode.Scalar) -> Bool { u.value > 0x7F && u.properties.isEmoji }
        for character in text {
            let scalars = Array(character.unicodeScalars)
            for (i, u) in scalars.enumerated() {
                let joiner = u == "\u{200D}" && i > 0 && i < scalars.count - 1 && isEmoji(scalars[0]) && isEmoji(scalars[i + 1])
                body(u, isHidden(u) && !joiner)
            }
        }
    }

    /// Whether `u` is a combining mark (the accent of e + U+0301), drawn on the character before it.
    public static func isCombiningMark(_ u: Unicode.Scalar) -> Bool {
        !u.isASCII && [.nonspacingMark, .spacingMark, .enclosingMark].contains(u.properties.generalCategory)
    }

    /// `<U+202E>` for U+202E.
    public static func name(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` with every hidden character written as `<U+XXXX>` (`&lt;U+XXXX&gt;` when `html`),
    /// an emoji's zero-width joiner left as it is (``forEachScalar(of:_:)``). Text without any
    /// is returned as it is, without a copy.
    public static func reveal(_ text: String, html: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isHidden) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        forEachScalar(of: text) { u, shown in
            if shown {
                out += html ? "&lt;" + name(u) + "&gt;" : "<" + name(u) + ">"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// `text` escaped for HTML, in content or a quoted attribute value (`&`, `<`, `>`, `"`, `'`),
    /// with every hidden character (``isHidden(_:)``) written as a numeric character reference
    /// (`&#x202E;`): the browser reads it back as the character itself, so a form field's value
    /// round-trips exactly, while the page's source holds no raw bidi control and a later
    /// ``reveal(_:html:)`` of the whole page leaves it alone.
    public static func htmlEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where isHidden(u): out += "&#x" + String(u.value, radix: 16, uppercase: true) + ";"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A file path, or any line printed on the terminal, made one line: hidden characters, tabs
    /// and line breaks of every kind (a path or a service name may hold a newline, which would
    /// otherwise fake a line of output) written as `<U+XXXX>`; an emoji's zero-width joiner is
    /// left as it is (``forEachScalar(of:_:)``).
    public static func path(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { isHidden($0) || isLineBreak($0) || $0 == "\t" }) else { return path }
        var out = ""
        forEachScalar(of: path) { u, shown in
            if shown || isLineBreak(u) || u == "\t" { out += "<" + name(u) + ">" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// Every scalar some reader takes as the end of a line: LF, CR, VT, FF, NEL, LS, PS.
    public static func isLineBreak(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `text` on one line: every line break (by scalars, so `"\r\n"` is seen) becomes a space,
    /// CR LF one space.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isLineBreak) else { return text }
        var out = ""
        var afterCR = false
        for u in text.unicodeScalars {
            if !(afterCR && u == "\n") { out.unicodeScalars.append(isLineBreak(u) ? " " : u) }
            afterCR = u == "\r"
        }
        return out
    }
}
