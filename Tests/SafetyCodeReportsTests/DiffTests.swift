import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Two small versions of a code with every kind of change between them.
enum TwoVersions {
    static let v2 = """
        code: {version: v2, status: proposed, published: 2026-06-01}
        extends: code.yaml
        definitions:
          large: service.uk_users > 100
        add:
          - id: M10
            section: B
            title: New measure
            severity: critical
            applies_when: risk.grooming == high
            requires:
              - {id: three, text: Does three, check: controls.a.three}
            source: {url: https://example.org/m10, confidence: official_summary}
        replace:
          - id: M3
            section: B
            title: Not met, reworded
            summary: Now with a summary.
            severity: high
            requires:
              - {id: two, text: "Does two, better", check: controls.a.two}
              - {id: one, text: Does one, check: controls.a.one}
            source: {url: https://example.org/m3, paragraph: M3.2, confidence: secondary}
        remove: [M5]

        """

    static func write(_ scratch: Scratch) {
        scratch.write(SmallCode.files())
        scratch.write(["v2.yaml": v2])
    }
}

@Suite("Code diff")
struct DiffTests {
    @Test("a diff of two small codes finds every kind of change")
    func everyKind() throws {
        let scratch = Scratch()
        TwoVersions.write(scratch)
        let loader = Loader()
        let a = try #require(loader.code(scratch.file("code.yaml")))
        let b = try #require(loader.code(scratch.file("v2.yaml")), "\(loader.diagnostics)")
        let d = CodeDiff(from: a, to: b)
        #expect(d.added.map(\.id) == ["M10"])
        #expect(d.removed.map(\.id) == ["M5"])
        // M2 changes only through `large` (> 1,000 became > 100): it is listed under the definition, not as changed.
        #expect(d.changed.map(\.id) == ["M3"])
        #expect(d.definitionsChanged.map(\.name) == ["large"])
        let large = try #require(d.definitionsChanged.first)
        #expect(large.before == "service.uk_users > 1_000")
        #expect(large.after == "service.uk_users > 100")
        #expect(large.measures == ["M2"])
        let m3 = try #require(d.changed.first { $0.id == "M3" })
        #expect(m3.fields == [.requires, .title, .summary, .severity, .status, .inForce, .source])
        #expect(m3.checksAdded == ["one"])
        #expect(m3.checksChanged == ["two"])
    }

    @Test("the JSON diff has the shape SPEC section 5 pins")
    func json() throws {
        let scratch = Scratch()
        TwoVersions.write(scratch)
        let r = try CLI.run(["diff", "--from", "code.yaml", "--to", "v2.yaml", "--format", "json", "--out", "-"], in: scratch.url)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["format"] as? String == "safetycode.diff/1")
        #expect((o["from"] as? [String: String]) == ["id": "small", "version": "v1", "status": "in_force"])
        #expect((o["to"] as? [String: String]) == ["id": "small", "version": "v2", "status": "proposed"])
        #expect(o["added"] as? [String] == ["M10"])
        #expect(o["removed"] as? [String] == ["M5"])
        let changed = try #require(o["changed"] as? [[String: Any]])
        #expect(changed.map { $0["id"] as? String } == ["M3"])
        #expect(changed[0]["fields"] as? [String] == ["requires", "title", "summary", "severity", "status", "in_force", "source"])
        let defs = try #require(o["definitions_changed"] as? [[String: Any]])
        #expect(defs.count == 1)
        #expect(defs.first?["name"] as? String == "large")
        #expect(defs.first?["before"] as? String == "service.uk_users > 1_000")
        #expect(defs.first?["after"] as? String == "service.uk_users > 100")
        #expect(defs.first?["measures"] as? [String] == ["M2"])
    }

    @Test("a narrowing at Int's edge is found: the probe tries Int.max - 1 and Int.max, not one rounded 2^63")
    func narrowingAtIntEdge() throws {
        // M5 under two overlays of the small code: v3 reaches down to 51 users (broader) and stops
        // one user below v2 at the top (narrower for exactly Int.max - 1 users): different, not broader.
        func overlay(_ version: String, _ applies: String) -> String {
            """
            code: {version: \(version)}
            extends: code.yaml
            replace:
              - id: M5
                section: B
                title: Does not apply
                severity: high
                applies_when: \(applies)
                requires:
                  - {id: two, text: Does two, check: controls.a.two}
                source: {url: https://example.org/m5, confidence: unconfirmed}

            """
        }
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["v2.yaml": overlay("v2", "service.uk_users > 100 and service.uk_users < 9223372036854775807"),
                       "v3.yaml": overlay("v3", "service.uk_users > 50 and service.uk_users < 9223372036854775806"),
                       "v4.yaml": overlay("v4", "service.uk_users > 100 and service.uk_users < 9223372036854775806")])
        let loader = Loader()
        let v2 = try #require(loader.code(scratch.file("v2.yaml")), "\(loader.diagnostics)")
        let v3 = try #require(loader.code(scratch.file("v3.yaml")), "\(loader.diagnostics)")
        let v4 = try #require(loader.code(scratch.file("v4.yaml")), "\(loader.diagnostics)")
        let different = try #require(CodeDiff(from: v2, to: v3).changed.first { $0.id == "M5" })
        #expect(different.scope == .different, "\(different.applicabilityWords ?? "")")
        // The narrowing alone: only a service of 9,223,372,036,854,775,806 users leaves.
        let narrower = try #require(CodeDiff(from: v2, to: v4).changed.first { $0.id == "M5" })
        #expect(narrower.scope == .narrower, "\(narrower.applicabilityWords ?? "")")
        #expect(narrower.applicabilityWords?.contains("9,223,372,036,854,775,806") == true, "\(narrower.applicabilityWords ?? "")")
    }

    @Test("the Markdown diff shows the old and new wording side by side")
    func markdown() throws {
        let scratch = Scratch()
        TwoVersions.write(scratch)
        let r = try CLI.run(["diff", "--from", "code.yaml", "--to", "v2.yaml", "--format", "md", "--out", "-"], in: scratch.url)
        #expect(r.stdout.contains("| title | Not met | Not met, reworded |"))
        #expect(r.stdout.contains("- changed: Does two → Does two, better"))
        #expect(r.stdout.contains("### + M10: New measure"))
        #expect(r.stdout.contains("Applies to: risk of grooming is high"))
    }
}

@Suite("Comparison of two versions over services")
struct CompareTests {
    @Test("a measure that newly applies, a gap that closes, and a service that is unaffected")
    func cases() throws {
        let scratch = Scratch()
        TwoVersions.write(scratch)
        scratch.write([
            // uk_users 500: not large under v1 (> 1,000), large under v2 (> 100): M2 newly applies, with a gap.
            "mid.yaml": """
                submission: {service: Mid}
                service: {uk_users: 500}
                risk: {grooming: low}
                controls:
                  a: {one: true, two: false, three: true}

                """,
            // Already large; M9 (optional) removed; M3 gains a met check but stays a gap... unaffected otherwise.
            "big.yaml": """
                submission: {service: Big}
                service: {uk_users: 50000}
                risk: {grooming: low}
                controls:
                  a: {one: true, two: true, three: true}

                """,
            // Grooming high: M10 newly applies and is met; M8 applies.
            "risky.yaml": """
                submission: {service: Risky}
                service: {uk_users: 50}
                risk: {grooming: high}
                controls:
                  a: {one: false, two: true, three: true}

                """,
        ])
        let loader = Loader()
        let a = try #require(loader.code(scratch.file("code.yaml")))
        let b = try #require(loader.code(scratch.file("v2.yaml")))
        let subs = try ["mid.yaml", "big.yaml", "risky.yaml"].map { try #require(loader.submission(scratch.file($0), vocabulary: a.vocabulary)) }
        let c = Comparison(from: a, to: b, submissions: subs, asOf: Day("2026-11-29")!)
        let mid = c.entries[0], big = c.entries[1], risky = c.entries[2]
        #expect(mid.newlyApplicable == ["M2"])
        #expect(mid.newGaps == ["M2"])
        // Big meets M3 under both, but v2's M3 asks for a second check (one, which Big does): a change, so not unaffected.
        #expect(!big.unaffected)
        #expect(big.otherChanges == ["M3"])
        #expect(big.newGaps.isEmpty && big.closedGaps.isEmpty && big.worsened.isEmpty && big.improved.isEmpty)
        #expect(risky.newlyApplicable == ["M10"])
        // Risky meets v1's M3 (two is true) but not v2's, which also asks for one: a new gap.
        #expect(risky.newGaps == ["M3"])
        #expect(risky.newCriticalGaps.isEmpty)  // M3 is high under v2
        // Mid's M3 is not met under v1 (two is false) and partly met under v2 (one is true, two false):
        // a gap under both, neither new nor closed, but improved.
        #expect(!mid.newGaps.contains("M3") && !mid.closedGaps.contains("M3"))
        #expect(mid.improved == ["M3"])
        #expect(mid.worsened.isEmpty)
        // Streaming: each service keeps only the results of the measures its entry names (the
        // reports show no others), not its whole assessments, so memory grows little per service.
        #expect(mid.from.results.map(\.id) == ["M2", "M3"])
        #expect(mid.to.results.map(\.id) == ["M2", "M3"])
        #expect(big.from.results.map(\.id) == ["M3"])
        #expect(mid.from.service == "Mid" && mid.from.file.hasSuffix("mid.yaml"))
    }

    @Test("a gap that closes under the new version is listed as closed")
    func closedGap() throws {
        let scratch = Scratch()
        TwoVersions.write(scratch)
        scratch.write(["s.yaml": """
            submission: {service: S}
            service: {uk_users: 2000000}
            risk: {grooming: low}
            controls:
              a: {one: true, two: false, three: true}

            """])
        let loader = Loader()
        let a = try #require(loader.code(scratch.file("code.yaml")))
        let b = try #require(loader.code(scratch.file("v2.yaml")))
        let s = try #require(loader.submission(scratch.file("s.yaml"), vocabulary: a.vocabulary))
        let e = Comparison(from: a, to: b, submissions: [s], asOf: Day("2026-11-29")!).entries[0]
        // M5 applies to services over 1,000,000 users and is not met; v2 removes it.
        #expect(e.closedGaps == ["M5"])
        #expect(e.noLongerApplicable == ["M5"])
    }

    @Test("the JSON comparison has the shape SPEC section 5 pins, with totals")
    func json() throws {
        let scratch = Scratch()
        TwoVersions.write(scratch)
        let r = try CLI.run(["compare", "--from", "code.yaml", "--to", "v2.yaml", "small-service.yaml", "--as-of", "2026-11-29",
                             "--format", "json", "--out", "-"], in: scratch.url)
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["format"] as? String == "safetycode.comparison/1")
        let subs = try #require(o["submissions"] as? [[String: Any]])
        #expect(subs.count == 1)
        for key in ["submission", "from", "to", "newly_applicable", "no_longer_applicable", "new_gaps", "closed_gaps"] {
            #expect(subs[0][key] != nil, "\(key)")
        }
        #expect((o["totals"] as? [String: Int])?["services"] == 1)
    }

    @Test("the comparison's HTML holds an SVG chart of each service's score under both versions, labelled in text")
    func chart() throws {
        let scratch = Scratch()
        TwoVersions.write(scratch)
        let r = try CLI.run(["compare", "--from", "code.yaml", "--to", "v2.yaml", "small-service.yaml", "--as-of", "2026-11-29",
                             "--format", "html", "--out", "-"], in: scratch.url)
        #expect(r.stdout.contains("<svg"))
        #expect(r.stdout.contains("% before</text>") && r.stdout.contains("% after</text>"))
        #expect(!r.stdout.contains("<script"))
    }
}
