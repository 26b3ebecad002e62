import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore

/// The flat `Program` decides statuses; the expression tree decides reasons, `explain` and the
/// diff probe. They must never disagree: random expressions over every operator and every fact
/// type, with definitions and `applies()`, on random facts, known and unknown.
@Suite("The two evaluators agree")
struct EvaluatorAgreementTests {
    static let vocabulary = """
        vocabulary: {id: every, title: Every type}
        types:
          level: {type: enum, values: [negligible, low, medium, high], ordered: true}
          colour: {type: enum, values: [red, green, blue]}
        facts:
          controls.f.b1: {type: bool, question: B1?}
          controls.f.b2: {type: bool, question: B2?}
          controls.f.i1: {type: integer, question: I1?}
          controls.f.i2: {type: integer, min: 0, max: 1000, question: I2?}
          controls.f.n1: {type: number, question: N1?}
          controls.f.d1: {type: date, question: D1?}
          controls.f.s1: {type: string, question: S1?}
          controls.f.e1: {type: level, question: E1?}
          controls.f.e2: {type: level, question: E2?}
          controls.f.k1: {type: colour, question: K1?}
          controls.f.set1: {type: set, values: [red, green, blue], question: Set1?}
          controls.f.set2: {type: set, values: [red, green, blue], question: Set2?}

        """

    static let code = """
        code: {id: every, version: v1, title: Every operator, status: in_force, in_force: 2025-01-01, vocabulary: vocabulary.yaml}
        definitions:
          big: controls.f.i1 > 100
          risky: max([controls.f.e1, controls.f.e2]) >= medium
          both: big and risky
        sections: [{id: A, title: A}]
        measures:
          - {id: M1, section: A, title: One, severity: low, applies_when: controls.f.b1, requires: [{id: c, text: c, check: controls.f.b2}], source: {url: https://example.org, confidence: unconfirmed}}
          - {id: M2, section: A, title: Two, severity: low, applies_when: applies("M1") or both, requires: [{id: c, text: c, check: controls.f.b2}], source: {url: https://example.org, confidence: unconfirmed}}

        """

    /// Atoms: every operator on every type it takes, each with a slot for a comparison operator.
    static let atoms: [String] = [
        "controls.f.b1", "controls.f.b2", "big", "risky", "both", "has(controls.f.i1)", "has(controls.f.s1)", "has(controls.f.set1)", "applies(\"M1\")", "applies(\"M2\")",
        "controls.f.b1 == controls.f.b2", "controls.f.b1 != true", "controls.f.i1 OP controls.f.i2", "controls.f.i1 OP 50", "controls.f.i2 OP 9223372036854775807", "controls.f.i1 OP 9007199254740992", "max([controls.f.i1, controls.f.i2]) OP 9223372036854775806", "controls.f.n1 OP 2.5", "controls.f.i1 OP controls.f.n1",
        "controls.f.d1 OP 2026-01-01", "controls.f.e1 OP medium", "controls.f.e1 OP controls.f.e2", "max([controls.f.e1, controls.f.e2]) OP high", "max([controls.f.i1, controls.f.i2]) OP 50",
        "max([controls.f.n1, controls.f.i1]) OP 2", "controls.f.s1 == \"abc\"", "controls.f.s1 != \"x\"", "controls.f.k1 == red", "controls.f.k1 != blue", "controls.f.set1 contains red",
        "green in controls.f.set1", "controls.f.set1 == controls.f.set2", "controls.f.set1 != controls.f.set2", "controls.f.e1 in [low, high]", "controls.f.i1 in [1, 50, 100]",
        "controls.f.s1 in [\"abc\", \"x\"]", "controls.f.k1 in [red, blue]", "count([controls.f.b1, controls.f.b2, big]) OP 2", "count([controls.f.b1, controls.f.b2]) == count([big, risky])",
        "any([controls.f.b1, controls.f.b2, risky])", "all([controls.f.b1, big])", "max([count([controls.f.b1, controls.f.b2]), 1]) OP 2",
    ]
    static let operators = ["==", "!=", "<", "<=", ">", ">="]

    /// A deterministic generator (SplitMix64), so a failure names a reproducible case.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    }

    static func expression(_ r: inout Random, depth: Int) -> String {
        if depth == 0 || r.below(3) == 0 {
            let atom = r.pick(atoms)
            let op = atom.contains("controls.f.e") || atom.contains("controls.f.i") || atom.contains("controls.f.n") || atom.contains("controls.f.d") || atom.contains("count")
                ? r.pick(operators) : r.pick(["==", "!="])
            return atom.replacingOccurrences(of: "OP", with: op)
        }
        switch r.below(3) {
        case 0: return "not (\(expression(&r, depth: depth - 1)))"
        case 1: return "(\(expression(&r, depth: depth - 1))) and (\(expression(&r, depth: depth - 1)))"
        default: return "(\(expression(&r, depth: depth - 1))) or (\(expression(&r, depth: depth - 1)))"
        }
    }

    /// Random facts: each known with probability 2/3, from values near the constants above.
    static func facts(_ r: inout Random, _ v: Vocabulary) -> [Value?] {
        v.facts.map { fact -> Value? in
            guard r.below(3) > 0 else { return nil }
            switch fact.type {
            case .bool: return .bool(r.below(2) == 0)
            case .integer: return .integer(r.pick([0, 1, 50, 99, 100, 101, 1000, 9_007_199_254_740_993, Int.max - 1, Int.max]))
            case .number: return .number(r.pick([-1, 0, 2, 2.5, 3.5, 1e300]))
            case .date: return .date(r.pick([20251231, 20260101, 20270101]))
            case .string: return .string(r.pick(["abc", "x", ""]))
            case .enumeration(let e): return .symbol(r.below(e.values.count))
            case .set: return .set(UInt64(r.below(8)))
            }
        }
    }

    @Test("random expressions over every operator and type: the program and the tree give the same value")
    func agree() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": Self.vocabulary, "code.yaml": Self.code])
        let loader = Loader()
        let code = try #require(loader.code(scratch.file("code.yaml")), "\(loader.diagnostics.map(\.description))")
        let compile = Self.compiler(code)
        // Every atom, with every operator it takes, type-checks: the test covers what it says.
        for atom in Self.atoms {
            for op in (atom.contains("OP") ? Self.operators : ["=="]) where !(["controls.f.b1", "controls.f.s1", "controls.f.k1", "controls.f.set1"].contains { atom.hasPrefix($0) } && op != "==") {
                let text = atom.replacingOccurrences(of: "OP", with: op)
                #expect(compile(text) != nil, "\(text) does not compile")
            }
        }
        var r = Random(state: 20261129)
        var compared = 0, unknowns = 0
        for _ in 0..<400 {
            let text = Self.expression(&r, depth: 3)
            guard let expr = compile(text) else { Issue.record("\(text) does not compile"); continue }
            var plan = Plan()
            let root = plan.program.add(expr)
            for _ in 0..<30 {
                let facts = Self.facts(&r, code.vocabulary)
                let submission = Submission(file: "", service: "", provider: nil, date: nil, note: nil, facts: facts, evidence: [:],
                                            alternatives: [], location: SourceLocation(file: "", line: 1, column: 1))
                let context = Assessor(code: code).context(for: submission)
                let tree = expr.truth(in: context)
                let flat = plan.program.truth(root, context.table, context.applicability)
                #expect(tree == flat, "\(text) with \(facts)")
                compared += 1
                if tree == .unknown { unknowns += 1 }
            }
        }
        // Not vacuous: many comparisons, and every value occurs.
        #expect(compared == 12_000)
        #expect(unknowns > 1_000 && unknowns < 11_000)
    }

    /// Compiles conditions over the test vocabulary with the code's definitions; nil when one
    /// does not compile.
    static func compiler(_ code: Code) -> (String) -> Expr? {
        let definitions = ["big": "controls.f.i1 > 100", "risky": "max([controls.f.e1, controls.f.e2]) >= medium", "both": "big and risky"].map { name, text in
            Compiler.Definition(name: name, source: Self.source(text), keyLocation: SourceLocation(file: "code.yaml", line: 1, column: 1))
        }
        return { text in
            let compiler = Compiler(vocabulary: code.vocabulary, definitions: definitions, measureIndex: ["M1": 0, "M2": 1], limits: .init())
            let e = compiler.compileCondition(Self.source(text), what: "the expression")
            return compiler.diagnostics.isEmpty ? e : nil
        }
    }

    @Test("integers past 2^53 and at Int's edge compare exactly, known or as the lower bound of max() over unknowns, in both evaluators")
    func exactIntegers() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": Self.vocabulary, "code.yaml": Self.code])
        let loader = Loader()
        let code = try #require(loader.code(scratch.file("code.yaml")), "\(loader.diagnostics.map(\.description))")
        let compile = Self.compiler(code)
        let twoTo53 = 9_007_199_254_740_992
        // (condition, i1, expected) with i2 unknown: a Double makes 2^53 + 1 equal to 2^53, and
        // Int.max equal to Int.max - 1 (both 2^63).
        let cases: [(String, Int, Tri)] = [
            ("controls.f.i1 > 9007199254740992", twoTo53 + 1, .yes),
            ("controls.f.i1 == 9007199254740992", twoTo53 + 1, .no),
            ("controls.f.i1 <= 9007199254740992", twoTo53 + 1, .no),
            ("controls.f.i1 == 9223372036854775806", .max, .no),
            ("controls.f.i1 > 9223372036854775806", .max, .yes),
            ("controls.f.i1 < 9223372036854775807", .max - 1, .yes),
            // 9223372036854775807.5 is the Double 2^63, one above Int.max.
            ("controls.f.i1 < 9223372036854775807.5", .max, .yes),
            ("controls.f.i1 >= 9223372036854775807.5", .max, .no),
            // max() with i2 unknown: at least i1, so the lower bound decides these.
            ("max([controls.f.i1, controls.f.i2]) > 9007199254740992", twoTo53 + 1, .yes),
            ("max([controls.f.i1, controls.f.i2]) > 9223372036854775806", .max, .yes),
            ("max([controls.f.i1, controls.f.i2]) >= 9223372036854775807", .max, .yes),
            ("max([controls.f.i1, controls.f.i2]) == 9223372036854775806", .max, .no),
            ("max([controls.f.i1, controls.f.i2]) > 9007199254740993", twoTo53 + 1, .unknown),
            ("max([controls.f.i1, controls.f.i2]) < 9007199254740992", twoTo53 + 1, .no),
        ]
        for (text, i1, expected) in cases {
            let expr = try #require(compile(text), "\(text) does not compile")
            var plan = Plan()
            let root = plan.program.add(expr)
            var facts = [Value?](repeating: nil, count: code.vocabulary.facts.count)
            facts[try #require(code.vocabulary.fact("controls.f.i1")).slot] = .integer(i1)
            let submission = Submission(file: "", service: "", provider: nil, date: nil, note: nil, facts: facts, evidence: [:],
                                        alternatives: [], location: SourceLocation(file: "", line: 1, column: 1))
            let context = Assessor(code: code).context(for: submission)
            #expect(expr.truth(in: context) == expected, "tree: \(text) with i1 = \(i1)")
            #expect(plan.program.truth(root, context.table, context.applicability) == expected, "program: \(text) with i1 = \(i1)")
        }
    }

    /// A measure in three versions (v1 in force from 2025, v2 from 2026 with a check of its own
    /// from June 2026, v3 proposed), and a measure that reads the first's applicability.
    static let versions: [String: String] = [
        "vocabulary.yaml": vocabulary,
        "code.yaml": """
            code: {id: versions, version: v1, title: Versions, status: in_force, in_force: 2025-01-01, vocabulary: vocabulary.yaml}
            sections: [{id: A, title: A}]
            measures:
              - {id: M1, section: A, title: One, severity: critical, status: in_force, in_force: 2025-01-01, applies_when: controls.f.b1, requires: [{id: c, text: c, check: controls.f.b2}], source: {url: https://example.org, confidence: unconfirmed}}
              - {id: M2, section: A, title: Two, severity: low, status: in_force, in_force: 2025-01-01, applies_when: applies("M1"), requires: [{id: c, text: c, check: controls.f.i1 > 10}], source: {url: https://example.org, confidence: unconfirmed}}

            """,
        "v2.yaml": """
            code: {version: v2, status: in_force, in_force: 2026-01-01}
            extends: code.yaml
            replace:
              - id: M1
                section: A
                title: One, second version
                severity: low
                status: in_force
                in_force: 2026-01-01
                applies_when: controls.f.i1 >= 50
                requires:
                  - {id: late, text: late, check: controls.f.b2, in_force: 2026-06-01}
                  - {id: b1, text: b1, check: controls.f.b1, weight: 2}
                source: {url: https://example.org, confidence: unconfirmed}

            """,
        "v3.yaml": """
            code: {version: v3, status: proposed}
            extends: v2.yaml
            replace:
              - id: M1
                section: A
                title: One, third version
                severity: high
                status: proposed
                applies_when: not controls.f.b1
                requires: [{id: c, text: c, check: controls.f.b1}]
                source: {url: https://example.org, confidence: unconfirmed}

            """,
    ]

    @Test("earlier versions of a measure are assessed through the compiled plan: the version in force at each date binds, with its own applicability, checks, check dates, weights and severity")
    func earlierVersions() throws {
        let scratch = Scratch()
        scratch.write(Self.versions)
        let loader = Loader()
        let code = try #require(loader.code(scratch.file("v3.yaml")), "\(loader.diagnostics.map(\.description))")
        // M1's two earlier versions are rows of the plan, after the two measures' latest versions.
        #expect(Array(code.plan.earlier(0)) == [2, 3])
        #expect(code.plan.earlier(1).isEmpty)
        var facts = [Value?](repeating: nil, count: code.vocabulary.facts.count)
        facts[try #require(code.vocabulary.fact("controls.f.b1")).slot] = .bool(true)
        facts[try #require(code.vocabulary.fact("controls.f.b2")).slot] = .bool(false)
        facts[try #require(code.vocabulary.fact("controls.f.i1")).slot] = .integer(50)
        let submission = Submission(file: "", service: "", provider: nil, date: nil, note: nil, facts: facts, evidence: [:],
                                    alternatives: [], location: SourceLocation(file: "", line: 1, column: 1))
        struct Expected {
            var date: String, asIfInForce: Bool, statuses: [MeasureStatus], earned: Int, possible: Int, gaps: Int, critical: Int, title: String
        }
        let cases = [
            // v1 binds: it applies (b1), its check (b2) fails; a critical gap. M2 applies with it, i1 = 50 > 10.
            Expected(date: "2025-06-01", asIfInForce: false, statuses: [.notMet, .met], earned: 1, possible: 2, gaps: 1, critical: 1, title: "One"),
            // v2 binds: i1 >= 50 applies; its check from June is not scored yet, b1 (weight 2) holds: met.
            Expected(date: "2026-03-01", asIfInForce: false, statuses: [.met, .met], earned: 3, possible: 3, gaps: 0, critical: 0, title: "One, second version"),
            // From June the late check (b2, false) counts: partly met, 2 of 3; a gap, of low severity.
            Expected(date: "2026-07-01", asIfInForce: false, statuses: [.partial, .met], earned: 3, possible: 4, gaps: 1, critical: 0, title: "One, second version"),
            // As if in force, v3 binds: not b1, so M1 does not apply, nor M2 through applies("M1").
            Expected(date: "2026-07-01", asIfInForce: true, statuses: [.notApplicable, .notApplicable], earned: 0, possible: 0, gaps: 0, critical: 0, title: "One, third version"),
            // Before any version is in force, v3 is assessed and is not in force; it does not apply.
            Expected(date: "2024-06-01", asIfInForce: false, statuses: [.notApplicable, .notApplicable], earned: 0, possible: 0, gaps: 0, critical: 0, title: "One, third version"),
        ]
        for c in cases {
            let day = try #require(Day(c.date))
            for assessor in [Assessor(code: code), Assessor(code: code, asOf: day, asIfInForce: c.asIfInForce)] {
                let a = assessor.assess(submission, asOf: day, asIfInForce: c.asIfInForce, explain: true)
                #expect(a.results.map(\.status) == c.statuses, "\(c.date)")
                #expect(a.results[0].measure.title == c.title, "\(c.date)")
                var seen: [MeasureStatus] = []
                let s = assessor.summary(submission, asOf: day, asIfInForce: c.asIfInForce) { _, status, _, _ in seen.append(status) }
                #expect(seen == c.statuses, "\(c.date)")
                let figures: [Int] = [s.earned, s.possible, s.gaps, s.criticalGaps], expected: [Int] = [c.earned, c.possible, c.gaps, c.critical]
                #expect(figures == expected, "\(c.date)")
                #expect(a.summary == s, "\(c.date)")
            }
        }
    }

    static func source(_ text: String) -> ExpressionSource {
        let node = YAMLNode(.scalar(YAMLScalar(text)), start: YAMLMark(line: 1, column: 1, offset: 0), endOffset: text.unicodeScalars.count)
        return ExpressionSource(text: text, node: node, document: YAMLDocument(file: "<expression>", root: node, text: SourceText(text)))
    }
}
