import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// The small code's submission reviewed. Without a review (StatusTests): M1 2/2, M2 3/4, M3 0/1,
/// M4 0/1, M7 (alternative claimed, scored on its own check) 0/1, M8 1/1: 6 of 10.
@Suite("Reviews: a reviewer's findings applied (SPEC section 7)")
struct ReviewTests {
    static let asOf = Day("2026-11-29")!

    static func review(_ findings: String, sha: String? = nil) -> String {
        "review:\n  submission: small-service.yaml\n" + (sha.map { "  submission_sha256: \($0)\n" } ?? "") + "findings:\n" + findings
    }

    static func finding(_ target: String, _ decision: String, extra: String = "") -> String {
        "  - \(target)\n    decision: \(decision)\n    reason: Seen in the walkthrough\n    reviewer: A. Analyst\n    date: 2026-11-20\n\(extra)"
    }

    func assess(_ review: String, submission: String = SmallCode.submission()) throws -> (Assessment, Scratch) {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code, "small-service.yaml": submission,
                       "review.yaml": review])
        let loader = Loader()
        let code = try #require(loader.code(scratch.file("code.yaml")), "\(loader.diagnostics)")
        let s = try #require(loader.submission(scratch.file("small-service.yaml"), vocabulary: code.vocabulary))
        let r = try #require(loader.review(scratch.file("review.yaml"), vocabulary: code.vocabulary), "\(loader.diagnostics)")
        let sha = loader.sha256(scratch.file("small-service.yaml"))!
        return (Assessor(code: code).assess(s, review: r, reviewSHA: "", submissionSHA: sha, asOf: Self.asOf), scratch)
    }

    func result(_ a: Assessment, _ id: String) -> Assessment.MeasureResult { a.results.first { $0.id == id }! }

    @Test("an accepted alternative is alternative_accepted and scores as met: 7 of 10")
    func accept() throws {
        let (a, _) = try assess(Self.review(Self.finding("measure: M7", "accept_alternative")))
        let m7 = result(a, "M7")
        #expect(m7.status == .alternativeAccepted)
        #expect(m7.declaredStatus == .alternative)
        #expect(m7.score == 1)
        #expect(a.summary.earned == 7 && a.summary.possible == 10)
        #expect(a.summary.applicable == 7)
        #expect(a.review?.entries.first?.state == .applied)
    }

    @Test("a rejected alternative is assessed on its own checks: M7 becomes a gap (not met), score stays 6 of 10")
    func reject() throws {
        let (a, _) = try assess(Self.review(Self.finding("measure: M7", "reject_alternative")))
        let m7 = result(a, "M7")
        #expect(m7.status == .notMet)
        #expect(m7.declaredStatus == .alternative)
        #expect(m7.isGap)
        #expect(m7.alternative?.description == "Does something else instead")
        #expect(a.summary.earned == 6 && a.summary.possible == 10)
        #expect(a.summary.gaps == 3)  // M2, M3 and now M7
    }

    @Test("a disputed fact takes the reviewer's value before evaluation: controls.a.one false fails M1, M2 and M8's checks")
    func dispute() throws {
        let (a, _) = try assess(Self.review(Self.finding("fact: controls.a.one", "dispute", extra: "    value: false\n")))
        #expect(result(a, "M1").status == .notMet)
        #expect(result(a, "M1").declaredStatus == .met)
        #expect(result(a, "M2").status == .notMet)
        // M1 0/2, M2 0/4, M3 0/1, M4 0/1, M7 0/1, M8 0/1.
        #expect(a.summary.earned == 0 && a.summary.possible == 10)
        let e = try #require(a.review?.entries.first)
        #expect(e.declared == "true" && e.reviewed == "false")
        // The fact finding is on the trail of every measure that reads the fact.
        #expect(result(a, "M1").findings == [0] && result(a, "M8").findings == [0] && result(a, "M3").findings.isEmpty)
        // The declaration itself is untouched.
        #expect(a.submission.facts[a.code.vocabulary.fact("controls.a.one")!.slot] == .bool(true))
    }

    @Test("not_evidenced treats the checks resting on facts without cited evidence as unknown: M2 unknown, 3 of 10")
    func notEvidenced() throws {
        let (a, _) = try assess(Self.review(Self.finding("measure: M2", "not_evidenced")))
        #expect(result(a, "M2").status == .unknown)
        #expect(result(a, "M2").checks == [.unknown, .unknown])
        #expect(a.summary.earned == 3 && a.summary.possible == 10)
        // With evidence cited for controls.a.one, only 'two' is unknown: one met, so still 3 of 4 weight.
        let cited = SmallCode.submission() + "evidence:\n  controls.a.one: {document: Audit 2026}\n"
        let (b, _) = try assess(Self.review(Self.finding("measure: M2", "not_evidenced")), submission: cited)
        #expect(result(b, "M2").checks == [.yes, .unknown])
        #expect(result(b, "M2").status == .unknown)
        #expect(b.summary.earned == 6)
    }

    @Test("an expired finding is listed as expired and not applied")
    func expired() throws {
        let (a, _) = try assess(Self.review(Self.finding("fact: controls.a.one", "dispute", extra: "    value: false\n    expires: 2026-11-28\n")))
        #expect(a.review?.entries.first?.state == .expired)
        #expect(result(a, "M1").status == .met)
        #expect(a.summary.earned == 6)
    }

    @Test("a review of a changed submission is stale: nothing applied, and the report says so")
    func stale() throws {
        let (a, scratch) = try assess(Self.review(Self.finding("measure: M7", "accept_alternative"), sha: String(repeating: "a", count: 64)))
        #expect(a.review?.stale == true)
        #expect(a.review?.entries.first?.state == .stale)
        #expect(result(a, "M7").status == .alternative)
        #expect(a.summary.earned == 6)
        let md = GapReport.render(a, format: .markdown, submissionSHA: "", inputs: [])
        #expect(md.contains("**Stale review.** The submission has changed since this review was made"))
        // Lint says so too, at the review's `submission` key.
        let report = Lint.run(paths: [scratch.file("review.yaml")], vocabulary: scratch.file("vocabulary.yaml"))
        let d = try #require(report.diagnostics.first { $0.code == .staleReview })
        #expect(d.location?.line == 2 && d.location?.column == 3)
    }

    @Test("every format shows declared beside reviewed status and the trail: who, when, why")
    func formats() throws {
        let (a, _) = try assess(Self.review(Self.finding("measure: M7", "reject_alternative")))
        let md = GapReport.render(a, format: .markdown, submissionSHA: "", inputs: [])
        #expect(md.contains("## Reviewer findings"))
        #expect(md.contains("Declared status: alternative; reviewed status: not met."))
        #expect(md.contains("- reject alternative by A. Analyst on 20 November 2026: Seen in the walkthrough"))
        let html = GapReport.render(a, format: .html, submissionSHA: "", inputs: [])
        #expect(html.contains("<h2 id=\"review\">Reviewer findings</h2>"))
        #expect(html.contains("Declared status: alternative; reviewed status: <strong>not met</strong>."))
        let json = GapReport.render(a, format: .json, submissionSHA: "", inputs: [])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let measures = try #require(object["measures"] as? [[String: Any]])
        let m7 = try #require(measures.first { $0["id"] as? String == "M7" })
        #expect(m7["status"] as? String == "not_met")
        #expect(m7["declared_status"] as? String == "alternative")
        let trail = try #require(m7["review"] as? [[String: Any]])
        #expect(trail.first?["reviewer"] as? String == "A. Analyst" && trail.first?["date"] as? String == "2026-11-20")
        #expect(trail.first?["reason"] as? String == "Seen in the walkthrough")
        let csv = GapReport.render(a, format: .csv, submissionSHA: "", inputs: [])
        let m7row = try #require(csv.split(separator: "\r\n").first { $0.contains(",M7,") })
        #expect(m7row.hasSuffix(",alternative,reject alternative by A. Analyst on 20 November 2026: Seen in the walkthrough"))
        // Without a review, the JSON has no review keys (the pinned keys read as before).
        var plain = a
        plain.review = nil
        let plainJSON = GapReport.render(plain, format: .json, submissionSHA: "", inputs: [])
        #expect(!plainJSON.contains("\"declared_status\"") && !plainJSON.contains("\"review\""))
    }

    @Test("bad review files are reported at file:line:col", arguments: [
        ("  - fact: controls.a.onw\n    decision: confirm\n    reason: r\n    reviewer: r\n    date: 2026-11-20\n", "unknown-fact", 4, 11),
        ("  - measure: M7\n    decision: accept_alternative\n    reviewer: r\n    date: 2026-11-20\n", "missing-key", 4, 5),
        ("  - measure: M7\n    decision: accept_alternative\n    reason: r\n    date: 2026-11-20\n", "missing-key", 4, 5),
        ("  - measure: M7\n    decision: accept_alternative\n    reason: r\n    reviewer: r\n", "missing-key", 4, 5),
        ("  - measure: M7\n    decision: note\n    reason: r\n    reviewer: r\n    date: 2026-11-31\n", "bad-date", 8, 11),
        ("  - fact: controls.a.one\n    decision: dispute\n    value: 12\n    reason: r\n    reviewer: r\n    date: 2026-11-20\n", "wrong-type", 6, 12),
        ("  - fact: risk.grooming\n    decision: dispute\n    value: hgih\n    reason: r\n    reviewer: r\n    date: 2026-11-20\n", "bad-value", 6, 12),
        ("  - measure: M7\n    decision: dispute\n    reason: r\n    reviewer: r\n    date: 2026-11-20\n", "bad-value", 5, 15),
        ("  - measure: M77\n    decision: note\n    reason: r\n    reviewer: r\n    date: 2026-11-20\n", "unknown-measure", 4, 5),
    ])
    func badReviews(text: String, code: String, line: Int, column: Int) throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code, "small-service.yaml": SmallCode.submission(),
                       "review.yaml": Self.review(text)])
        let report = Lint.run(paths: [scratch.path], vocabulary: scratch.file("vocabulary.yaml"))
        let d = try #require(report.diagnostics.first { $0.code.rawValue == code }, "\(report.diagnostics.map(\.description))")
        #expect(d.location?.file.hasSuffix("review.yaml") == true)
        #expect(d.location?.line == line && d.location?.column == column, "\(d)")
    }

    @Test("assess picks up Reviews/<stem>.yaml by convention, --review by the submission it names, and --no-review ignores both")
    func convention() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code,
                       "Submissions/small-service.yaml": SmallCode.submission(),
                       "Reviews/small-service.yaml": "review:\n  submission: Submissions/small-service.yaml\nfindings:\n" + Self.finding("measure: M7", "accept_alternative")])
        let r = try CLI.run(["assess", "Submissions/small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--out", "out"], in: scratch.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Small Service against small v1: 70%"))
        #expect(r.stdout.contains("reviewed (1 finding applied)"))
        let none = try CLI.run(["assess", "Submissions/small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--out", "out", "--no-review"], in: scratch.url)
        #expect(none.stdout.contains("Small Service against small v1: 60%"))
        // A same-named review of another file is not applied by convention, and says why.
        try FileManager.default.createDirectory(atPath: scratch.file("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: scratch.file("Submissions/small-service.yaml"), toPath: scratch.file("elsewhere/small-service.yaml"))
        let other = try CLI.run(["assess", "elsewhere/small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--out", "out"], in: scratch.url)
        #expect(other.stdout.contains("Small Service against small v1: 60%"), "\(other.stdout)")
        #expect(other.stderr.contains("Reviews/small-service.yaml reviews Submissions/small-service.yaml, not elsewhere/small-service.yaml: not applied"), "\(other.stderr)")
    }
}
