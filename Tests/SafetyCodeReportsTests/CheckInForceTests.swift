import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// A check with its own `in_force` (SPEC section 2.4): before its date it is listed apart as not
/// yet in force, and neither scored nor counted in the measure's status.
@Suite("Checks with their own in-force date")
struct CheckInForceTests {
    /// A measure in force from 2025-03-17 whose third check (weight 2) is a duty added later,
    /// in force from 2026-06-29. The submission meets the first (weight 3), not the second
    /// (weight 1) and not the third.
    static let code = """
        code: {id: dated, version: v1, title: Dated checks, status: in_force, in_force: 2025-03-17, vocabulary: vocabulary.yaml}
        sections: [{id: G, title: Terms}]
        measures:
          - id: G1
            section: G
            title: Terms of service
            severity: medium
            requires:
              - {id: one, text: Explains one, check: controls.a.one, weight: 3}
              - {id: two, text: Explains two, check: controls.a.two}
              - {id: later, text: Explains the later duty, check: controls.a.three, weight: 2, in_force: 2026-06-29}
            source: {url: https://example.org/g1, confidence: code_text}
          - id: G2
            section: G
            title: Only a later duty
            severity: low
            requires:
              - {id: later, text: Does the later thing, check: controls.a.one, in_force: 2026-06-29}
            source: {url: https://example.org/g2, confidence: code_text}

        """

    static func submission(three: Bool) -> String {
        """
        submission: {service: Dated Service}
        service: {uk_users: 5000}
        controls:
          a: {one: true, two: false, three: \(three)}

        """
    }

    func assess(_ date: String, three: Bool = false, asIfInForce: Bool = false, code: String = code) throws -> Assessment {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": code, "s.yaml": Self.submission(three: three)])
        let loader = Loader()
        let c = try #require(loader.code(scratch.file("code.yaml")), "\(loader.diagnostics)")
        let s = try #require(loader.submission(scratch.file("s.yaml"), vocabulary: c.vocabulary), "\(loader.diagnostics)")
        return Assessor(code: c).assess(s, asOf: Day(date)!, asIfInForce: asIfInForce)
    }

    @Test("before its date the check is not scored and does not make the measure a gap")
    func before() throws {
        let a = try assess("2026-06-28")
        let g1 = a.results[0]
        // Scored: one (3, met) and two (1, not met): 3 of 4. The later check (2, not met) is left out.
        #expect(g1.status == .partial)
        #expect(g1.score == 0.75)
        #expect(g1.checksNotInForce == [2])
        #expect(a.summary.earned == 3)
        #expect(a.summary.possible == 4)
        #expect(g1.reason.hasSuffix("not scored until in force: check 'later' from 29 June 2026"))
    }

    @Test("a measure whose only unmet check is not yet in force is met, not partly met")
    func metBefore() throws {
        let code = Self.code.replacingOccurrences(of: "check: controls.a.two}", with: "check: controls.a.one}")
        let a = try assess("2026-01-01", code: code)
        #expect(a.results[0].status == .met)
        #expect(a.results[0].score == 1.0)
        #expect(!a.results[0].isGap)
        // From its date the same declaration is a gap: one and two met (4 of 6).
        let later = try assess("2026-06-29", code: code)
        #expect(later.results[0].status == .partial)
        #expect(later.results[0].score == 4.0 / 6.0)
        #expect(later.results[0].checksNotInForce.isEmpty)
    }

    @Test("from its date the check counts like any other")
    func onAndAfter() throws {
        let a = try assess("2026-06-29")
        // one 3 met, two 1 not met, later 2 not met: 3 of 6.
        #expect(a.results[0].status == .partial)
        #expect(a.results[0].score == 0.5)
        // G1 6, and G2 (its one check now in force, met) 1.
        #expect(a.summary.possible == 7)
        let met = try assess("2026-07-01", three: true)
        // one 3 + later 2 of 6.
        #expect(met.results[0].score == 5.0 / 6.0)
    }

    @Test("as if in force, the check is scored whatever the date")
    func asIfInForce() throws {
        let a = try assess("2026-01-01", asIfInForce: true)
        #expect(a.results[0].checksNotInForce.isEmpty)
        #expect(a.results[0].score == 0.5)
    }

    @Test("a measure in force whose every check is later is listed as not in force, and not scored")
    func allChecksLater() throws {
        let a = try assess("2026-01-01")
        #expect(a.results[1].status == .notInForce)
        #expect(a.results[1].score == nil)
        #expect(a.results[1].reason.hasPrefix("no check in force yet (check 'later' from 29 June 2026)"))
        let after = try assess("2026-06-29")
        #expect(after.results[1].status == .met)
    }

    @Test("every report format lists the check apart")
    func reports() throws {
        let a = try assess("2026-06-28")
        let md = GapReport.render(a, format: .markdown, submissionSHA: "x", inputs: [])
        #expect(md.contains("## Checks not yet in force"))
        #expect(md.contains("| G1: Terms of service | Explains the later duty | in force from 29 June 2026 |"))
        #expect(md.contains("Not yet in force (not scored):\n\n- Explains the later duty (in force from 29 June 2026)"))
        let html = GapReport.render(a, format: .html, submissionSHA: "x", inputs: [])
        #expect(html.contains("<h2>Checks not yet in force</h2>"))
        #expect(html.contains("<td>Explains the later duty</td><td>in force from 29 June 2026</td>"))
        let json = GapReport.render(a, format: .json, submissionSHA: "x", inputs: [])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let g1 = try #require((object["measures"] as? [[String: Any]])?.first)
        let later = try #require(g1["checks_not_in_force"] as? [[String: String]])
        #expect(later == [["id": "later", "text": "Explains the later duty", "in_force": "2026-06-29"]])
        // The pinned `checks` list holds only the checks in force.
        let checks = try #require(g1["checks"] as? [[String: Any]])
        #expect(checks.map { $0["id"] as? String } == ["one", "two"])
        #expect(checks.map { $0["result"] as? Bool } == [true, false])
        let csv = GapReport.render(a, format: .csv, submissionSHA: "x", inputs: [])
        let lines = csv.split(separator: "\r\n")
        #expect(lines[0].contains(",confidence,checks_not_in_force,harms,"))
        // checks_met 1 of checks_total 2, and the later check named with its date.
        #expect(lines[1].contains(",1,2,"))
        #expect(lines[1].contains(",later@2026-06-29,"))
        // After the date there is nothing to list apart.
        let after = GapReport.render(try assess("2026-06-29"), format: .markdown, submissionSHA: "x", inputs: [])
        #expect(!after.contains("Checks not yet in force"))
    }

    @Test("a check's in_force that is not a date is an error at its place")
    func badDate() throws {
        let scratch = Scratch()
        let marked = Self.code.replacingOccurrences(of: "weight: 2, in_force: 2026-06-29}", with: "weight: 2, in_force: ⟨here⟩2026-06-31}")
        let here = try #require(scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": marked]))
        let loader = Loader()
        #expect(loader.code(scratch.file("code.yaml")) == nil)
        let d = try #require(loader.diagnostics.first { $0.code == .badDate })
        #expect(d.location?.line == here.line)
        #expect(d.location?.column == here.column)
        // It is written YYYY-MM-DD: the message says what is wrong with it.
        #expect(d.message.hasSuffix("must be a date written YYYY-MM-DD, not '2026-06-31' (June 2026 has 30 days)"))
    }

    @Test("lint warns when a check's date is not after its measure's own date")
    func pointlessDate() throws {
        let scratch = Scratch()
        let code = """
            code: {id: d, version: v1, title: D, status: in_force, in_force: 2025-03-17, vocabulary: vocabulary.yaml}
            sections: [{id: G, title: Terms}]
            measures:
              - id: G1
                section: G
                title: T
                severity: low
                in_force: 2026-01-01
                requires:
                  - {id: one, text: One, check: controls.a.one, in_force: ⟨here⟩2025-12-01}
                source: {url: https://example.org/g1, confidence: code_text}

            """
        let here = try #require(scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": code]))
        let report = Lint.run(paths: [scratch.file("code.yaml")])
        #expect(report.errors == 0)
        let d = try #require(report.diagnostics.first)
        #expect(d.severity == .warning)
        #expect(d.message == "check 'one' of measure 'G1' is in force from 2025-12-01, not after the measure itself (2026-01-01): its date changes nothing")
        #expect(d.location?.line == here.line)
        #expect(d.location?.column == here.column)
    }

    @Test("diff shows a change of a check's in-force date")
    func diff() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "a.yaml": Self.code,
                       "b.yaml": Self.code.replacingOccurrences(of: "weight: 2, in_force: 2026-06-29}", with: "weight: 2, in_force: 2026-09-30}")])
        let loader = Loader()
        let a = try #require(loader.code(scratch.file("a.yaml")), "\(loader.diagnostics)")
        let b = try #require(loader.code(scratch.file("b.yaml")), "\(loader.diagnostics)")
        let d = CodeDiff(from: a, to: b)
        let change = try #require(d.changed.first)
        #expect(d.changed.map(\.id) == ["G1"])
        #expect(change.fields == [.requires])
        #expect(change.checksChanged == ["later"])
        let md = DiffReport.render(d, format: .markdown, inputs: [])
        #expect(md.contains("Explains the later duty (this check in force from 29 June 2026)"))
        #expect(md.contains("Explains the later duty (this check in force from 30 September 2026)"))
    }
}
