import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Issue 12: nothing executable or misleading in any output, whatever the inputs hold.
@Suite("Hostile input: nothing executable or misleading in any output")
struct HostileInputTests {
    func run(_ scratch: Scratch, _ args: [String]) throws -> CLI.Result {
        try CLI.run(args, in: scratch.url)
    }

    /// Assesses the small code's submission with every format; returns the run and the reports by extension.
    func assessAll(_ scratch: Scratch) throws -> (CLI.Result, [String: String]) {
        let r = try run(scratch, ["assess", "small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29",
                                  "--format", "md,html,json,csv,jsonl", "--out", "out"])
        try #require(r.status == 0, "\(r.stderr)")
        var reports: [String: String] = [:]
        for ext in ["md", "html", "json", "csv"] {
            reports[ext] = try String(contentsOfFile: scratch.file("out/small-service/small@v1.\(ext)"), encoding: .utf8)
        }
        reports["jsonl"] = try String(contentsOfFile: scratch.file("out/summary.jsonl"), encoding: .utf8)
        return (r, reports)
    }

    /// `text` as a YAML double-quoted scalar, every character outside printable ASCII written as
    /// an escape, so the file itself holds no raw control character (libyaml refuses those).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"", "\\": out += "\\" + String(u)
            case " "..."~": out.unicodeScalars.append(u)
            // YAML's \u takes four hex digits: a scalar beyond them (an emoji) needs \U and eight.
            default: out += u.value > 0xFFFF ? String(format: "\\U%08X", u.value) : String(format: "\\u%04X", u.value)
            }
        }
        return out + "\""
    }

    /// The small code's files with a service name given as it is (escaped in the YAML).
    static func files(service: String) -> [String: String] {
        var files = SmallCode.files()
        files["small-service.yaml"] = SmallCode.submission().replacingOccurrences(of: "service: \"Small Service\"", with: "service: \(quoted(service))")
        return files
    }

    /// Every line break a reader may split on that an input can hold (the loader refuses the
    /// control characters VT, FF and NEL in values), "\r\n" being one Character to Swift.
    static let breaks = ["\r\n", "\n", "\r", "\u{2028}", "\u{2029}"]

    @Test("a line break in a service name or a measure title never splits a CSV record or a Markdown table row",
          arguments: breaks)
    func lineBreaksStayInside(newline: String) throws {
        let scratch = Scratch()
        var files = Self.files(service: "Evil\(newline)=1+1,@SUM(A1)\(newline)| fake | row |")
        files["code.yaml"] = SmallCode.code.replacingOccurrences(
            of: "title: Not met\n", with: "title: \"Not\(newline.unicodeScalars.map { String(format: "\\u%04X", $0.value) }.joined())@SUM(A1)\"\n")
        scratch.write(files)
        let (r, reports) = try assessAll(scratch)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try #require(reports["csv"])
        // One header and nine measures: ten records, each on one line, none starting a formula.
        let records = csv.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(records.count == 10, "\(records)")
        for record in records {
            #expect(!record.unicodeScalars.contains { VisibleText.isLineBreak($0) }, "a line break inside \(record)")
            #expect(!"=+-@".contains(record.first!))
        }
        #expect(csv.contains("\"Evil =1+1,@SUM(A1) | fake | row |\""))
        // Markdown: the name stays on its heading's line, and no line is a forged table row.
        let md = try #require(reports["md"])
        for line in md.split(omittingEmptySubsequences: false, whereSeparator: { $0.unicodeScalars.contains { VisibleText.isLineBreak($0) } }) {
            #expect(!line.hasPrefix("| fake") && !line.hasPrefix("=1+1") && !line.hasPrefix("@SUM"), "forged line: \(line)")
        }
        #expect(!md.unicodeScalars.contains { $0 == "\r" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" })
    }

    @Test("white space runs in a measure's summary become one space, CRLF and the other line breaks included")
    func summariesOnOneLine() {
        #expect("a\r\nb \u{2028} c\rd\n\te ".trimmingSpaces == "a b c d e")
    }

    @Test("only http, https and mailto URLs become links; javascript:, data: and vbscript: are shown as text", arguments: [
        ("javascript:alert(1)", false), ("JaVaScRiPt:alert(1)", false), (" javascript:alert(1)", false),
        ("java\tscript:alert(1)", false), ("java\nscript:alert(1)", false), ("\u{200B}javascript:alert(1)", false),
        ("data:text/html,<script>alert(1)</script>", false), ("VBScript:msgbox", false), ("/relative/path", false),
        ("https://example.org/a?b=1&c=2", true), ("HTTP://example.org", true), ("mailto:team@example.org", true),
    ])
    func onlyWebLinks(url: String, live: Bool) throws {
        let scratch = Scratch()
        var files = SmallCode.files()
        files["code.yaml"] = SmallCode.code.replacingOccurrences(of: "url: https://example.org/m3,", with: "url: \(SmallCode.yamlQuoted(url)),")
        files["small-service.yaml"] = SmallCode.submission() + "evidence:\n  controls.a.two: {document: Policy, url: \(SmallCode.yamlQuoted(url))}\n"
        scratch.write(files)
        let (r, reports) = try assessAll(scratch)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try #require(reports["html"])
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        for href in hrefs {
            let lower = href.lowercased()
            #expect(lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#"),
                    "a live link to \(href)")
        }
        let escaped = url.replacingOccurrences(of: "&", with: "&amp;")
        #expect(hrefs.contains(escaped) == live, "\(hrefs)")
        // Shown in either case (as text when not a link).
        #expect(html.contains("Policy"))
        let md = try #require(reports["md"])
        #expect(!md.lowercased().contains("](javascript") && !md.lowercased().contains("](data:") && !md.lowercased().contains("](vbscript"))
    }

    @Test("a line break in a code's title or a fact's question never puts live YAML into the template", arguments: breaks)
    func templateCommentsStayComments(newline: String) throws {
        let scratch = Scratch()
        let escape = newline.unicodeScalars.map { String(format: "\\u%04X", $0.value) }.joined()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary.replacingOccurrences(
                          of: "question: Does the service do one?", with: "question: \"Does it?\(escape)evil_fact: true\""),
                       "code.yaml": SmallCode.code.replacingOccurrences(of: "title: A small code", with: "title: \"Small\(escape)submission: {service: Evil}\"")])
        let r = try run(scratch, ["template", "--code", "code.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try YAMLLoader().load(bytes: Array(r.stdout.utf8), file: "template.yaml")
        #expect(doc.root.pairs?.map(\.keyText) == ["submission", "service", "risk", "controls"])
        #expect(!r.stdout.contains("{service: Evil}\n") || r.stdout.contains("# Submission template for Small"))
        for line in r.stdout.split(separator: "\n") where line.contains("evil_fact") || line.contains("Evil") {
            #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("#"), "live: \(line)")
        }
    }

    static let hidden: [(String, String)] = [("\u{202E}", "U+202E"), ("\u{2066}", "U+2066"), ("\u{200F}", "U+200F"),
                                              ("\u{061C}", "U+061C"), ("\u{200B}", "U+200B"), ("\u{2060}", "U+2060"),
                                              ("\u{FEFF}", "U+FEFF"), ("\u{200D}", "U+200D")]

    @Test("no URL with a control character, a space or a tab anywhere becomes a link", arguments: [
        "\u{01}javascript:alert(1)", "\u{0B}javascript:x", "https://a.example/\u{7F}", "https://a.example/\u{85}", "https://a .example",
        "\u{1B}https://a.example", "https://", "mailto:",
    ])
    func controlsNeverLinks(url: String) {
        #expect(SafeLink.href(url) == nil)
    }

    @Test("bidi, zero-width and control characters in a service name are shown as <U+…> in every format and on the terminal",
          arguments: hidden)
    func hiddenShown(character: String, name: String) throws {
        let scratch = Scratch()
        scratch.write(Self.files(service: "Good\(character)doG"))
        let (r, reports) = try assessAll(scratch)
        #expect(r.status == 0, "\(r.stderr)")
        let shown = ["md": "Good<\(name)>doG", "html": "Good&lt;\(name)&gt;doG", "json": "Good\\u003c\(name)>doG",
                     "jsonl": "Good\\u003c\(name)>doG", "csv": "Good<\(name)>doG"]
        for (ext, text) in reports {
            #expect(!text.unicodeScalars.contains(character.unicodeScalars.first!), "\(ext) holds the character itself")
            #expect(text.contains(shown[ext]!), "\(ext) does not show \(name)")
        }
        #expect(r.stdout.contains("Good<\(name)>doG against small v1"), "\(r.stdout)")
        #expect(!r.stdout.unicodeScalars.contains(character.unicodeScalars.first!))
    }

    @Test("lint warns about a bidi or zero-width character at its line and column")
    func lintWarns() throws {
        let scratch = Scratch()
        let place = scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code,
                                   "s.yaml": "submission: {service: \"Chat⟨here⟩\u{202E}\u{200B}xob\"}\n"])
        let report = Lint.run(paths: [scratch.path], vocabulary: scratch.file("vocabulary.yaml"))
        let found = report.diagnostics.filter { $0.code == .invisibleCharacter }
        #expect(found.map(\.location) == [place])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message.contains("<U+202E>, <U+200B>") == true, "\(found.map(\.message))")
        // The excerpt under it shows the characters, and the caret stands under the first.
        let rendered = try #require(found.first).rendered()
        #expect(rendered.contains("submission: {service: \"Chat<U+202E><U+200B>xob\"}"))
        #expect(!rendered.unicodeScalars.contains("\u{202E}"))
    }

    @Test("lint does not warn about an emoji's zero-width joiner (👩‍👩‍👧), only about one between letters, at its column")
    func lintEmojiJoiner() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code,
                       "s.yaml": "submission: {service: \"Family 👩\u{200D}👩\u{200D}👧 and x\u{200D}y\"}\n",
                       "t.yaml": "submission: {service: \"Family 👩\u{200D}👩\u{200D}👧 ❤\u{FE0F}\u{200D}🔥 at 👩\u{200D}💻\"}\n"])
        let report = Lint.run(paths: [scratch.path], vocabulary: scratch.file("vocabulary.yaml"))
        let found = report.diagnostics.filter { $0.code == .invisibleCharacter }
        // 23 characters before the quote's text, "Family " 7, the family 5 scalars, " and x" 6: column 42.
        #expect(found.map(\.location) == [SourceLocation(file: scratch.file("s.yaml"), line: 1, column: 42)], "\(found.map(\.location))")
        #expect(found.first?.message.contains("an invisible character, <U+200D>,") == true)
    }

    @Test("an emoji's zero-width joiner (👩‍💻 U+1F469 U+200D U+1F4BB, 👩‍👩‍👧) is shown whole in every format and on the terminal; one between letters, or a bidi control inside an emoji pair, as <U+…>")
    func emojiJoinerShownWhole() throws {
        let scratch = Scratch()
        scratch.write(Self.files(service: "Dev 👩\u{200D}💻 fam 👩\u{200D}👩\u{200D}👧 x\u{200D}y 👩\u{202E}💻"))
        let (r, reports) = try assessAll(scratch)
        #expect(r.status == 0, "\(r.stderr)")
        let (coder, family) = ("👩\u{200D}💻", "👩\u{200D}👩\u{200D}👧")
        let shown = ["md": "Dev \(coder) fam \(family) x<U+200D>y 👩<U+202E>💻",
                     "html": "Dev \(coder) fam \(family) x&lt;U+200D&gt;y 👩&lt;U+202E&gt;💻",
                     "json": "Dev \(coder) fam \(family) x\\u003cU+200D>y 👩\\u003cU+202E>💻",
                     "jsonl": "Dev \(coder) fam \(family) x\\u003cU+200D>y 👩\\u003cU+202E>💻",
                     "csv": "Dev \(coder) fam \(family) x<U+200D>y 👩<U+202E>💻"]
        for (ext, text) in reports {
            #expect(text.contains(shown[ext]!), "\(ext) does not show the name as expected")
            #expect(!text.contains("👩<U+200D>") && !text.contains("👩&lt;U+200D&gt;") && !text.contains("👩\\u003cU+200D>"), "\(ext) splits an emoji")
        }
        #expect(r.stdout.contains("Dev \(coder) fam \(family) x<U+200D>y 👩<U+202E>💻 against small v1"), "\(r.stdout)")
        // What the shown forms decide, scalar by scalar: only the joiner between letters and the bidi control.
        #expect(VisibleText.reveal("👩\u{200D}💻") == "👩\u{200D}💻")
        #expect(VisibleText.reveal("👩\u{200D}👩\u{200D}👧", html: true) == "👩\u{200D}👩\u{200D}👧")
        #expect(VisibleText.reveal("👩\u{200D} alone, \u{200D}💻") == "👩<U+200D> alone, <U+200D>💻")
        #expect(VisibleText.path("a/👩\u{200D}💻\n.yaml") == "a/👩\u{200D}💻<U+000A>.yaml")
    }

    @Test("a file path with a line break or a control character is printed escaped, on one line")
    func pathsEscaped() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "bad\nname\u{1B}[31m.yaml": "submission: {servce: A}\n"])
        let r = try run(scratch, ["lint", "--vocabulary", "vocabulary.yaml", "bad\nname\u{1B}[31m.yaml"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("bad<U+000A>name<U+001B>[31m.yaml:1:14: error: [unknown-key]"), "\(r.stdout)")
        #expect(!r.stdout.unicodeScalars.contains("\u{1B}"))
    }

    @Test("a vocabulary or extends path that names a file of another kind is refused at the naming node, without a line of that file",
          arguments: ["vocabulary", "extends"])
    func foreignFileNotEchoed(key: String) throws {
        let scratch = Scratch()
        let secret = "root:x:0:0:TOPSECRET:/root:/bin/bash\ndaemon:x:1:1:ALSOSECRET:/usr/sbin\n"
        var files = SmallCode.files()
        files["secret"] = secret
        if key == "vocabulary" {
            files["code.yaml"] = SmallCode.code.replacingOccurrences(of: "  vocabulary: vocabulary.yaml", with: "  vocabulary: ⟨here⟩secret")
        } else {
            files["v2.yaml"] = "code: {version: v2}\nextends: ⟨here⟩secret\n"
        }
        let place = try #require(scratch.write(files))
        let target = key == "vocabulary" ? "code.yaml" : "v2.yaml"
        for args in [["lint", target], ["assess", "small-service.yaml", "--code", target, "--out", "out"]] {
            let r = try run(scratch, args)
            #expect(r.status == 2)
            let all = r.stdout + r.stderr
            #expect(!all.contains("SECRET") && !all.contains("root:x"), "echoed: \(all)")
            #expect(all.contains("\(target):\(place.line):\(place.column): error: [unknown-file-kind] '\(key)' names secret, which is not"), "\(all)")
        }
        // /etc/passwd itself, where there is one.
        if FileManager.default.fileExists(atPath: "/etc/passwd"), key == "vocabulary" {
            scratch.write(["code.yaml": SmallCode.code.replacingOccurrences(of: "  vocabulary: vocabulary.yaml", with: "  vocabulary: /etc/passwd")])
            let r = try run(scratch, ["lint", "code.yaml"])
            #expect(r.status == 2)
            #expect(!r.stdout.contains("root:") && !r.stdout.contains("/bin/"), "\(r.stdout)")
        }
    }

    @Test("a UTF-8 byte-order mark at the start of any input is accepted, with the same places as without")
    func byteOrderMark() throws {
        let scratch = Scratch()
        let bom = "\u{FEFF}"
        var files = SmallCode.files()
        for (name, text) in files { files[name] = bom + text }
        files["bad.yaml"] = bom + "submission: {servce: A}\n"
        scratch.write(files)
        let r = try run(scratch, ["assess", "small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--format", "json", "--out", "out"])
        #expect(r.status == 0, "\(r.stderr)")
        let lint = try run(scratch, ["lint", "--vocabulary", "vocabulary.yaml", "bad.yaml", "code.yaml", "vocabulary.yaml"])
        #expect(lint.stdout.contains("bad.yaml:1:14: error: [unknown-key]"), "\(lint.stdout)")
        #expect(lint.stdout.contains("    1 | submission: {servce: A}\n      |              ^"), "\(lint.stdout)")
        #expect(!lint.stdout.contains("invisible-character"))
        #expect(lint.stdout.hasSuffix("checked 3 files: 2 errors, 0 warnings\n"), "\(lint.stdout)")
    }
}

@Suite("Hostile input: the filesystem")
struct HostileFilesystemTests {
    func many(_ scratch: Scratch, _ n: Int) {
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code])
        var files: [String: String] = [:]
        for i in 0..<n { files["many/s\(i).yaml"] = SmallCode.submission(service: "Service \(i)") }
        scratch.write(files)
    }

    @Test("SIGINT and SIGTERM end a run with 130 or 143 and leave no temporary file", arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func signalsRemoveTemporaries(signo: Int32, status: Int32) throws {
        let scratch = Scratch()
        many(scratch, 400)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["assess", "many", "--code", "code.yaml", "--format", "md,html,json,csv,jsonl", "--out", "out", "--as-of", "2026-11-29", "--jobs", "2"]
        p.currentDirectoryURL = scratch.url
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && scratch.files(under: "out").filter({ $0.hasSuffix(".json") }).count < 20 { usleep(2000) }
        kill(p.processIdentifier, signo)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == status, "\(p.terminationReason) \(p.terminationStatus)")
        let left = scratch.files(under: "out").filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }

    @Test("a run waits while another writes into the same output folder")
    func oneRunPerFolder() throws {
        let scratch = Scratch()
        many(scratch, 1)
        try FileManager.default.createDirectory(atPath: scratch.file("out"), withIntermediateDirectories: true)
        let fd = open(scratch.file("out"), O_RDONLY | O_DIRECTORY)
        #expect(flock(fd, LOCK_EX) == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["assess", "many", "--code", "code.yaml", "--format", "json", "--out", "out", "--as-of", "2026-11-29"]
        p.currentDirectoryURL = scratch.url
        let errPath = scratch.file("stderr.txt")
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        usleep(1_500_000)
        // Still waiting: nothing written while the folder is held.
        #expect(p.isRunning)
        #expect(scratch.files(under: "out").isEmpty)
        close(fd)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        try? err.close()
        let said = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        #expect(said.contains("waiting for another run writing into out"), "\(said)")
        #expect(scratch.files(under: "out").contains("s0/small@v1.json"))
    }
}

@Suite("Hostile input: compare streams")
struct HostileCompareTests {
    @Test("compare reads, assesses and reduces submissions on several tasks, and the report is the same as on one, in path order")
    func sameReportAnyWorkers() async throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code,
                       "v2.yaml": "code: {version: v2, status: in_force, in_force: 2025-06-01}\nextends: code.yaml\nremove: [M5]\n"])
        var files: [String: String] = [:]
        for i in 0..<24 {
            files["subs/s\(String(format: "%02d", i)).yaml"] = SmallCode.submission(service: "Service \(i)")
                .replacingOccurrences(of: "uk_users: 5000", with: "uk_users: \(i % 2 == 0 ? 5000 : 2_000_000)")
        }
        files["subs/zz-broken.yaml"] = "submission: {servce: X}\n"
        scratch.write(files)
        func run(_ workers: Int) async -> Assess.Outcome {
            await DiffRun.compare(.init(from: scratch.file("code.yaml"), to: scratch.file("v2.yaml"), submissions: [scratch.file("subs")],
                                        formats: [.json], out: "-", asOf: Day("2026-11-29")!), workers: workers)
        }
        let one = await run(1), four = await run(4)
        let report = try #require(one.standardOutput)
        #expect(four.standardOutput == report)
        // The broken submission is reported, and the run says so; the others are all in the report, in path order.
        #expect(one.exitCode == 2 && four.exitCode == 2)
        #expect(one.diagnostics.count == 2 && one.diagnostics == four.diagnostics, "\(one.diagnostics)")
        let services = report.components(separatedBy: "\"service\": \"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(services == (0..<24).map { "Service \($0)"[...] })
        // M5 (1,000,000 users or more) no longer applies under v2 to the large ones only.
        #expect(report.components(separatedBy: "\"no_longer_applicable\": [\"M5\"]").count - 1 == 12)
    }
}
