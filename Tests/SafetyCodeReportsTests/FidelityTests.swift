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

    func assess(_ yaml: String, code: String, asOf: String = "2026-11-29") throws -> Assessment {
        let scratch = Scratch()
        scratch.write(["s.yaml": yaml])
        let loader = Loader()
        let c = try #require(loader.code(Self.root.appendingPathComponent("Codes/ofcom/\(code)").path), "\(loader.diagnostics)")
        let s = try #require(loader.submission(scratch.file("s.yaml"), vocabulary: c.vocabulary), "\(loader.diagnostics)")
        return Assessor(code: c).assess(s, asOf: Day(asOf)!)
    }

    @Test("ICU F1: a child confirming message requests meets F1.4, and defaults for absent features are met (audit L-5)")
    func childSafetyDefaults() throws {
        let a = try assess("""
            submission: {service: Chat Service}
            service:
              type: user-to-user
              uk_users: 300000
              age_assurance: self_declaration
              functionalities: [user_profiles, direct_messaging]
            risk: {grooming: high}
            controls:
              child_safety_defaults:
                unconnected_users_cannot_message: false
                unconnected_messages_need_confirmation: true

            """, code: "illegal-content-u2u/v1.yaml")
        let f1 = try #require(a.results.first { $0.id == "ICU F1" })
        // No connections and no location sharing: those three defaults have nothing to act on;
        // direct messages from non-connections need the child's confirmation. Five checks true.
        #expect(f1.applicable == .yes)
        #expect(f1.checks == [.yes, .yes, .yes, .yes, .yes])
        #expect(f1.status == .met)
    }

    @Test("ICU D11 and PCU D12 are met where nothing can trigger them (audit J-3)")
    func neverFires() throws {
        let yaml = """
            submission: {service: Small Forum}
            service:
              type: user-to-user
              uk_users: 20000
              likely_accessed_by_children: true
              age_assurance: none
            risk: {terrorism: low, csea: low, grooming: low, image_based_csam: low, csam_urls: low, hate: low,
                   harassment_stalking_threats_abuse: low, controlling_coercive_behaviour: low,
                   intimate_image_abuse: low, extreme_pornography: low, sexual_exploitation_of_adults: low,
                   human_trafficking: low, unlawful_immigration: low, fraud_financial_services: low,
                   proceeds_of_crime: low, drugs_psychoactive_substances: low, firearms_knives_weapons: low,
                   encouraging_assisting_suicide: low, foreign_interference: low, animal_cruelty: low}
            children_risk: {pornography: low, suicide: low, self_harm: low, eating_disorders: low, abuse: low,
                            hate: low, bullying: low, violence_encouraging: low, violence_depicting_people: low,
                            violence_depicting_animals: low, dangerous_stunts: low, harmful_substances: low}
            controls:
              proactive_technology: {takes_down_or_restricts: false}

            """
        let icu = try assess(yaml, code: "illegal-content-u2u/v1.yaml")
        let d11 = try #require(icu.results.first { $0.id == "ICU D11" })
        #expect(d11.status == .met)
        #expect(icu.missingPaths(d11).isEmpty)
        let pcu = try assess(yaml, code: "protection-of-children-u2u/v1.yaml")
        let d12 = try #require(pcu.results.first { $0.id == "PCU D12" })
        #expect(d12.applicable == .yes)
        #expect(d12.status == .met)
        #expect(pcu.missingPaths(d12).isEmpty)
    }
}
