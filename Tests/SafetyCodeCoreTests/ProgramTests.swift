import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore

@Suite("The compiled evaluator")
struct ProgramTests {
    static let root = ApplicabilityTableTests.root

    @Test("the flat programs give the same value as the expression trees on every condition of every shipped code")
    func agreesWithTrees() throws {
        let loader = Loader()
        var missing: [Diagnostic] = []
        let codeFiles = Lint.expand([Self.root.appendingPathComponent("Codes").path], missing: &missing)
            .filter { !$0.hasSuffix("vocabulary.yaml") && !$0.contains("/tests/") && !$0.contains("/risk-profiles/") }  // not the code tests or risk profiles kept beside the codes
        let submissions = Lint.expand([Self.root.appendingPathComponent("Submissions").path], missing: &missing)
        var compared = 0, earlierCompared = 0
        for file in codeFiles {
            let code = try #require(loader.code(file))
            for path in submissions {
                let s = try #require(loader.submission(path, vocabulary: code.vocabulary))
                // The submission as given, and with every other known fact dropped (more unknowns).
                var sparse = s.facts
                for i in sparse.indices where i % 2 == 1 { sparse[i] = nil }
                for facts in [s.facts, sparse] {
                    var context = EvaluationContext(facts: facts, measureCount: code.measures.count)
                    for i in code.evaluationOrder {
                        let m = code.measures[i]
                        let tree = m.appliesWhen?.truth(in: context) ?? .yes
                        let flat = code.plan.applies[i] < 0 ? .yes : code.plan.program.truth(code.plan.applies[i], context.table, context.applicability)
                        #expect(tree == flat, "\(m.id) applies_when in \(file) for \(path)")
                        context.applicability[i] = tree
                        for (c, k) in zip(m.requires, code.plan.checks(i)) {
                            #expect(c.check.truth(in: context) == code.plan.program.truth(code.plan.checkRoots[k], context.table, context.applicability),
                                    "\(m.id) check \(c.id)")
                            compared += 1
                        }
                    }
                    // The earlier versions an overlay replaced, compiled as rows of their own, in
                    // the order the version in force is looked for.
                    for i in code.measures.indices {
                        var chain: [Measure] = []
                        func walk(_ m: Measure) { for p in m.replaces { chain.append(p); walk(p) } }
                        walk(code.measures[i])
                        let rows = Array(code.plan.earlier(i))
                        #expect(rows.count == chain.count, "\(code.measures[i].id) in \(file)")
                        for (m, r) in zip(chain, rows) {
                            #expect(code.plan.ids[r] == m.id)
                            let tree = (m.appliesWhen?.truth(in: context) ?? .yes)
                            let flat = code.plan.applies[r] < 0 ? .yes : code.plan.program.truth(code.plan.applies[r], context.table, context.applicability)
                            #expect(tree == flat, "\(m.id) (earlier version) applies_when in \(file) for \(path)")
                            #expect(m.requires.map { $0.check.truth(in: context) } == code.plan.checkValues(r, context.table, context.applicability),
                                    "\(m.id) (earlier version) checks in \(file) for \(path)")
                            #expect(m.requires.map(\.weight) == Array(code.plan.rowWeights(r)))
                            #expect(m.dependsOnIndices == Array(code.plan.dependsOn[code.plan.dependsStart[r]..<code.plan.dependsStart[r + 1]]))
                            earlierCompared += 1
                        }
                    }
                }
            }
        }
        #expect(compared > 5000)
        // The shipped overlays replace measures (ICU G1 among them): the earlier versions were read.
        #expect(earlierCompared > 0)
    }
}
