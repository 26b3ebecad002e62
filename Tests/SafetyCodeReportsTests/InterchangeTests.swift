import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

func smallAssessment() throws -> (Assessment, Scratch) {
    let scratch = Scratch()
    scratch.write(SmallCode.files())
    let loader = Loader()
    let code = try #require(loader.code(scratch.file("code.yaml")), "\(loader.diagnostics)")
    let s = try #require(loader.submission(scratch.file("small-service.yaml"), vocabulary: code.vocabulary), "\(loader.diagnostics)")
    return (Assessor(code: code).assess(s, asOf: Day("2026-11-29")!), scratch)
}

@Suite("SARIF from lint")
struct SARIFTests {
    @Test("a misspelt key is one result with its rule, level and region, and the rule carries the catalogue's description")
    func result() throws {
        let scratch = Scratch()
        let place = try #require(scratch.write([
            "vocabulary.yaml": SmallCode.vocabulary,
            "s.yaml": "submission: {service: A}\ncontrols:\n  a: {one: true, ⟨here⟩twoo: false}\n",
        ]))
        let report = Lint.run(paths: [scratch.file("vocabulary.yaml"), scratch.file("s.yaml")])
        let log = try parseJSON(SARIF.render(report))
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let r = try #require(results.first)
        #expect(r["ruleId"] as? String == "unknown-fact")
        #expect(r["level"] as? String == "error")
        let index = try #require(r["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "unknown-fact")
        let full = (rules[index]["fullDescription"] as? [String: Any])?["text"] as? String
        #expect(full == DiagnosticDescription.all.first { $0.code == .unknownFact }?.summary)
        let loc = try #require((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let region = try #require(loc["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == place.line)
        #expect(region["startColumn"] as? Int == place.column)
        #expect(region["startLine"] as? Int == 3 && region["startColumn"] as? Int == 18)
        #expect((loc["artifactLocation"] as? [String: Any])?["uri"] as? String == scratch.file("s.yaml"))
        #expect(((r["message"] as? [String: Any])?["text"] as? String)?.contains("did you mean 'controls.a.two'") == true)
    }

    @Test("every diagnostic code is a rule, once, with a description")
    func rules() throws {
        let log = try parseJSON(SARIF.render(Lint.Report(files: [], diagnostics: [], rendered: [])))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        for code in ["unknown-key", "duplicate-key", "unknown-fact", "type-mismatch", "alias-refused", "bad-option"] { #expect(ids.contains(code)) }
        #expect(rules.allSatisfy { (($0["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
    }

    @Test("`lint --format sarif` writes the log to standard output and still exits 2 on an error; the shape passes an independent check")
    func command() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "s.yaml": "submission: {service: A}\nrisk: {groming: high}\n"])
        let r = try CLI.run(["lint", "--format", "sarif", scratch.file("vocabulary.yaml"), scratch.file("s.yaml")])
        #expect(r.status == 2)
        let log = try parseJSON(r.stdout)
        #expect(((log["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.count == 1)
        let clean = try CLI.run(["lint", "--format", "sarif"])
        #expect(clean.status == 0)
        if Python.has("json") {
            try Data(r.stdout.utf8).write(to: scratch.url.appendingPathComponent("lint.sarif"))
            let check = try Python.check(["sarif", scratch.file("lint.sarif")])
            #expect(check.status == 0, "\(check.stdout)")
            if Python.has("sarif_pydantic") { #expect(check.stdout.contains("loads in sarif-pydantic")) }
        }
        #expect(try CLI.run(["lint", "--format", "xml"]).status != 0)
    }
}

@Suite("JUnit XML from assess")
struct JUnitTests {
    @Test("one test case per applicable measure: gaps fail, undecided measures and alternatives are skipped")
    func cases() throws {
        let (a, scratch) = try smallAssessment()
        let xml = JUnit.render(a)
        // Applicable: M1 met, M2 partial, M3 not met, M4 unknown, M7 alternative, M8 unknown
        // applicability, M9 optional and not met (never a gap). M5 does not apply; M6 is not in force.
        #expect(xml.contains("<testsuites name=\"safetycode\" tests=\"7\" failures=\"2\" errors=\"0\" skipped=\"3\">"))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 7)
        #expect(xml.contains("name=\"M2: Partly met\">\n      <failure type=\"partial\" message=\"partial (high): "))
        #expect(xml.contains("name=\"M3: Not met\">\n      <failure type=\"not_met\""))
        #expect(xml.contains("name=\"M4: Check unknown\">\n      <skipped message=\"undecided: missing controls.a.three\"/>"))
        #expect(xml.contains("name=\"M7: Alternative claimed\">\n      <skipped message=\"alternative measure claimed, awaiting review: Does something else instead\"/>"))
        #expect(xml.contains("name=\"M9: Optional\">\n      <system-out>"))
        #expect(!xml.contains("M5: ") && !xml.contains("M6: "))
        if Python.has("xml.etree.ElementTree") {
            try Data(xml.utf8).write(to: scratch.url.appendingPathComponent("junit.xml"))
            let r = try Python.check(["junit", scratch.file("junit.xml"), "7", "2", "3"])
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        }
    }

    @Test("text from the submission cannot break the XML")
    func hostile() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files(service: "A & <B> \"C\""))
        let loader = Loader()
        let code = try #require(loader.code(scratch.file("code.yaml")))
        let s = try #require(loader.submission(scratch.file("small-service.yaml"), vocabulary: code.vocabulary), "\(loader.diagnostics)")
        let xml = JUnit.render(Assessor(code: code).assess(s, asOf: Day("2026-11-29")!))
        #expect(xml.contains("testsuite name=\"A &amp; &lt;B&gt; &quot;C&quot; against small v1\""))
    }
}

@Suite("OSCAL assessment results from assess")
struct OSCALTests {
    func findings(_ doc: [String: Any]) throws -> [[String: Any]] {
        let ar = try #require(doc["assessment-results"] as? [String: Any])
        let result = try #require((ar["results"] as? [[String: Any]])?.first)
        return try #require(result["findings"] as? [[String: Any]])
    }

    @Test("one finding per applicable measure with its state; the code's measures are the reviewed controls")
    func findings() throws {
        let (a, _) = try smallAssessment()
        let doc = try parseJSON(OSCAL.render(a, submissionSHA: "abc", inputs: ReportInput.of(a.code)))
        let f = try findings(doc)
        #expect(f.map { $0["title"] as? String ?? "" }.map { String($0.prefix(3)) } == ["M1:", "M2:", "M3:", "M4:", "M7:", "M8:", "M9:"])
        func state(_ i: Int) -> (String?, String?) {
            let s = (f[i]["target"] as? [String: Any])?["status"] as? [String: Any]
            return (s?["state"] as? String, s?["reason"] as? String)
        }
        #expect(state(0) == ("satisfied", "pass"))
        #expect(state(1) == ("not-satisfied", "fail"))
        #expect(state(2) == ("not-satisfied", "fail"))
        #expect(state(3) == ("not-satisfied", "other"))  // undecided is not failed
        #expect(state(4) == ("not-satisfied", "other"))  // alternative awaiting review
        #expect(state(6) == ("not-satisfied", "other"))  // optional: never a gap
        #expect((f[1]["target"] as? [String: Any])?["target-id"] as? String == "m2")
        let ar = try #require(doc["assessment-results"] as? [String: Any])
        let result = try #require((ar["results"] as? [[String: Any]])?.first)
        let selections = (result["reviewed-controls"] as? [String: Any])?["control-selections"] as? [[String: Any]]
        let controls = (selections?.first?["include-controls"] as? [[String: Any]])?.compactMap { $0["control-id"] as? String }
        #expect(controls == ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"])
        #expect(result["start"] as? String == "2026-11-29T00:00:00Z")
        let observations = try #require(result["observations"] as? [[String: Any]])
        #expect(observations.count == 7)
        #expect((observations[3]["description"] as? String)?.contains("- controls.a.three: not given") == true)
    }

    @Test("a service to which no measure applies has no findings or observations (OSCAL forbids empty lists)")
    func empty() throws {
        let (a, _) = try smallAssessment()
        var none = a
        none.results = a.results.filter { $0.status == .notApplicable }
        let doc = try parseJSON(OSCAL.render(none, submissionSHA: "abc", inputs: ReportInput.of(a.code)))
        let result = try #require(((doc["assessment-results"] as? [String: Any])?["results"] as? [[String: Any]])?.first)
        #expect(result["findings"] == nil && result["observations"] == nil)
        #expect(result["reviewed-controls"] != nil)
    }

    @Test("the same inputs give the same bytes: version 5 UUIDs, and no time but the assessment date")
    func deterministic() throws {
        let (a, _) = try smallAssessment()
        let one = OSCAL.render(a, submissionSHA: "abc", inputs: ReportInput.of(a.code))
        #expect(one == OSCAL.render(a, submissionSHA: "abc", inputs: ReportInput.of(a.code)))
        #expect(one != OSCAL.render(a, submissionSHA: "abd", inputs: ReportInput.of(a.code)))
        let uuids = one.matches(of: /"(?:uuid|observation-uuid)": "([^"]+)"/).map { String($0.output.1) }
        #expect(uuids.count == 1 + 1 + 7 + 7 + 7)
        #expect(uuids.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil })
        #expect(one.matches(of: /T\d\d:\d\d:\d\dZ/).count == one.matches(of: /2026-11-29T00:00:00Z/).count)
    }

    @Test("name-based UUIDs follow RFC 9562 version 5 (Python's documented uuid5(NAMESPACE_DNS, 'python.org'))")
    func uuid5() {
        #expect(StableUUID.v5(namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", name: "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    }

    @Test("compliance-trestle's OSCAL models (an independent implementation) load the output for every shipped code",
          .enabled(if: Python.has("trestle"), "compliance-trestle is not installed: `make test` installs it"))
    func trestle() throws {
        let scratch = Scratch()
        let codes = ["illegal-content-u2u/v1.yaml", "illegal-content-u2u/v2-additional-safety-measures.yaml",
                     "protection-of-children-u2u/v1.yaml"].map { "Codes/ofcom/" + $0 } + ["Codes/campaigners/child-safety-asks.yaml"]
        let r = try CLI.run(["assess", "Submissions", "--as-of", "2026-11-29", "--format", "oscal", "--out", scratch.path]
                            + codes.flatMap { ["--code", $0] })
        #expect(r.status == 0, "\(r.stderr)")
        let files = scratch.files().filter { $0.hasSuffix(".oscal.json") }.map { scratch.file($0) }
        #expect(files.count >= 8 * codes.count)
        let check = try Python.check(["oscal"] + files)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let (a, s2) = try smallAssessment()
        try Data(OSCAL.render(a, submissionSHA: "abc", inputs: ReportInput.of(a.code)).utf8).write(to: s2.url.appendingPathComponent("small.json"))
        #expect(try Python.check(["oscal", s2.file("small.json")]).status == 0)
    }
}
