import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// The shipped codes: the fidelity audit's clear errors, fixed.
@Suite("Shipped codes after the fidelity audit")
struct FidelityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A small service whose terms explain everything ICU G1 asks except the 48-hour duty.
    static let submission = """
        submission: {service: Terms Service}
        service:
          type: user-to-user
          uk_users: 20000
        controls:
          terms:
            illegal_content_protections_explained: [terrorism, csea, other_priority_illegal_content]
            explain_proactive_technology: true
            explain_intimate_image_takedown: false
            signposted_without_login: true
            findable_by_heading: true
            laid_out_for_reading: false
            reading_age_of_youngest_user: true
            accessible_keyboard_screen_reader: true

        """

    func result(_ id: String, code: String, asOf: String) throws -> (Assessment, Assessment.MeasureResult) {
        let scratch = Scratch()
        scratch.write(["s.yaml": Self.submission])
        let loader = Loader()
        let c = try #require(loader.code(Self.root.appendingPathComponent("Codes/ofcom/illegal-content-u2u/\(code)").path), "\(loader.diagnostics)")
        let s = try #require(loader.submission(scratch.file("s.yaml"), vocabulary: c.vocabulary), "\(loader.diagnostics)")
        let a = Assessor(code: c).assess(s, asOf: Day(asOf)!)
        return (a, try #require(a.results.first { $0.id == id }))
    }

    @Test("ICU G1's 48-hour check counts only from 29 June 2026 (audit E-2)")
    func intimateImageCheck() throws {
        let (_, before) = try result("ICU G1", code: "v2-2026-amendments.yaml", asOf: "2026-06-28")
        #expect(before.status == .met)
        #expect(before.score == 1.0)
        let (_, after) = try result("ICU G1", code: "v2-2026-amendments.yaml", asOf: "2026-06-29")
        // Five checks of weight 1, four met.
        #expect(after.status == .partial)
        #expect(after.score == 0.8)
    }

    @Test("ICU G3 has the Code's five parts, G3.2(b) included (audit E-1)")
    func termsClarity() throws {
        let (_, g3) = try result("ICU G3", code: "v1.yaml", asOf: "2026-11-29")
        let labels = ["(G3.2(a)(i))", "(G3.2(a)(ii))", "(G3.2(b))", "(G3.2(c))", "(G3.2(d))"]
        #expect(g3.measure.requires.count == 5)
        for (check, label) in zip(g3.measure.requires, labels) { #expect(check.text.hasSuffix(label), "\(check.text)") }
        #expect(g3.measure.requires.map(\.id) == ["without-login", "headings", "laid-out", "reading-age", "accessible"])
        #expect(g3.measure.requires[2].text == "The terms are laid out and formatted in a way that helps UK users read and understand them (G3.2(b))")
        // Four of five met: not laid out for reading.
        #expect(g3.status == .partial)
        #expect(g3.score == 0.8)
        #expect(g3.measure.source.confidence == .codeText)
    }

    @Test("reports call the operator_record confidence a third-party record quoting the Code")
    func confidenceWords() {
        #expect(Confidence.operatorRecord.words == "third-party record quoting the Code")
        #expect(Confidence.operatorRecord.rawValue == "operator_record")
    }
}
