import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore

/// The applicability tables in Tests/Fixtures/applicability/ are drawn from the facts file
/// (shared/reference/ofcom-codes-facts.md), not from the rule files: for each service profile,
/// the measures that must apply and those that must not, under each code.
@Suite("Applicability of the shipped codes to service profiles")
struct ApplicabilityTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var table: String
        var profile: String
        var code: String
        var applies: [String]
        var doesNotApply: [String]
        var testDescription: String { "\(profile) under \(code)" }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func cases() -> [Case] {
        var out: [Case] = []
        for table in ["icu", "pcu", "icu-fidelity", "pcu-fidelity"] {
            let path = root.appendingPathComponent("Tests/Fixtures/applicability/\(table).yaml").path
            guard let doc = try? YAMLLoader().load(path: path),
                  let profiles = doc.root.pairs?.first(where: { $0.keyText == "profiles" })?.value.items else { continue }
            for p in profiles {
                let name = p.pairs?.first { $0.keyText == "name" }?.value.scalar?.value ?? "?"
                for code in p.pairs?.first(where: { $0.keyText == "codes" })?.value.pairs ?? [] {
                    func ids(_ key: String) -> [String] {
                        code.value.pairs?.first { $0.keyText == key }?.value.items?.compactMap { $0.scalar?.value } ?? []
                    }
                    out.append(Case(table: path, profile: name, code: code.keyText, applies: ids("applies"), doesNotApply: ids("does_not_apply")))
                }
            }
        }
        return out
    }

    @Test("the tables cover both codes and every version")
    func coverage() {
        let codes = Set(Self.cases().map(\.code))
        #expect(codes.isSuperset(of: ["illegal-content-u2u/v1.yaml", "illegal-content-u2u/v2-2026-amendments.yaml",
                                      "illegal-content-u2u/v2-additional-safety-measures.yaml",
                                      "protection-of-children-u2u/v1.yaml", "protection-of-children-u2u/v2-additional-safety-measures.yaml"]))
        #expect(Self.cases().count >= 20)
    }

    @Test("each profile's measures apply or not as the facts say", arguments: cases())
    func profile(c: Case) throws {
        let loader = Loader()
        let codePath = Self.root.appendingPathComponent("Codes/ofcom/\(c.code)").path
        let code = try #require(loader.code(codePath), "\(loader.diagnostics)")
        let doc = try YAMLLoader().load(path: c.table)
        let profileNode = try #require(doc.root.pairs?.first { $0.keyText == "profiles" }?.value.items?.first {
            $0.pairs?.first { $0.keyText == "name" }?.value.scalar?.value == c.profile
        })
        let facts = try #require(profileNode.pairs?.first { $0.keyText == "submission" }?.value)
        // A submission made of the profile's facts, decoded as a real one would be.
        let header = YAMLNode(.mapping([YAMLPair(key: YAMLNode(.scalar(.init("service")), start: facts.start, endOffset: 0),
                                                 value: YAMLNode(.scalar(.init(c.profile)), start: facts.start, endOffset: 0))]),
                              start: facts.start, endOffset: 0)
        let root = YAMLNode(.mapping([YAMLPair(key: YAMLNode(.scalar(.init("submission")), start: facts.start, endOffset: 0), value: header)]
                                     + (facts.pairs ?? [])), start: facts.start, endOffset: 0)
        let context = DecodeContext(YAMLDocument(file: c.table, root: root, text: doc.text))
        let submission = try #require(Submission.decode(context, vocabulary: code.vocabulary))
        #expect(context.diagnostics.isEmpty, "\(context.diagnostics)")
        let applicability = Assessor(code: code).context(for: submission).applicability
        for id in c.applies {
            let i = try #require(code.index(of: id), "\(id) is not in \(c.code)")
            #expect(applicability[i] == .yes, "\(id) should apply to \(c.profile) under \(c.code)")
        }
        for id in c.doesNotApply {
            let i = try #require(code.index(of: id), "\(id) is not in \(c.code)")
            #expect(applicability[i] == .no, "\(id) should not apply to \(c.profile) under \(c.code)")
        }
    }

    @Test("every measure of every shipped code has a source with a URL and a confidence, and the codes lint clean")
    func provenance() throws {
        let report = Lint.run(paths: [Self.root.appendingPathComponent("Codes").path])
        #expect(report.diagnostics.isEmpty, "\(report.rendered.joined(separator: "\n"))")
        let loader = Loader()
        for file in report.files {
            guard let doc = loader.document(file), let kind = FileKind.of(doc), kind == .code || kind == .overlay else { continue }
            let code = try #require(loader.code(file))
            for m in code.measures {
                #expect(m.source.url?.hasPrefix("http") == true, "\(m.id) in \(file) has no source URL")
                #expect(!m.requires.isEmpty && m.requires.count <= 5, "\(m.id) has \(m.requires.count) checks")
            }
        }
    }

    @Test("the illegal content code as issued has its 41 measures, and the overlays add C14, C15 and C16")
    func measureCounts() throws {
        let loader = Loader()
        let v1 = try #require(loader.code(Self.root.appendingPathComponent("Codes/ofcom/illegal-content-u2u/v1.yaml").path))
        let expected = (1...7).map { "ICU A\($0)" } + (1...10).map { "ICU C\($0)" } + (1...14).map { "ICU D\($0)" }
            + ["ICU E1", "ICU F1", "ICU F2", "ICU G1", "ICU G2", "ICU G3", "ICU H1", "ICU J1", "ICU J2", "ICU J3"]
        #expect(v1.measures.map(\.id) == expected)
        #expect(v1.measures.first { $0.id == "ICU D13" }?.optional == true)
        let v2 = try #require(loader.code(Self.root.appendingPathComponent("Codes/ofcom/illegal-content-u2u/v2-2026-amendments.yaml").path))
        #expect(Set(v2.measures.map(\.id)).subtracting(expected) == ["ICU C14", "ICU C15", "ICU C16"])
    }

    @Test("the children's code has every measure id the facts confirm, and its proposals add C9, C10, C11, the second crisis entry (C12, id ours) and H2")
    func childrensCode() throws {
        let loader = Loader()
        let v1 = try #require(loader.code(Self.root.appendingPathComponent("Codes/ofcom/protection-of-children-u2u/v1.yaml").path))
        let confirmed = ["A2", "B1", "B2", "B3", "B4", "B5", "C1", "C2", "C4", "D1", "D2", "D7", "D8", "D9", "D10", "D12", "D13",
                         "D14", "G1", "G2", "G3"].map { "PCU " + $0 }
        let ids = Set(v1.measures.map(\.id))
        for id in confirmed { #expect(ids.contains(id), "\(id)") }
        #expect(v1.measures.first { $0.id == "PCU D14" }?.optional == true)
        let v2 = try #require(loader.code(Self.root.appendingPathComponent("Codes/ofcom/protection-of-children-u2u/v2-additional-safety-measures.yaml").path))
        #expect(Set(v2.measures.map(\.id)).subtracting(ids) == ["PCU C9", "PCU C10", "PCU C11", "PCU C12", "PCU H2"])
    }

    @Test("the campaigners' asks are labelled as an illustrative encoding, and every ask cites a public source")
    func campaigners() throws {
        let loader = Loader()
        let asks = try #require(loader.code(Self.root.appendingPathComponent("Codes/campaigners/child-safety-asks.yaml").path))
        #expect(asks.header.description?.lowercased().contains("illustrative") == true)
        let added = asks.measures.filter { $0.id.hasPrefix("ASK-") }
        #expect(added.count >= 6)
        for m in added {
            #expect(m.provisionalID)
            #expect(m.source.confidence == .secondary)
            #expect(m.source.url?.hasPrefix("https://") == true)
        }
    }
}
