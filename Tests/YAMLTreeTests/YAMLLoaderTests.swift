import Foundation
import TestSupport
import Testing
@testable import YAMLTree

@Suite("Loading YAML with positions")
struct YAMLLoaderTests {
    let loader = YAMLLoader()

    func load(_ text: String, limits: YAMLLimits = .default) throws(DiagnosticError) -> YAMLDocument {
        try YAMLLoader(limits: limits).load(bytes: Array(text.utf8), file: "in.yaml")
    }

    func diagnostics(_ text: String, limits: YAMLLimits = .default) -> [Diagnostic] {
        do {
            _ = try load(text, limits: limits)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("nodes carry the line and column where they start, counting Unicode scalars")
    func positions() throws {
        let m = Marked("""
            ⟨code⟩code:
              ⟨id⟩id: ofcom-icu-u2u
              title: "Café ✓ Übersicht"
              ⟨after⟩status: in_force
            measures:
              - ⟨m1⟩id: ICU C9
                applies_when: >
                  ⟨expr⟩large and risk.image_based_csam >= medium
            """)
        let doc = try loader.load(bytes: m.bytes, file: "v1.yaml")
        let code = try #require(doc.root.pairs?.first)
        #expect((code.key.start.line, code.key.start.column) == m.places["code"]!)
        let header = try #require(code.value.pairs)
        #expect((header[0].key.start.line, header[0].key.start.column) == m.places["id"]!)
        #expect((header[2].key.start.line, header[2].key.start.column) == m.places["after"]!)
        #expect(header[1].value.scalar?.value == "Café ✓ Übersicht")
        #expect(header[1].value.scalar?.style == .doubleQuoted)
        let measure = try #require(doc.root.pairs?[1].value.items?.first?.pairs)
        #expect((measure[0].key.start.line, measure[0].key.start.column) == m.places["m1"]!)
        #expect(measure[1].value.scalar?.style == .folded)
        let expr = doc.text.mark(ofValueOffset: 0, in: measure[1].value)
        #expect((expr.line, expr.column) == m.places["expr"]!)
    }

    @Test("a column after accented letters and emoji counts characters, not bytes")
    func unicodeColumn() throws {
        let m = Marked("naïve_☃_🚀: ⟨v⟩value\n")
        let doc = try loader.load(bytes: m.bytes, file: "u.yaml")
        let value = try #require(doc.root.pairs?.first?.value)
        #expect((value.start.line, value.start.column) == m.places["v"]!)
    }

    @Test("an offset inside a quoted or folded scalar maps to its own place in the file")
    func valueOffsets() throws {
        let m = Marked("""
            a: "x == ⟨y⟩y"
            b: >
              one and
              ⟨two⟩two
            c: |
                ⟨lit⟩lit
            """)
        let doc = try loader.load(bytes: m.bytes, file: "o.yaml")
        let pairs = try #require(doc.root.pairs)
        let a = doc.text.mark(ofValueOffset: 5, in: pairs[0].value)
        #expect((a.line, a.column) == m.places["y"]!)
        let b = doc.text.mark(ofValueOffset: 8, in: pairs[1].value)
        #expect((b.line, b.column) == m.places["two"]!)
        let c = doc.text.mark(ofValueOffset: 0, in: pairs[2].value)
        #expect((c.line, c.column) == m.places["lit"]!)
    }

    @Test("an offset after an escape in double quotes, or at the very end of a value, maps to its own place")
    func escapesAndEnds() throws {
        // a's value is `é é and larg` (the escapes are one scalar each): offset 0 is the first
        // escape's backslash, offset 2 the second's, offset 8 the l of larg.
        // b, c and d end with "and": their end (offset 9, 10 and 13) is just after it, on its own
        // line, not on the next key's line or a comment's.
        let m = Marked("""
            a: "⟨e1⟩\\u00e9 ⟨e2⟩\\U000000e9 and ⟨larg⟩larg"
            b: large and⟨endb⟩
            c: >
              large and⟨endc⟩

            # a comment
            d: "\\x41 and \\"x\\" and⟨endd⟩"
            """)
        let doc = try loader.load(bytes: m.bytes, file: "e.yaml")
        let pairs = try #require(doc.root.pairs)
        #expect(pairs[0].value.scalar?.value == "é é and larg")
        for (offset, place) in [(0, "e1"), (2, "e2"), (8, "larg")] {
            let mark = doc.text.mark(ofValueOffset: offset, in: pairs[0].value)
            #expect((mark.line, mark.column) == m.places[place]!, "offset \(offset)")
        }
        let b = doc.text.mark(ofValueOffset: 9, in: pairs[1].value)
        #expect((b.line, b.column) == m.places["endb"]!)
        #expect(pairs[2].value.scalar?.value == "large and\n")
        // Its line break (offset 9) and its end (10) both.
        for offset in [9, 10] {
            let c = doc.text.mark(ofValueOffset: offset, in: pairs[2].value)
            #expect((c.line, c.column) == m.places["endc"]!, "offset \(offset)")
        }
        #expect(pairs[3].value.scalar?.value == "A and \"x\" and")
        let d = doc.text.mark(ofValueOffset: 13, in: pairs[3].value)
        #expect((d.line, d.column) == m.places["endd"]!)
    }

    @Test("refusals point at their own line and column", arguments: [
        ("alias-refused", "a: &x 1\nb: ⟨p⟩*x\n"),
        ("anchor-refused", "a: ⟨p⟩&x 1\n"),
        ("multiple-documents", "a: 1\n⟨p⟩---\nb: 2\n"),
        ("duplicate-key", "a: 1\nb: 2\n⟨p⟩a: 3\n"),
        ("complex-key", "⟨p⟩[a, b]: 1\n"),
        ("control-character", "a: ⟨p⟩\"bell \\a\"\n"),
        ("yaml-syntax", "a: [1, 2\nb⟨p⟩: 3\n"),
        ("empty-file", "⟨p⟩"),
    ])
    func refusals(code: String, source: String) throws {
        let m = Marked(source)
        let found = diagnostics(m.text)
        let d = try #require(found.first { $0.code.rawValue == code }, "\(found)")
        let loc = try #require(d.location)
        #expect((loc.line, loc.column) == m.places["p"]!, "\(d)")
        #expect(loc.file == "in.yaml")
    }

    @Test("a duplicate key has a note pointing at the first one")
    func duplicateNote() throws {
        let d = try #require(diagnostics("a: 1\nb: 2\na: 3\n").first)
        #expect(d.notes.first?.location == SourceLocation(file: "in.yaml", line: 1, column: 1))
        #expect(d.notes.first?.message == "first defined here")
    }

    @Test("a raw control character in the text is refused at its place")
    func rawControl() throws {
        let d = try #require(diagnostics("a: 1\nb: x\u{01}y\n").first)
        #expect(d.code == .controlCharacter)
        #expect(d.location == SourceLocation(file: "in.yaml", line: 2, column: 5))
    }

    @Test("invalid UTF-8 is refused at the byte's line and column")
    func invalidUTF8() throws {
        var bytes = Array("a: 1\nbé: ".utf8)
        bytes += [0xC3, 0x28]
        do {
            _ = try loader.load(bytes: bytes, file: "bad.yaml")
            Issue.record("loaded invalid UTF-8")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.code == .invalidUTF8)
            #expect(d.location == SourceLocation(file: "bad.yaml", line: 2, column: 5))
        }
    }

    @Test("nesting deeper than the limit is refused where the too-deep level starts")
    func depth() throws {
        let text = "a:\n" + (1...5).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined() + "            v: 1\n"
        let d = try #require(diagnostics(text, limits: YAMLLimits(maxDepth: 4)).first)
        #expect(d.code == .depthLimit)
        #expect(d.location?.line == 5)
    }

    @Test("more nodes than the limit are refused")
    func nodes() throws {
        let text = "[" + (1...50).map(String.init).joined(separator: ", ") + "]\n"
        let d = try #require(diagnostics(text, limits: YAMLLimits(maxNodes: 20)).first)
        #expect(d.code == .nodeLimit)
        #expect(d.location?.line == 1)
    }

    @Test("a file over the size limit is refused before it is parsed")
    func size() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yt-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.yaml").path
        // Not even YAML: parsing it would fail, so only the size check can produce size-limit.
        try Data(repeating: UInt8(ascii: "["), count: 5000).write(to: URL(fileURLWithPath: file))
        do {
            _ = try YAMLLoader(limits: YAMLLimits(maxFileBytes: 4096)).load(path: file)
            Issue.record("loaded an oversized file")
        } catch {
            #expect(error.diagnostics.map(\.code) == [.sizeLimit])
            #expect(error.diagnostics.first?.location?.line == 1)
        }
    }

    @Test("a nested-alias 'billion laughs' file is refused at once, at the first anchor")
    func billionLaughs() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let clock = ContinuousClock()
        var found: [Diagnostic] = []
        let elapsed = clock.measure { found = diagnostics(text) }
        #expect(found.first?.code == .anchorRefused)
        #expect(found.first?.location == SourceLocation(file: "in.yaml", line: 1, column: 4))
        #expect(found.count < 200, "one diagnostic per anchor and alias, nothing expanded")
        #expect(elapsed < .seconds(1))
    }

    @Test("a diagnostic renders compiler style with the source line and a caret")
    func rendering() throws {
        let text = "code:\n  id: x\nmeasures:\n  - applies_when: large and risk.groming >= medium\n"
        let source = SourceText(text)
        let d = Diagnostic.error("unknown-fact", "no fact 'risk.groming' in the vocabulary; did you mean 'risk.grooming'?",
                                 at: SourceLocation(file: "Codes/v1.yaml", line: 4, column: 29))
        #expect(d.rendered { _ in source } == """
            Codes/v1.yaml:4:29: error: [unknown-fact] no fact 'risk.groming' in the vocabulary; did you mean 'risk.grooming'?
                4 |   - applies_when: large and risk.groming >= medium
                  |                             ^
            """)
    }

    @Test("the caret sits under its character after emoji, accents, wide letters and flags", arguments: [
        // Each line's error is at `x`. Worked out by hand, cells before it: a: 🎉🎉🎉 is 2 each
        // (6) and the space 1; b: e + U+0301 is one cell, three times, and the space; c: 漢字 is
        // 2 each and the space; d: 👩‍💻 (woman, joiner, laptop) is one picture of 2 cells, 🇬🇧
        // (two letters) one of 2, ❤️ (a heart and its emoji selector) 2, and two spaces.
        ("a: 🎉🎉🎉 x", 4, 3 + 6 + 1),
        ("b: e\u{301}e\u{301}e\u{301} x", 4, 3 + 3 + 1),
        ("c: 漢字 x", 4, 3 + 4 + 1),
        ("d: 👩\u{200D}💻 🇬🇧 ❤\u{FE0F} x", 4, 3 + 2 + 1 + 2 + 1 + 2 + 1),
    ])
    func caretAfterWideCharacters(line: String, _: Int, cells: Int) throws {
        let column = line.unicodeScalars.count  // the x is the last scalar
        let d = Diagnostic.error("unknown-fact", "x", at: SourceLocation(file: "w.yaml", line: 1, column: column))
        let rendered = d.rendered { _ in SourceText(line + "\n") }
        let caretLine = try #require(rendered.split(separator: "\n").last)
        #expect(caretLine == "      | " + String(repeating: " ", count: cells) + "^")
    }

    @Test("the caret for a stray accent sits under the character it is drawn on")
    func caretAtStrayMark() throws {
        // "a == ́b": the accent (scalar 6, column 6) is drawn on the space before it (cell 5).
        let d = Diagnostic.error("expression-syntax", "x", at: SourceLocation(file: "m.yaml", line: 1, column: 6))
        let rendered = d.rendered { _ in SourceText("a == \u{301}b\n") }
        #expect(rendered.split(separator: "\n").last == "      |     ^")
    }

    @Test("a long line's excerpt is not cut through a flag")
    func excerptKeepsFlagsWhole() throws {
        // As below, the window is scalars 20 to 179; flags (two letters each) fill 159 to 186, so
        // the cut at 180 would fall between the letters of the eleventh.
        let line = String(repeating: "a", count: 100) + "x" + String(repeating: "b", count: 58) + String(repeating: "🇬🇧", count: 14) + String(repeating: "c", count: 100)
        let d = Diagnostic.error("unknown-fact", "x", at: SourceLocation(file: "w.yaml", line: 1, column: 101))
        let rendered = d.rendered { _ in SourceText(line + "\n") }
        let shown = try #require(rendered.split(separator: "\n").dropFirst().first)
        let flags = shown.unicodeScalars.filter { (0x1F1E6...0x1F1FF).contains($0.value) }.count
        #expect(flags % 2 == 0, "a lone flag letter: \(shown)")
    }

    @Test("a long line's excerpt is not cut through a joined emoji")
    func excerptKeepsEmojiWhole() throws {
        // The window around column 101 is scalars 20 to 179 (160 of them, the caret's column in
        // the middle); 👩‍💻 is three scalars, here 179 to 181, across its end.
        let line = String(repeating: "a", count: 100) + "x" + String(repeating: "b", count: 78) + "👩\u{200D}💻" + String(repeating: "c", count: 100)
        let d = Diagnostic.error("unknown-fact", "x", at: SourceLocation(file: "w.yaml", line: 1, column: 101))
        let rendered = d.rendered { _ in SourceText(line + "\n") }
        #expect(rendered.contains("👩\u{200D}💻"))
        #expect(!rendered.contains("👩…"))
    }
}
