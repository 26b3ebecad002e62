import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Hostile input (issue 12): no trap, no hang, no unbounded cost. Each test failed before its
/// defence (a crash with exit 132 or 139, a hang, or minutes of work).
@Suite("Hostile input: traps, hangs and cost")
struct HostileCostTests {
    /// Runs the binary, killing it after `seconds`: a hang fails the test instead of the suite.
    func run(_ scratch: Scratch, _ args: [String], seconds: Double = 30) throws -> (status: Int32, output: String, killed: Bool) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.currentDirectoryURL = scratch.url
        let out = scratch.file(".out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        let killed = p.isRunning
        if killed { p.terminate(); p.waitUntilExit() }
        p.waitUntilExit()
        try handle.close()
        let text = try String(contentsOfFile: out, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: out)
        return (p.terminationStatus, text, killed)
    }

    /// Runs the binary with standard output on `/dev/full`; its standard error goes to a file
    /// (read after the exit), and the finished process comes back with it.
    func runToFullDisk(_ args: [String], in directory: URL) throws -> (Process, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.currentDirectoryURL = directory
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let scratch = Scratch()
        let errPath = scratch.file("stderr.txt")
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        try? err.close()
        return (p, (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    func code(definitions: String, applies: String) -> String {
        SmallCode.code.replacingOccurrences(of: "definitions:\n  large: service.uk_users > 1_000\n",
                                            with: "definitions:\n  large: service.uk_users > 1_000\n" + definitions)
            .replacingOccurrences(of: "applies_when: large", with: "applies_when: \(applies)")
    }

    @Test("a chain of 2,000 definitions, each naming the next, is one located error, not a stack overflow")
    func definitionChain() throws {
        let scratch = Scratch()
        let chain = (0..<2000).map { "  d\($0): d\($0 + 1)\n" }.joined() + "  d2000: service.uk_users > 1\n"
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": code(definitions: chain, applies: "d0")])
        let r = try run(scratch, ["lint", "code.yaml", "vocabulary.yaml"])
        #expect(r.status == 2, "\(r.output.prefix(500))")
        let errors = r.output.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(errors.prefix(3))")
        // d0 is on line 10 (after the header's 7 lines, 'definitions:' and 'large'); the chain is
        // refused where the 64th definition names the 65th: d63's line, 10 + 63 = 73, column 8.
        #expect(errors.first?.hasPrefix("code.yaml:73:8: error: [expression-limit] definitions name definitions more than 64 deep here: d0 -> … -> d64") == true,
                "\(errors)")
    }

    @Test("definitions that double at each step are refused at once by their expanded size")
    func doublingDefinitions() throws {
        let scratch = Scratch()
        let doubling = "  e0: controls.a.one or controls.a.two\n" + (1...30).map { "  e\($0): e\($0 - 1) and e\($0 - 1)\n" }.joined()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": code(definitions: doubling, applies: "e30")])
        let r = try run(scratch, ["lint", "code.yaml", "vocabulary.yaml"], seconds: 20)
        #expect(!r.killed, "lint ran past 20 s")
        #expect(r.status == 2)
        // By hand: e0's body has 3 nodes (or, two facts), 4 with its definition node; each body
        // is 1 + twice the previous (4, 10, 22, 46, ... 98,302 for e14), so e15's body is the first
        // past 100,000: 1 + 2 × 98,302 = 196,605, on line 25 (e0 is on line 10).
        #expect(r.output.contains("code.yaml:25:8: error: [expression-limit] definition 'e15' expands to 196,605 nodes"), "\(r.output.prefix(600))")
    }

    @Test("a chain of 1,500 overlays is one located error, not a stack overflow")
    func overlayChain() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "o0.yaml": SmallCode.code])
        for n in 1..<1500 {
            scratch.write(["o\(n).yaml": "code: {version: v\(n), status: in_force, in_force: 2025-06-01}\nextends: o\(n - 1).yaml\n"])
        }
        let r = try run(scratch, ["lint", "o1499.yaml", "vocabulary.yaml"])
        #expect(r.status == 2)
        // o1499 -> ... : the 65th file in the chain, o1435, is where extending stops.
        #expect(r.output.contains("o1435.yaml:2:10: error: [expression-limit] overlays extend overlays more than 64 deep here; the chain starts at o1499.yaml"),
                "\(r.output.prefix(500))")
    }

    @Test("numbers at the edge of Int in a max() range and in a diff probe are shown, not trapped on")
    func extremeNumbers() throws {
        let scratch = Scratch()
        let vocabulary = SmallCode.vocabulary.replacingOccurrences(
            of: "facts:\n", with: "facts:\n  service.other_users: {type: integer, min: 0, question: How many other users?}\n")
        scratch.write(["vocabulary.yaml": vocabulary,
                       "code.yaml": code(definitions: "", applies: "max([service.uk_users, service.other_users]) > 1_000_000"),
                       "big.yaml": SmallCode.submission().replacingOccurrences(of: "uk_users: 5000", with: "uk_users: 9223372036854775807"),
                       "v2.yaml": "code: {version: v2, status: in_force, in_force: 2025-06-01}\nextends: code.yaml\ndefinitions:\n  large: service.uk_users > 9223372036854775807\n"])
        let a = try run(scratch, ["assess", "big.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--format", "json", "--out", "-"])
        #expect(a.status == 0, "\(a.output.prefix(400))")
        #expect(a.output.contains("9,223,372,036,854,775,807"))
        let d = try run(scratch, ["diff", "--from", "code.yaml", "--to", "v2.yaml", "--format", "json", "--out", "-"])
        #expect(d.status == 0, "\(d.output.prefix(400))")
    }

    @Test("a FIFO as a submission, a vocabulary or an extends target is one unreadable-file error, never a hang")
    func fifos() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        for name in ["pipe.yaml", "vpipe.yaml", "bpipe.yaml"] { #expect(mkfifo(scratch.file(name), 0o644) == 0) }
        scratch.write(["vcode.yaml": SmallCode.code.replacingOccurrences(of: "vocabulary: vocabulary.yaml", with: "vocabulary: vpipe.yaml"),
                       "over.yaml": "code: {version: v2}\nextends: bpipe.yaml\n"])
        let a = try run(scratch, ["assess", "pipe.yaml", "small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29",
                                  "--format", "json", "--out", "out"], seconds: 10)
        #expect(!a.killed, "assess hung on a FIFO")
        #expect(a.status == 2)
        #expect(a.output.contains("pipe.yaml:1:1: error: [unreadable-file] is not a regular file"))
        #expect(scratch.files(under: "out") == ["small-service/small@v1.json"], "the other submission is still reported")
        // Named by another file, a FIFO is one error at the naming key (nothing of it is read).
        for (target, place) in [("vcode.yaml", "vcode.yaml:7:15: error: [unknown-file-kind] 'vocabulary' names vpipe.yaml"),
                                ("over.yaml", "over.yaml:2:10: error: [unknown-file-kind] 'extends' names bpipe.yaml")] {
            let l = try run(scratch, ["lint", target], seconds: 10)
            #expect(!l.killed, "lint hung on \(target)")
            #expect(l.status == 2)
            #expect(l.output.contains(place), "\(l.output)")
        }
    }

    @Test("an error on a very long line shows a window around its column, not the whole line")
    func longLines() throws {
        let scratch = Scratch()
        let filler = String(repeating: "x", count: 100_000)
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code,
                       "long.yaml": SmallCode.submission().replacingOccurrences(of: "provider: Small Ltd", with: "provider: Small Ltd, note: \(filler), colour: red")])
        let r = try run(scratch, ["lint", "long.yaml", "vocabulary.yaml"])
        #expect(r.status == 2)
        #expect(r.output.count < 2_000, "\(r.output.count) characters of errors")
        // Two errors: the note past the text limit (at its start), and the unknown key 'colour'
        // 100,000 characters further on, whose excerpt we look at.
        let lines = r.output.split(separator: "\n")
        let at = try #require(lines.firstIndex { $0.contains("[unknown-key] unknown key 'colour'") })
        #expect(lines[at].hasPrefix("long.yaml:1:100069: error:"))
        let excerpt = lines[at + 1], caret = lines[at + 2]
        // The window ends at the line's end, so only its start is cut.
        #expect(excerpt.hasPrefix("    1 | …") && excerpt.count <= 8 + 1 + 160)
        // The caret still stands under the key it names.
        let column = caret.count - 1
        let under = excerpt[excerpt.index(excerpt.startIndex, offsetBy: column)...].prefix(6)
        #expect(under == "colour", "\(under)")
    }

    @Test("many errors of one kind: the first 20 in full, then one line with the count")
    func repeatedErrorsCapped() throws {
        let scratch = Scratch()
        let keys = (0..<5000).map { "  k\($0): true\n" }.joined()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code,
                       "keys.yaml": SmallCode.submission().replacingOccurrences(of: "controls:\n", with: "controls:\n" + keys)])
        let r = try run(scratch, ["lint", "keys.yaml", "vocabulary.yaml"])
        #expect(r.status == 2)
        let errors = r.output.split(separator: "\n").filter { $0.contains(": error: [unknown-fact]") }
        #expect(errors.count == 20)
        #expect(r.output.contains("safetycode: note: 4980 more errors of the kind [unknown-fact] not shown (the first 20 are above)"))
        #expect(r.output.contains("5000 errors"), "the summary still counts every error")
    }

    @Test("a name or a text past its limit is refused at its place, before it reaches any report")
    func textLimits() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["huge.yaml": SmallCode.submission(service: String(repeating: "S", count: 301))])
        let r = try run(scratch, ["assess", "huge.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--out", "out"])
        #expect(r.status == 2)
        #expect(r.output.contains("huge.yaml:1:23: error: [bad-value] 'service' is 301 characters long; the limit is 300"), "\(r.output.prefix(300))")
        #expect(scratch.files(under: "out").isEmpty)
    }

    @Test("'did you mean' is looked for only among names of comparable length")
    func suggestionsBounded() {
        let start = Date()
        #expect(Suggestion.closest(to: String(repeating: "k", count: 1_000_000), in: ["controls.a.one"]) == nil)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(Suggestion.closest(to: "risk.groming", in: ["risk.grooming", "r"]) == "risk.grooming")
    }

    @Test("a vocabulary of 20,000 facts and a diff of 4,000 changed measures finish: their cost is linear, not quadratic")
    func linearCost() throws {
        let scratch = Scratch()
        let facts = (0..<20_000).map { "  controls.z.f\($0): {type: bool, question: Question \($0)?}\n" }.joined()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary.replacingOccurrences(of: "facts:\n", with: "facts:\n" + facts)])
        // Before: every fact was compared with every other (minutes); now well under the limit.
        let lint = try run(scratch, ["lint", "vocabulary.yaml"], seconds: 60)
        #expect(!lint.killed, "lint of 20,000 facts ran past 60 s")
        #expect(lint.status == 0, "\(lint.output.prefix(300))")
        let measures = { (op: String) in
            (0..<4000).map { k in
                "  - id: Z\(k)\n    section: A\n    title: T\(k)\n    severity: low\n    applies_when: service.uk_users \(op) \(k)\n"
                    + "    requires: [{id: one, text: Does one, check: controls.a.one}]\n    source: {url: https://example.org/z, confidence: unconfirmed}\n"
            }.joined()
        }
        // The diff in a folder of its own, over the small vocabulary (130 s before, 4 s now).
        let head = SmallCode.code[..<SmallCode.code.range(of: "measures:\n")!.upperBound]
        scratch.write(["d/vocabulary.yaml": SmallCode.vocabulary, "d/a.yaml": head + measures(">"),
                       "d/b.yaml": head.replacingOccurrences(of: "version: v1", with: "version: v2") + measures(">=")])
        let diff = try run(scratch, ["diff", "--from", "d/a.yaml", "--to", "d/b.yaml", "--format", "json", "--out", "out"], seconds: 60)
        #expect(!diff.killed, "a diff of 4,000 changed measures ran past 60 s")
        #expect(diff.status == 0, "\(diff.output.prefix(300))")
        #expect(diff.output.contains("0 added, 0 removed, 4000 changed"))
    }

    @Test("a failed write to standard output (a full disk) is exit 3 with one line, never a trap", arguments: [["--format", "json"], ["--format", "jsonl"]])
    func fullDisk(format: [String]) throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let (p, text) = try runToFullDisk(["assess", "small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--out", "-"] + format,
                                          in: scratch.url)
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 3, "\(text)")
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1, "\(text)")
        #expect(lines.first?.hasPrefix("safetycode: error: [write-failed] cannot write") == true)
        #expect(lines.first?.hasSuffix("No space left on device") == true)
    }

    @Test("every command writing to a full standard output exits 3 with one line (found by a new user: schema crashed, test said nothing)",
          arguments: [["schema", "submission"], ["test", "Codes"], ["test", "--coverage", "Codes"], ["lint", "--list"],
                      ["template", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml"], ["lint", "Codes"],
                      ["assess", "Submissions/glowtide-live.yaml", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml", "--format", "jsonl", "--out", "-"],
                      ["assess", "Submissions/glowtide-live.yaml", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml", "--format", "md", "--out", "-"]])
    func fullDiskEveryCommand(arguments: [String]) throws {
        let (p, text) = try runToFullDisk(arguments, in: packageRoot)
        #expect(p.terminationReason == .exit)
        #expect(p.terminationStatus == 3, "\(text)")
        #expect(text == "safetycode: error: [write-failed] cannot write to standard output: No space left on device\n", "\(text)")
    }

    @Test("an overlay that extends itself says so once; the same code named twice makes one template")
    func selfExtendsAndTemplateTwice() throws {
        let scratch = Scratch()
        scratch.write(["self.yaml": "code: {version: v2}\nextends: self.yaml\n"])
        let r = try run(scratch, ["lint", "self.yaml"])
        #expect(r.output.hasPrefix("self.yaml:2:10: error: [cycle] self.yaml extends itself\n"), "\(r.output)")
        let t = try CLI.run(["template", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml", "--code", "Codes/ofcom/illegal-content-u2u/./v1.yaml"])
        #expect(t.status == 0)
        #expect(t.stdout.hasPrefix("# Submission template for Illegal content Codes of Practice for user-to-user services (ofcom-icu-u2u v1).\n"),
                "\(t.stdout.prefix(200))")
    }

    @Test("found by a hostile trial: a title cannot forge explain's lines, a URL with a hidden character is no link, a refused run writes nothing, lint --vocabulary never echoes a foreign file")
    func hostileTrialFindings() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        // M3 is not met; its title tries to print a line saying it is.
        scratch.write(["forged.yaml": SmallCode.code.replacingOccurrences(of: "title: Not met", with: "title: \"Not met\\nStatus: met (score 100%)\"")])
        let e = try CLI.run(["explain", "M3", "small-service.yaml", "--code", "forged.yaml", "--as-of", "2026-11-29"], in: scratch.url)
        #expect(e.status == 0, "\(e.stderr)")
        let lines = e.stdout.split(separator: "\n")
        #expect(!lines.contains("Status: met (score 100%)"), "\(e.stdout)")
        #expect(lines.first == "M3: Not met<U+000A>Status: met (score 100%)")
        #expect(lines.contains("Status: not met (score 0%)"))
        // A URL holding a right-to-left override is shown, never linked.
        scratch.write(["url.yaml": SmallCode.submission().replacingOccurrences(
            of: "alternative_measures:", with: "evidence:\n  controls.a.one: {document: Report, url: \"https://ok.example/\\u202Eexe.txt\"}\nalternative_measures:")])
        let h = try CLI.run(["assess", "url.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--format", "html", "--out", "-"], in: scratch.url)
        #expect(h.status == 0, "\(h.stderr)")
        #expect(!h.stdout.contains("href=\"https://ok.example/"))
        #expect(h.stdout.contains("https://ok.example/&lt;U+202E&gt;exe.txt"))
        // Two codes with one id and version: refused, and nothing at all is written.
        scratch.write(["copy.yaml": SmallCode.code])
        let r = try CLI.run(["assess", "small-service.yaml", "url.yaml", "--code", "code.yaml", "--code", "copy.yaml", "--as-of", "2026-11-29",
                             "--format", "md,jsonl", "--out", "out"], in: scratch.url)
        #expect(r.status == 2)
        #expect(scratch.files(under: "out").isEmpty, "\(scratch.files(under: "out"))")
        // A file named as the vocabulary that is not one: one error, none of its lines.
        scratch.write(["secret.txt": "root:x:0:0:root:/root:/bin/bash\n"])
        let l = try CLI.run(["lint", "--vocabulary", "secret.txt", "small-service.yaml"], in: scratch.url)
        #expect(l.status == 2)
        #expect(!(l.stdout + l.stderr).contains("root:x"), "\(l.stdout)\(l.stderr)")
        #expect((l.stdout + l.stderr).contains("'--vocabulary' names secret.txt, which is not a vocabulary file"))
    }

    @Test("lint warns about a bidi character written as an escape, at the value; a service name's line break never reaches the compare chart")
    func escapedHiddenCharacters() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["esc.yaml": SmallCode.submission(service: "Evil\u{202E}Service").replacingOccurrences(of: "\u{202E}", with: "\\u202e"),
                       "lf.yaml": SmallCode.submission(service: "Two\nLines").replacingOccurrences(of: "\n", with: "\\n", options: [], range: nil)])
        let l = try CLI.run(["lint", "--vocabulary", "vocabulary.yaml", "esc.yaml"], in: scratch.url)
        #expect(l.stdout.contains("esc.yaml:1:23: warning: [invisible-character] this value holds <U+202E> written as an escape"), "\(l.stdout)")
        scratch.write(["two.yaml": SmallCode.submission(service: "Two\u{2028}Lines").replacingOccurrences(of: "\u{2028}", with: "\\u2028")])
        let c = try CLI.run(["compare", "two.yaml", "--from", "code.yaml", "--to", "code.yaml", "--as-of", "2026-11-29", "--format", "html", "--out", "-"],
                            in: scratch.url)
        #expect(c.status == 0, "\(c.stderr)")
        #expect(!c.stdout.unicodeScalars.contains("\u{2028}"))
    }

    @Test("--jobs near 2^63 is bounded, not an overflow")
    func hugeJobs() async throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let options = Assess.Options(submissions: [scratch.file("small-service.yaml")], codes: [scratch.file("code.yaml")], formats: [.json],
                                     out: scratch.file("out"), asOf: Day("2026-11-29")!, workers: Int.max)
        #expect(options.workers == 1024)
        #expect(await Assess.run(options).exitCode == 0)
    }
}
