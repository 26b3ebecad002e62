import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

@Suite("History and questions: one service over time (SPEC section 8)")
struct HistoryTests {
    static let asOf = Day("2026-11-29")!

    /// The small code's service, first with a high grooming risk, then (later) low, and doing two.
    static let first = """
        submission: {service: Small Service, date: 2026-10-01}
        service: {uk_users: 5000}
        risk: {grooming: high}
        controls:
          a: {one: true, two: false}
        alternative_measures:
          M7: {description: Does something else instead, rationale: It works as well}

        """
    static let second = first.replacingOccurrences(of: "2026-10-01", with: "2027-03-01")
        .replacingOccurrences(of: "grooming: high", with: "grooming: low")
        .replacingOccurrences(of: "two: false", with: "two: true")

    @Test("each step lists closed gaps, scope taken away by a lowered risk, and the facts that moved each decision")
    func steps() throws {
        let scratch = Scratch()
        // Given newest first: the history orders by submission.date.
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code, "b.yaml": Self.second, "a.yaml": Self.first])
        let loader = Loader()
        let hs = try #require(HistoryRun.histories(.init(submissions: [scratch.file("b.yaml"), scratch.file("a.yaml")], codes: [scratch.file("code.yaml")],
                                                         asOf: Self.asOf, conventionalReviews: false), loader: loader), "\(loader.diagnostics)")
        let h = try #require(hs.first)
        #expect(h.points.map { $0.date?.description } == ["2026-10-01", "2027-03-01"])
        // Before: M1 2/2, M2 3/4, M3 0/1, M4 0/1, M7 0/1, M8 1/1 = 6/10. After: M8 no longer
        // applies (grooming low); two is true: M2 4/4, M3 1/1, M7 1/1: 2+4+1+0+1 = 8/9.
        #expect(h.points[0].assessment.summary.earned == 6 && h.points[0].assessment.summary.possible == 10)
        #expect(h.points[1].assessment.summary.earned == 8 && h.points[1].assessment.summary.possible == 9)
        let step = try #require(h.steps.first)
        #expect(step.closedGaps == ["M2", "M3"])
        #expect(step.newGaps.isEmpty)
        #expect(step.noLongerApplicable == ["M8"])
        #expect(step.unexplained.isEmpty)
        let grooming = try #require(step.factChanges.first { $0.fact.path == "risk.grooming" })
        #expect(grooming.lowered && grooming.from == "high" && grooming.to == "low")
        #expect(grooming.outOfScope == ["M8"])
        #expect(step.scopeReductions.map(\.fact.path) == ["risk.grooming"])
        let two = try #require(step.factChanges.first { $0.fact.path == "controls.a.two" })
        #expect(two.moved.map(\.measure) == ["M2", "M3", "M9"])
        #expect(!two.lowered)

        let md = HistoryReport.render(h, format: .markdown, inputs: [])
        #expect(md.contains("## Measures taken out of scope by a lowered risk level or user count"))
        #expect(md.contains("risk.grooming lowered from high to low: M8 no longer applies"))
        #expect(md.contains("controls.a.two changed from false to true: M2 partial → met; M3 not met → met; M9 not met → met"))
        let html = HistoryReport.render(h, format: .html, inputs: [])
        #expect(html.contains("<polyline points=\"80,76 580,33\""))  // 60% and 89% of a 150-high plot from y=16
        let json = try #require(try JSONSerialization.jsonObject(with: Data(HistoryReport.render(h, format: .json, inputs: []).utf8)) as? [String: Any])
        #expect(json["format"] as? String == "safetycode.history/1")
        let s = try #require((json["steps"] as? [[String: Any]])?.first)
        #expect(s["closed_gaps"] as? [String] == ["M2", "M3"])
        let changes = try #require(s["fact_changes"] as? [[String: Any]])
        #expect(changes.map { $0["fact"] as? String } == ["risk.grooming", "controls.a.two"])
        #expect(((changes[0]["moved"] as? [[String: Any]])?.first?["to"] as? String) == "not_applicable")
    }

    @Test("a later step that undoes a control lists the checks that regressed and the measure that applies again")
    func regression() throws {
        let scratch = Scratch()
        let third = Self.first.replacingOccurrences(of: "2026-10-01", with: "2027-06-01")
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code, "a.yaml": Self.first, "b.yaml": Self.second, "c.yaml": third])
        let loader = Loader()
        let hs = try #require(HistoryRun.histories(.init(submissions: ["c.yaml", "a.yaml", "b.yaml"].map(scratch.file), codes: [scratch.file("code.yaml")],
                                                         asOf: Self.asOf, conventionalReviews: false), loader: loader), "\(loader.diagnostics)")
        let step = try #require(hs.first?.steps.last)
        // controls.a.two true → false: each measure whose check reads it regresses (M7's own check
        // too, though its claimed alternative keeps its status; M9 is optional but still listed).
        #expect(step.regressed.map(\.measure) == ["M2", "M3", "M7", "M9"])
        #expect(step.regressed.allSatisfy { $0.check == "two" && $0.to == .no })
        #expect(step.newGaps == ["M2", "M3"])
        #expect(step.newlyApplicable == ["M8"])
        // A raised risk is not a scope reduction.
        #expect(step.scopeReductions.isEmpty)
        #expect(step.unexplained.isEmpty)
        #expect(hs.first?.points.last?.assessment.summary.earned == 6)
    }

    @Test("the questionnaire asks each unknown fact once, most severe waiting measure first, and its answers merge byte for byte")
    func questionsAndMerge() throws {
        let scratch = Scratch()
        let submission = "# a comment kept\nsubmission: {service: Small Service, date: 2026-10-01}\nservice: {uk_users: 5000}\ncontrols:\n  a:\n    one: true   # kept too\n    two: false\n"
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code, "s.yaml": submission])
        let loader = Loader()
        let (q, _, _) = try #require(Questions.questionnaire(.init(submission: scratch.file("s.yaml"), codes: [scratch.file("code.yaml"), scratch.file("code.yaml")], asOf: Self.asOf), loader: loader))
        // risk.grooming decides M8 (high); controls.a.three is M4's check (medium).
        #expect(q.entries.map(\.fact.path) == ["risk.grooming", "controls.a.three"])
        #expect(q.entries[0].measures.map(\.measure) == ["M8"])
        let text = q.yaml(submissionSHA: "x", codes: ["small v1"])
        #expect(text.contains("  - fact: risk.grooming\n    question: \"What is the risk of grooming?\"\n    answer_with: \"one of: negligible, low, medium, high\"\n    most_severe: high\n    needed_for:\n      - \"M8: Applicability unknown (high, small v1)\"\n    answer: ~\n"))
        let answered = text.replacingOccurrences(of: "most_severe: high\n    needed_for:\n      - \"M8: Applicability unknown (high, small v1)\"\n    answer: ~",
                                                 with: "most_severe: high\n    needed_for:\n      - \"M8: Applicability unknown (high, small v1)\"\n    answer: low")
            .replacingOccurrences(of: "(medium, small v1)\"\n    answer: ~", with: "(medium, small v1)\"\n    answer: true")
        try answered.write(toFile: scratch.file("answers.yaml"), atomically: true, encoding: .utf8)
        let out = Questions.merge(.init(answers: scratch.file("answers.yaml"), into: scratch.file("s.yaml"), out: scratch.file("s2.yaml"),
                                        codes: [scratch.file("code.yaml")], date: Day("2027-03-01")!))
        #expect(out.exitCode == 0, "\(out.diagnostics)")
        let merged = try String(contentsOfFile: scratch.file("s2.yaml"), encoding: .utf8)
        #expect(merged == "# a comment kept\nsubmission: {service: Small Service, date: 2027-03-01}\nservice: {uk_users: 5000}\ncontrols:\n  a:\n    one: true   # kept too\n    two: false\n    three: true\nrisk:\n  grooming: low\n")
        // The submission itself is never edited.
        #expect(try String(contentsOfFile: scratch.file("s.yaml"), encoding: .utf8) == submission)
    }

    @Test("an answer of the wrong type is reported at its place and nothing is written")
    func badAnswer() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary, "code.yaml": SmallCode.code, "s.yaml": SmallCode.submission(),
                       "a.yaml": "questions: {submission: s.yaml}\nanswers:\n  - fact: risk.grooming\n    answer: hgih\n"])
        let out = Questions.merge(.init(answers: scratch.file("a.yaml"), into: scratch.file("s.yaml"), out: scratch.file("s2.yaml"),
                                        codes: [scratch.file("code.yaml")], date: Day("2027-03-01")!))
        #expect(out.exitCode == 2)
        #expect(out.diagnostics.contains { $0.contains("a.yaml:4:13: error: [bad-value]") }, "\(out.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("s2.yaml")))
    }
}

/// Raidhall from its first submission through findings, questions and answers to its second,
/// on the committed example files: every change in its score is explained.
@Suite("The reviewer's loop on Raidhall, end to end")
struct RaidhallJourneyTests {
    static let codes = ["Codes/ofcom/illegal-content-u2u/v1.yaml", "Codes/ofcom/protection-of-children-u2u/v1.yaml"]

    @Test("the committed second submission is the answers merged, with only the grooming risk lowered by hand")
    func merge() throws {
        let scratch = Scratch()
        let out = try CLI.run(["questions", "--merge", "docs/examples/raidhall-chat-answers-2027-03.yaml", "--into", "Submissions/raidhall-chat.yaml",
                               "--out", scratch.file("merged.yaml"), "--date", "2027-03-01"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("merged 5 answers"))
        let merged = try String(contentsOfFile: scratch.file("merged.yaml"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let committed = try String(contentsOf: packageRoot.appendingPathComponent("Submissions/history/raidhall-chat-2027-03.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let original = try String(contentsOf: packageRoot.appendingPathComponent("Submissions/raidhall-chat.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(merged.count == original.count + 5)  // five answered facts, each one line
        let differing = zip(merged, committed).enumerated().filter { $0.element.0 != $0.element.1 }.map { String($0.element.1) }
        #expect(differing == ["# yaml-language-server: $schema=../../Schemas/submission.schema.json",
                              "  grooming: low                            # lowered in the March 2027 risk assessment"])
    }

    @Test("history explains every move by a fact or a finding, and puts the lowered grooming risk first, in every format")
    func history() throws {
        let loader = Loader()
        let hs = try #require(HistoryRun.histories(.init(submissions: ["Submissions/history/raidhall-chat-2027-03.yaml", "Submissions/raidhall-chat.yaml"],
                                                         codes: Self.codes, asOf: Day("2026-11-29")!), loader: loader), "\(loader.diagnostics)")
        let icu = try #require(hs.first { $0.code.header.id == "ofcom-icu-u2u" })
        // The first submission is assessed with its review (Reviews/raidhall-chat.yaml): the
        // dispute and the rejected alternative applied, the confirmation recorded.
        #expect(icu.points[0].assessment.review?.entries.map(\.state) == [.applied, .applied, .recorded])
        #expect(icu.points[1].assessment.review == nil)
        for h in hs {
            for step in h.steps { #expect(step.unexplained.isEmpty, "\(h.code.header.id): \(step.unexplained)") }
        }
        let step = try #require(icu.steps.first)
        func moved(_ fact: String) -> [String] { step.factChanges.first { $0.fact.path == fact }?.moved.map(\.measure) ?? [] }
        // Hand-worked from the code: ICU F1 and F2 apply for grooming "high, or large and medium";
        // Raidhall is large, so low takes both out of scope.
        #expect(step.scopeReductions.map(\.fact.path) == ["risk.grooming"])
        #expect(moved("risk.grooming") == ["ICU F1", "ICU F2"])
        // ICU C9 applies to a large service at medium image-based CSAM risk, and its four checks
        // are declared true: unknown → met.
        #expect(moved("risk.image_based_csam") == ["ICU C9"])
        let c9 = try #require(step.moves.first { $0.measure == "ICU C9" })
        #expect(c9.from == .unknown && c9.to == .met)
        // ICU G3 waited on laid_out_for_reading; answered false, it is a gap.
        #expect(moved("controls.terms.laid_out_for_reading") == ["ICU G3"])
        #expect(step.newGaps == ["ICU G3"])
        // ICU C6 closes: the answered languages fact, and the reviewer's surge-capacity dispute no
        // longer in force on the new declaration (which a reviewer has not yet reviewed).
        #expect(moved("controls.moderation.covers_user_languages") == ["ICU C6"])
        let dispute = try #require(step.findingChanges.first { $0.entry.finding.subject == "controls.moderation.surge_capacity" })
        #expect(!dispute.added && dispute.moved.map(\.measure) == ["ICU C6"])
        // ICU F1 was a gap and no longer applies (the lowered grooming risk): out of scope, not
        // a closed gap (a trial reader took "gap closed" for compliance).
        #expect(step.closedGaps == ["ICU C6"])
        #expect(step.noLongerApplicable.contains("ICU F1"))

        let md = HistoryReport.render(icu, format: .markdown, inputs: [])
        let html = HistoryReport.render(icu, format: .html, inputs: [])
        let json = HistoryReport.render(icu, format: .json, inputs: [])
        #expect(md.contains("risk.grooming lowered from medium to low: ICU F1, ICU F2 no longer apply"))
        #expect(html.contains("risk.grooming lowered from medium to low: ICU F1, ICU F2 no longer apply"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let scope = try #require((object["scope_reductions"] as? [[String: Any]])?.first)
        #expect(scope["fact"] as? String == "risk.grooming" && scope["from"] as? String == "medium" && scope["to"] as? String == "low")
        #expect(scope["no_longer_applicable"] as? [String] == ["ICU F1", "ICU F2"])
        for text in [md, html] {
            #expect(text.contains("risk.image_based_csam changed from not given to medium: ICU C9 unknown → met")
                    || text.contains("risk.image\\_based\\_csam changed from not given to medium: ICU C9 unknown → met"))
        }
    }
}
