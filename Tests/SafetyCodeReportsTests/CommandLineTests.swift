import Foundation
import TestSupport
import Testing

/// One convention for every command (SPEC section 4): codes by option, submissions as arguments,
/// every error as `safetycode: error: [code] …` or `file:line:col: error: …`, bad options exit 2.
@Suite("The command line")
struct CommandLineTests {
    static let badOptions: [([String], String, String)] = [
        (["assess", "small-service.yaml", "--code", "code.yaml", "--format", "pdf"], "assess", "unknown format 'pdf' for --format; choose from md, html, json, csv, jsonl, oscal, junit"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--as-of", "2026-13-01"], "assess", "the value '2026-13-01' is invalid for '--as-of <date>'"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--fail-under", "2"], "assess", "--fail-under takes a fraction from 0 to 1, such as 0.75, not 2"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--fail-under", "75%"], "assess", "--fail-under takes a fraction from 0 to 1, such as 0.75, not 75%"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--fail-under", "nan"], "assess", "--fail-under takes a fraction from 0 to 1, such as 0.75, not nan"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--fail-under", "-1"], "assess", "--fail-under takes a fraction from 0 to 1, such as 0.75, not -1"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--jobs", "0"], "assess", "--jobs takes a whole number from 1 to 1024, not 0"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--jobs", "9223372036854775807"], "assess", "--jobs takes a whole number from 1 to 1024, not 9223372036854775807"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--jobs", "-1"], "assess", "--jobs takes a whole number from 1 to 1024, not -1"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--jobs", "abc"], "assess", "--jobs takes a whole number from 1 to 1024, not abc"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--jobs", "2.5"], "assess", "--jobs takes a whole number from 1 to 1024, not 2.5"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--jobs", ""], "assess", "--jobs takes a whole number from 1 to 1024, not nothing"),
        (["assess", "small-service.yaml", "--code", "code.yaml", "--jobs", "99999999999999999999"], "assess", "--jobs takes a whole number from 1 to 1024, not 99999999999999999999"),
        (["diff", "--from", "code.yaml", "--to", "code.yaml", "--format", "csv"], "diff", "this command does not write --format csv; choose from md, html, json"),
        (["compare", "small-service.yaml", "--from", "code.yaml"], "compare", "compare needs two codes: --from <code> --to <code>"),
        (["explain", "M2", "--code", "code.yaml"], "explain", "explain needs a submission file: explain <measure-id> <submission> --code <code>"),
        (["template"], "template", "missing expected argument '--code <code> ...'"),
    ]

    @Test("a bad option value exits 2 with our error style and the subcommand's usage", arguments: badOptions)
    func badOption(arguments: [String], command: String, message: String) throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let r = try CLI.run(arguments, in: scratch.url)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("safetycode: error: [bad-option] \(message)\n"), "\(r.stderr)")
        #expect(r.stderr.contains("Usage: safetycode \(command) "), "\(r.stderr)")
        #expect(!r.stderr.contains("Error:"))
        #expect(r.stdout.isEmpty)
    }

    @Test("an error with no file names the program, and a measure id gets a 'did you mean'",
          arguments: [("C9", "ICU C9"), ("ICU-C9", "ICU C9"), ("icu c9", "ICU C9"), ("ICU C99", "ICU C9"), ("f1", "ICU F1")])
    func unknownMeasure(typed: String, meant: String) throws {
        let r = try CLI.run(["explain", typed, "Submissions/marblewave-social.yaml", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr == "safetycode: error: [unknown-measure] no measure '\(typed)' in ofcom-icu-u2u v1; did you mean '\(meant)'?\n")
    }

    @Test("explain takes the submission as an argument, as assess does; --submission still works")
    func explainForms() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let new = try CLI.run(["explain", "M2", "small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29"], in: scratch.url)
        let old = try CLI.run(["explain", "M2", "--code", "code.yaml", "--submission", "small-service.yaml", "--as-of", "2026-11-29"], in: scratch.url)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.hasPrefix("M2: Partly met\n"))
        #expect(old.stdout == new.stdout)
    }

    @Test("diff takes --from and --to, as compare does; the two-argument form still works")
    func diffForms() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let new = try CLI.run(["diff", "--from", "code.yaml", "--to", "code.yaml", "--format", "json", "--out", "-"], in: scratch.url)
        let old = try CLI.run(["diff", "code.yaml", "code.yaml", "--format", "json", "--out", "-"], in: scratch.url)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout.contains("\"added\": [],") || new.stdout.contains("\"added\" : ["))
        #expect(old.stdout == new.stdout)
    }

    @Test("every command's help follows one pattern", arguments: [
        ("assess", "safetycode assess <submission> ... --code <code> ... [<options>]"),
        ("compare", "safetycode compare <submission> ... --from <code> --to <code> [<options>]"),
        ("diff", "safetycode diff --from <code> --to <code> [<options>]"),
        ("explain", "safetycode explain <measure-id> <submission> --code <code> [--as-of <date>]"),
        ("template", "safetycode template --code <code> ..."),
    ])
    func help(command: String, usage: String) throws {
        let r = try CLI.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: \(usage)\n"), "\(r.stdout)")
        // No option says its default twice ("(default: the number of cores). (default: 2)").
        for line in r.stdout.split(separator: "\n") {
            #expect(line.components(separatedBy: "default").count <= 2, "\(line)")
        }
    }

    @Test("the man page is made from the commands' help")
    func manual() throws {
        let r = try CLI.run(["generate-manual"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix(".TH SAFETYCODE 1 "))
        #expect(r.stdout.contains(".SS assess\n"))
        #expect(r.stdout.contains("USAGE: safetycode diff \\-\\-from <code> \\-\\-to <code> [<options>]"))
        #expect(!r.stdout.contains("generate\\-manual"))
        let help = try CLI.run(["--help"])
        #expect(!help.stdout.contains("generate-manual"))
    }
}

@Suite("Templates")
struct TemplateTests {
    /// A second code on the small vocabulary that asks about two of its five facts.
    static let other = """
        code:
          id: other
          version: v1
          title: Another code
          status: in_force
          in_force: 2025-01-01
          vocabulary: vocabulary.yaml
        sections:
          - {id: A, title: First}
        measures:
          - id: N1
            section: A
            title: Grooming
            severity: high
            applies_when: risk.grooming >= medium
            requires:
              - {id: three, text: Does three, check: controls.a.three}
            source: {url: https://example.org/n1, confidence: unconfirmed}

        """

    @Test("template --code A --code B asks each fact of both codes once and says which codes ask it")
    func union() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["other.yaml": Self.other])
        let r = try CLI.run(["template", "--code", "other.yaml", "--code", "code.yaml"], in: scratch.url)
        #expect(r.status == 0, "\(r.stderr)")
        let t = r.stdout
        // code.yaml asks all five facts; other.yaml asks risk.grooming and controls.a.three.
        for key in ["uk_users: ~", "grooming: ~", "one: ~", "two: ~", "three: ~"] {
            #expect(t.components(separatedBy: key).count == 2, "\(key) should appear once")
        }
        #expect(t.contains("# What is the risk of grooming?\n  # one of: negligible, low, medium, high\n  # asked by both codes\n  grooming: ~\n"))
        #expect(t.contains("  # How many UK users does the service have?\n  # a whole number\n  # asked by small v1\n  uk_users: ~\n"))
        #expect(t.contains("    # asked by both codes\n    three: ~\n"))
        #expect(t.contains("    # asked by small v1\n    one: ~\n"))
        #expect(t.contains("\n# evidence:\n#   risk.grooming:\n#     document: "))
        #expect(t.contains("\n# alternative_measures:\n#   N1:\n#     description: "))
        // A folder of codes is taken as assess takes it: every code and overlay in it.
        scratch.write(["c/vocabulary.yaml": SmallCode.vocabulary, "c/code.yaml": SmallCode.code, "c/other.yaml": Self.other])
        let folder = try CLI.run(["template", "--code", "c"], in: scratch.url)
        let files = try CLI.run(["template", "--code", "c/code.yaml", "--code", "c/other.yaml"], in: scratch.url)
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stdout == files.stdout)
        #expect(folder.stdout.hasPrefix("# Submission template for 2 codes: small v1, other v1.\n"))
        // The template is a submission that lints clean as it is.
        scratch.write(["filled.yaml": t])
        let lint = try CLI.run(["lint", "filled.yaml", "--vocabulary", "vocabulary.yaml"], in: scratch.url)
        #expect(lint.status == 0, "\(lint.stdout)")
    }

    @Test("template with codes on different vocabularies refuses, naming both")
    func twoVocabularies() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["b/vocabulary.yaml": SmallCode.vocabulary, "b/other.yaml": Self.other])
        let r = try CLI.run(["template", "--code", "code.yaml", "--code", "b/other.yaml"], in: scratch.url)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("safetycode: error: [bad-value] other v1 uses the vocabulary b/vocabulary.yaml, but small v1 uses vocabulary.yaml"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}

@Suite("Every problem in a file")
struct EveryProblemTests {
    /// A duplicate key (line 5), a date in the wrong form (line 1) and a word for a number
    /// (line 2): three problems, each at its own place.
    static let submission = """
        submission: {service: Kitefold, date: 20/11/2026}
        service: {uk_users: lots}
        controls:
          a:
            one: true
            one: false

        """

    @Test("a duplicate key does not hide the file's other errors", arguments: ["lint", "assess"])
    func duplicateKey(command: String) throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["kitefold.yaml": Self.submission])
        let arguments = command == "lint"
            ? ["lint", "kitefold.yaml", "--vocabulary", "vocabulary.yaml"]
            : ["assess", "kitefold.yaml", "--code", "code.yaml", "--out", "out"]
        let r = try CLI.run(arguments, in: scratch.url)
        #expect(r.status == 2)
        let text = r.stdout + r.stderr
        let errors = text.split(separator: "\n").filter { $0.contains(": error: [") }.map(String.init)
        #expect(errors == [
            "kitefold.yaml:1:39: error: [bad-date] 'date' must be a date written YYYY-MM-DD, not '20/11/2026'",
            "kitefold.yaml:2:21: error: [wrong-type] 'service.uk_users' must be a whole number, not 'lots'",
            "kitefold.yaml:6:5: error: [duplicate-key] duplicate key 'one'",
        ], "\(text)")
        #expect(text.contains("kitefold.yaml:5:5: note: first defined here"))
        #expect(!FileManager.default.fileExists(atPath: scratch.file("out")) || scratch.files(under: "out").isEmpty)
    }
}

@Suite("The README")
struct ReadmeTests {
    /// A `$ safetycode …` command in the README and the output lines it shows.
    struct Example: CustomTestStringConvertible {
        var command: String
        var shown: [String]
        var testDescription: String { command }
    }

    /// Every `$ safetycode …` line in the README's code blocks, with the lines shown under it.
    static let examples: [Example] = {
        let text = (try? String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        var out: [Example] = []
        var inBlock = false
        var current: Example?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inBlock.toggle()
                if let c = current { out.append(c) }
                current = nil
            } else if inBlock, line.hasPrefix("$ ") {
                if let c = current { out.append(c) }
                current = Example(command: String(line.dropFirst(2)), shown: [])
            } else if inBlock {
                current?.shown.append(line)
            }
        }
        return out.filter { $0.command.hasPrefix("safetycode ") }
    }()

    @Test("the README has its tour of commands")
    func hasTour() {
        #expect(Self.examples.count >= 8)
    }

    @Test("every safetycode command in the README runs as printed and shows what the README shows", arguments: examples)
    func runsAsPrinted(example: Example) throws {
        // A copy of the inputs, as after a clone, with the built binary on the PATH (as after make install).
        let scratch = Scratch()
        for folder in ["Codes", "Submissions", "Reviews", "Schemas", "docs"] {
            try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent(folder).path, toPath: scratch.file(folder))
        }
        let bin = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        let r = try CLI.run(["-c", "PATH=\"\(bin):$PATH\"; " + example.command], in: scratch.url, executable: "/bin/sh")
        // The exit code: as a shown "(exit N)" line says, else 2 where an error is shown, else 0.
        let stated = example.shown.lazy.compactMap { line -> Int32? in
            guard line.hasPrefix("(exit "), line.hasSuffix(")") else { return nil }
            return Int32(line.dropFirst(6).dropLast())
        }.first
        let expected: Int32 = stated ?? (example.shown.contains { $0.contains("error:") } ? 2 : 0)
        #expect(r.status == expected, "\(r.stderr)")
        let got = Set((r.stdout + r.stderr).split(separator: "\n").map(String.init))
        // Lines cut short in the README ("...", "…") and blank lines are not compared.
        for line in example.shown where !["", "..."].contains(line.trimmingCharacters(in: .whitespaces)) && !line.contains("…") && !line.hasPrefix("(exit ") {
            let present = got.contains(line)
            #expect(present, "not in the output: \(line)")
        }
    }
}
