import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Issue 13: reports a policy lead can defend. Expected numbers are worked out by hand from
/// `SmallCode` (see Support.swift): with uk_users 5,000 (large), one true, two false, three and
/// grooming not given, and an alternative claimed for M7.
@Suite("Undecided is not failed, severity in the colours, sources in plain view")
struct DefensibleReportTests {
    static let asOf = Day("2026-11-29")!

    /// A proposal on the small code: M10 (critical, asks for two, which is false) added.
    static let proposal = """
        code: {version: v2, status: proposed}
        extends: code.yaml
        add:
          - id: M10
            section: A
            title: A new critical duty
            severity: critical
            requires:
              - {id: two, text: Does two, check: controls.a.two}
            source: {url: https://example.org/m10, confidence: operator_record}

        """

    /// A submission that gives nothing but its name.
    static let blank = "submission: {service: Blank}\n"

    func assess(_ files: [String: String] = [:], submission: String = "small-service.yaml", code: String = "code.yaml",
                asIfInForce: Bool = false) throws -> Assessment {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(files)
        let loader = Loader()
        let c = try #require(loader.code(scratch.file(code)), "\(loader.diagnostics)")
        let s = try #require(loader.submission(scratch.file(submission), vocabulary: c.vocabulary), "\(loader.diagnostics)")
        return Assessor(code: c).assess(s, asOf: Self.asOf, asIfInForce: asIfInForce)
    }

    func render(_ a: Assessment, _ format: ReportFormat) -> String {
        GapReport.render(a, format: format, submissionSHA: "0", inputs: [])
    }

    @Test("the summary gives the proven score, the most it could reach, the share decided and what may apply")
    func ranges() throws {
        let s = try assess().summary
        // Counted weight 10 (M1 2, M2 4, M3 1, M4 1, M7 1, M8 1), 6 proven (M1 2, M2 3, M8 1).
        // M4's one check (weight 1) is unknown: at most 7 of 10. Decided: the checks of measures
        // that surely apply, M4's unknown check and M8 (applicability unknown) left out: 8 of 10.
        #expect(s.score == 0.6)
        #expect(s.scoreUpper == 0.7)
        #expect(s.decided == 0.8)
        #expect(s.mayApply == 1)  // M8: risk.grooming not given
        let b = try assess().summary(section: "B")
        // B: M3 0/1, M4 ?/1, M7 0/1, M8 1/1 (may apply): 1 of 4 proven, 2 at most, 2 of 4 decided.
        #expect(b.score == 0.25)
        #expect(b.scoreUpper == 0.5)
        #expect(b.decided == 0.5)
        #expect(b.mayApply == 1)
    }

    @Test("JSON, JSON Lines and CSV carry the range; JSON by section too")
    func rangesInEveryFormat() throws {
        let a = try assess()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(render(a, .json).utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["score"] as? Double == 0.6)
        #expect(summary["score_upper"] as? Double == 0.7)
        #expect(summary["decided"] as? Double == 0.8)
        #expect(summary["may_apply"] as? Int == 1)
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.first { $0["id"] as? String == "B" }?["score_upper"] as? Double == 0.5)
        #expect(json["as_if_in_force"] as? Bool == false)
        let line = try #require(try JSONSerialization.jsonObject(with: Data(render(a, .jsonl).utf8)) as? [String: Any])
        let lineSummary = try #require(line["summary"] as? [String: Any])
        #expect(lineSummary["score_upper"] as? Double == 0.7)
        #expect(lineSummary["may_apply"] as? Int == 1)
        // The checks carry their weights and the measures their harms.
        let m2 = try #require((json["measures"] as? [[String: Any]])?[1])
        #expect((m2["checks"] as? [[String: Any]])?.map { $0["weight"] as? Int } == [3, 1])
        #expect(m2["harms"] as? [String] == [])
    }

    @Test("the headline gives the range and the undecided count; no gaps only 'so far' while anything is undecided")
    func headlines() throws {
        let a = try assess()
        // The HTML holds the score phrase in the workbench's `score-headline` element: read as shown.
        func shown(_ text: String) -> String {
            text.replacingOccurrences(of: "<span id=\"score-headline\">", with: "").replacingOccurrences(of: "</span>. ", with: ". ")
        }
        for format in [ReportFormat.markdown, .html] {
            let text = shown(render(a, format))
            #expect(text.contains("Score at least 60%, at most 70%: 2 measures undecided (1 of them may or may not apply)."), "\(format)")
        }
        // A blank submission: nothing proven, everything possible. Counted weight 11 (M1 2, M2 4,
        // M3 1, M4 1, M5 1, M7 1, M8 1), none known; 8 measures undecided (M1 to M5, M7, M8 and the
        // optional M9), 3 of them (M2, M5, M8) because whether they apply is unknown: 5 surely apply.
        // No gap is proven.
        let blank = try assess(["blank.yaml": Self.blank], submission: "blank.yaml")
        #expect(blank.summary.score == 0)
        #expect(blank.summary.scoreUpper == 1)
        #expect(blank.summary.mayApply == 3)
        for format in [ReportFormat.markdown, .html] {
            let text = shown(render(blank, format))
            #expect(text.contains("Score at least 0%, at most 100%: 8 measures undecided (3 of them may or may not apply). 5 measures apply, 3 more may apply, 0 met, 0 with gaps."), "\(format)")
            #expect(text.contains("No gaps so far"), "\(format)")
            #expect(!text.contains("No gaps:"), "\(format)")
        }
    }

    @Test("the bar shows the proven part and the undecided part apart")
    func bars() throws {
        let html = render(try assess(), .html)
        // 240 wide: 60% proven is 144, and the undecided 10% (to 70%) is 24 more, from 144.
        #expect(html.contains(##"<rect width="144" height="16" fill="#b3261e"/><rect x="144" width="24" height="16" fill="#b9c4dc"/>"##))
        let md = render(try assess(), .markdown)
        #expect(md.contains("`██████▒░░░`"))
    }

    @Test("colour follows severity: a critical gap makes the score red and its card the strongest, never green beside it")
    func severityColours() throws {
        let html = render(try assess(), .html)
        // M3 is critical and not met: the overall bar is red, marked in text, and no bar is green
        // (section A has M2, a high gap; section B has M3).
        #expect(html.contains("✗ a critical gap"))
        #expect(!html.contains(##"fill="#1f7a3a""##))
        #expect(html.contains(#"<article class="gap card-critical">"#))
        #expect(html.contains(#"<article class="gap card-high">"#))
        // The severity is written beside its colour.
        #expect(html.contains("‼ critical</span>"))
    }

    @Test("every report opens with a sources line, and each measure's source is a labelled badge")
    func sources() throws {
        let a = try assess()
        // M1 code text, M2 secondary source, M3 to M9 unconfirmed.
        let line = "Sources: of 9 measures, 1 checked against the Code text, 1 from secondary sources, 7 unconfirmed."
        for format in [ReportFormat.markdown, .html] {
            let text = render(a, format)
            let first = try #require(text.range(of: line), "\(format)")
            let score = try #require(text.range(of: "Score at least"), "\(format)")
            #expect(first.lowerBound < score.lowerBound, "\(format)")
        }
        let html = render(a, .html)
        #expect(html.contains(#"<span class="conf conf-unconfirmed">unconfirmed</span>"#))
        #expect(html.contains("third-party record quoting the Code</span></td><td>taken from a compliance record published by another service"))
    }

    @Test("questions for the platform: most severe waiting measure first, those only optional measures wait on last")
    func questionOrder() throws {
        // M8 now turns on three (high), M4 reads three (medium), and the optional M9 alone reads
        // grooming. The vocabulary lists grooming first; the report must not.
        let code = SmallCode.code
            .replacingOccurrences(of: "applies_when: risk.grooming >= medium", with: "applies_when: controls.a.three")
            .replacingOccurrences(of: "- {id: two, text: Does two, check: controls.a.two}\n    source: {url: https://example.org/m9",
                                  with: "- {id: two, text: Does two, check: risk.grooming == high}\n    source: {url: https://example.org/m9")
        #expect(code.contains("risk.grooming == high"))
        let a = try assess(["code.yaml": code])
        let md = render(a, .markdown)
        let three = try #require(md.range(of: "| `controls.a.three` |"))
        let grooming = try #require(md.range(of: "| `risk.grooming` |"))
        #expect(three.lowerBound < grooming.lowerBound)
        #expect(md.contains("| M9 (low, optional) |"))
    }

    @Test("assess --as-if-in-force gives compare's score for the same submission, code and date, labelled so")
    func asIfInForceMatchesCompare() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["v2.yaml": Self.proposal])
        let assessed = try CLI.run(["assess", "small-service.yaml", "--code", "v2.yaml", "--as-if-in-force", "--as-of", "2026-11-29",
                                  "--format", "json", "--out", "-"], in: scratch.url)
        #expect(assessed.status == 0, "\(assessed.stderr)")
        let compare = try CLI.run(["compare", "--from", "code.yaml", "--to", "v2.yaml", "small-service.yaml", "--as-of", "2026-11-29",
                                   "--format", "json", "--out", "-"], in: scratch.url)
        #expect(compare.status == 0, "\(compare.stderr)")
        let a = try #require(try JSONSerialization.jsonObject(with: Data(assessed.stdout.utf8)) as? [String: Any])
        let c = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        let after = try #require(((c["submissions"] as? [[String: Any]])?.first?["to"] as? [String: Any]))
        let score = try #require((a["summary"] as? [String: Any])?["score"] as? Double)
        // As if in force: M6 (from 2030, two false) and M10 (proposed, two false) count: 6 of 12.
        #expect(score == 0.5)
        #expect(after["score"] as? Double == score)
        #expect(a["as_if_in_force"] as? Bool == true)
        // Without the option, only what is in force: 6 of 10; the report says why the two differ.
        let plain = try assess(["v2.yaml": Self.proposal], code: "v2.yaml")
        #expect(plain.summary.score == 0.6)
        let md = render(plain, .markdown)
        #expect(md.contains("so a comparison (which treats every measure as in force) may give a different score"))
        // Every format labels a report made as if in force.
        let forced = try self.assess(["v2.yaml": Self.proposal], code: "v2.yaml", asIfInForce: true)
        #expect(render(forced, .markdown).contains("as if in force"))
        #expect(render(forced, .html).contains("<strong>as if in force</strong>"))
        // The as_if_in_force column says so (read by the header's name).
        let csvLines = render(forced, .csv).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = try #require(csvLines[0].firstIndex(of: "as_if_in_force"))
        #expect(csvLines[1][column] == "true")
        #expect(render(forced, .jsonl).contains(#""as_if_in_force":true"#))
    }

    @Test("the index shows a proposed code as if in force, says so, and gives the linked report's score where it differs")
    func indexAsIfInForce() async throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["v2.yaml": Self.proposal, "blank.yaml": Self.blank])
        let out = scratch.file("out")
        let outcome = await Assess.run(.init(submissions: [scratch.file("small-service.yaml"), scratch.file("blank.yaml")],
                                             codes: [scratch.file("code.yaml"), scratch.file("v2.yaml")], formats: [.markdown, .html],
                                             out: out, asOf: Self.asOf, workers: 1))
        #expect(outcome.exitCode == 0, "\(outcome.diagnostics)")
        let index = try String(contentsOfFile: scratch.file("out/index.md"), encoding: .utf8)
        // v1 for small-service: 60% proven, 70% at most. v2 as if in force: 6 of 12 proven, 7 at most
        // (58%); its report, in force only, gives 60%.
        #expect(index.contains("[60–70%](small-service/small@v1.md) ✗"))
        #expect(index.contains("[50–58%](small-service/small@v2.md) ✗"))
        #expect(index.contains("report, in force only: 60%"))
        #expect(index.contains("proposed: put forward, not yet decided or in force (shown as if in force)"))
        // Sections by title, not only by letter.
        #expect(index.contains("| A: First | B: Second |"))
    }

    @Test("reasons use a definition's title, not its name, and read a count as a sentence")
    func plainWords() throws {
        let code = SmallCode.code.replacingOccurrences(of: "  large: service.uk_users > 1_000\n", with: """
              large:
                title: a service with reach
                when: count([service.uk_users > 1_000, controls.a.one, controls.a.three]) >= 2

            """)
        #expect(code.contains("title: a service with reach"))
        let a = try assess(["code.yaml": code])
        // 5,000 users and one true: 2 of 3 hold; three is not given.
        #expect(a.results[1].reason == "applies: a service with reach (2 of 3 hold, 1 unknown: at least 2 needed (service.uk_users is 5,000 (> 1,000); controls.a.one is true)); 1 of 2 checks met, 1 not met")
        // An overlay that redefines it without a title keeps the title.
        let redefined = try assess(["code.yaml": code, "v2.yaml": """
            code: {version: v2, status: proposed}
            extends: code.yaml
            definitions:
              large: service.uk_users > 100_000

            """], code: "v2.yaml", asIfInForce: true)
        #expect(redefined.results[1].reason.hasPrefix("does not apply: not a service with reach (service.uk_users is 5,000, not > 100,000)"))
    }

    @Test("a titled definition without its condition is an error at its place")
    func titledDefinitionNeedsWhen() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["code.yaml": SmallCode.code.replacingOccurrences(of: "  large: service.uk_users > 1_000\n",
                                                                         with: "  large: {title: big}\n")])
        let loader = Loader()
        #expect(loader.code(scratch.file("code.yaml")) == nil)
        let d = try #require(loader.diagnostics.first { $0.severity == .error })
        #expect(d.message.contains("when"), "\(d.message)")
        #expect(d.location?.line == 9)
    }

    @Test("CSV: weights, the failing and unknown checks, harms, and a byte-order mark on request")
    func csv() async throws {
        let a = try assess()
        let csv = render(a, .csv)
        let rows = Self.parseCSV(csv)
        let header = rows[0]
        func cell(_ row: Int, _ column: String) -> String { rows[row][header.firstIndex(of: column)!] }
        // M2: one (weight 3) true, two (weight 1) false.
        #expect(cell(2, "weight_met") == "3")
        #expect(cell(2, "weight_total") == "4")
        #expect(cell(2, "checks_failing") == "Does two")
        #expect(cell(4, "checks_unknown") == "Does three")  // M4
        // M5 does not apply: no checks counted.
        #expect(cell(5, "checks_total") == "")
        #expect(header.contains("harms"))
        #expect(!csv.hasPrefix("\u{FEFF}"))

        let scratch = Scratch()
        scratch.write(SmallCode.files())
        let r = try CLI.run(["assess", "small-service.yaml", "--code", "code.yaml", "--csv-bom", "--format", "csv", "--out", "out"],
                            in: scratch.url)
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.file("out/small-service/small@v1.csv")))
        #expect(Array(bytes.prefix(4)) == [0xEF, 0xBB, 0xBF, 0x73])  // the mark, then "submission_file"
    }

    /// RFC 4180 rows: quoted fields may hold commas, quotes doubled.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        return rows
    }
}
