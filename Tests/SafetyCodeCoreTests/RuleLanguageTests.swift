import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore

@Suite("Three-valued logic and the expression language")
struct LogicTests {
    static let values: [Tri] = [.yes, .no, .unknown]

    /// Kleene's strong tables, written out row by row (a, b, a and b, a or b).
    static let kleene: [(Tri, Tri, Tri, Tri)] = [
        (.yes, .yes, .yes, .yes),
        (.yes, .no, .no, .yes),
        (.yes, .unknown, .unknown, .yes),
        (.no, .yes, .no, .yes),
        (.no, .no, .no, .no),
        (.no, .unknown, .no, .unknown),
        (.unknown, .yes, .unknown, .yes),
        (.unknown, .no, .no, .unknown),
        (.unknown, .unknown, .unknown, .unknown),
    ]

    @Test("'and' follows Kleene's table", arguments: kleene)
    func and(row: (Tri, Tri, Tri, Tri)) {
        #expect((row.0 && row.1) == row.2)
    }

    @Test("'or' follows Kleene's table", arguments: kleene)
    func or(row: (Tri, Tri, Tri, Tri)) {
        #expect((row.0 || row.1) == row.3)
    }

    /// The error lexing `text` gives; nil when it lexes.
    static func lexingError(_ text: String) -> ExpressionError? {
        do { _ = try Lexer.tokens(text) } catch { return error }
        return nil
    }

    @Test("tokens keep their text and their place, counted in Unicode scalars, after letters outside ASCII")
    func tokensOutsideASCII() throws {
        // Worked out by hand: naïve_x is 0-6, >= 8-9, the date 11-20, and 22-24, 'é\'s' 26-31,
        // != 33-34, "ü" 36-38, the end 39.
        let tokens = try Lexer.tokens("naïve_x >= 2024-01-02 and 'é\\'s' != \"ü\"")
        let expected: [(Token.Kind, Int, Int)] = [
            (.name("naïve_x"), 0, 7), (.op(">="), 8, 2), (.date(try #require(Day(year: 2024, month: 1, day: 2))), 11, 10),
            (.name("and"), 22, 3), (.string("é's"), 26, 6), (.op("!="), 33, 2), (.string("ü"), 36, 3), (.end, 39, 0),
        ]
        #expect(tokens.count == expected.count)
        for (token, (kind, offset, length)) in zip(tokens, expected) {
            #expect(token.kind == kind)
            #expect(token.offset == offset)
            #expect(token.length == length)
        }
    }

    @Test("an accent written as a combining mark belongs to the name it follows; a stray one is named, not quoted")
    func combiningMarks() throws {
        // servic, e, U+0301, .type: thirteen scalars, one name (as servicé.type written with é is).
        let tokens = try Lexer.tokens("servic" + "e\u{301}" + ".type == x")
        #expect(tokens.first?.kind == .name("servic" + "e\u{301}" + ".type"))
        #expect(tokens.first?.length == 13)
        #expect(tokens.count == 4)
        let error = try #require(Self.lexingError("a == \u{301}b"), "a combining mark after a space was taken")
        #expect(error.message == "unexpected character <U+0301>")
        #expect(error.offset == 5)
    }

    @Test("a date that is written YYYY-MM-DD but does not exist says why", arguments: [
        ("2025-02-30", "'2025-02-30' is not a date: February 2025 has 28 days"),
        ("2023-02-29", "'2023-02-29' is not a date: February 2023 has 28 days"),
        ("2025-04-31", "'2025-04-31' is not a date: April 2025 has 30 days"),
        ("2025-13-01", "'2025-13-01' is not a date: a year has 12 months, not 13"),
        ("2025-01-00", "'2025-01-00' is not a date: days of the month run from 01"),
        ("0000-01-01", "'0000-01-01' is not a date: years run from 0001"),
        ("2025-1-1", "'2025-1-1' is not a date: write YYYY-MM-DD"),
    ])
    func impossibleDates(text: String, message: String) throws {
        let error = try #require(Self.lexingError("service.launched < \(text)"), "\(text) was taken as a date")
        #expect(error.message == message)
        #expect(error.offset == 19)
    }

    @Test("a whole number past 64 bits in a condition is refused, not rounded to a fraction")
    func integerPastLimit() throws {
        // Int.max is 9,223,372,036,854,775,807: one more is refused; Int.max itself and a
        // number with a fraction are taken.
        let whole = try #require(Self.lexingError("service.uk_users > 9_223_372_036_854_775_808"), "a number past 64 bits was taken")
        #expect(whole.code == .limit)
        #expect(whole.message == "'9_223_372_036_854_775_808' is past the largest whole number, 9,223,372,036,854,775,807")
        #expect(whole.offset == 19)
        #expect(try Lexer.tokens("9223372036854775807").first?.kind == .integer(Int.max))
        // A fraction past a float's range: a number, cut in the message to its first 20 and last 10
        // characters, not a fact of 402 characters.
        let fraction = try #require(Self.lexingError("1" + String(repeating: "0", count: 399) + ".0"), "a number past a float's range was taken")
        #expect(fraction.code == .limit)
        #expect(fraction.message == "'10000000000000000000…00000000.0' (402 characters) is past the largest number a condition can hold")
        let negative = try #require(Self.lexingError("service.uk_users > -5"), "a negative number was taken")
        #expect(negative.message == "unexpected character '-' (a number in a condition cannot be negative)")
        #expect(negative.offset == 19)
        #expect(try Lexer.tokens("99999999999999999999.5").first?.kind == .number(99999999999999999999.5))
    }

    @Test("a leap day is a date")
    func leapDay() throws {
        #expect(try Lexer.tokens("2024-02-29").first?.kind == .date(try #require(Day(year: 2024, month: 2, day: 29))))
    }

    @Test("a string in a message is written as the language would write it, a tab named, a long one cut")
    func stringsInMessages() {
        // é, a quote, a backslash, a tab: escaped as in an expression, the tab as <U+0009>.
        #expect(Compiler.stringLiteral("é\"\\\tx") == "\"é\\\"\\\\<U+0009>x\"")
        // 70 characters: the first 40, an ellipsis, the last 10, and the length.
        let long = String(repeating: "a", count: 40) + String(repeating: "b", count: 20) + String(repeating: "c", count: 10)
        #expect(Compiler.stringLiteral(long) == "\"" + String(repeating: "a", count: 40) + "…" + String(repeating: "c", count: 10) + "\" (70 characters)")
        #expect(Compiler.stringLiteral("user-to-user") == "\"user-to-user\"")
    }

    @Test("a span of an expression's text counts Unicode scalars and is clamped to the text")
    func spans() {
        // "Zoë – ok" is Z o ë, a space, the dash, a space, o k: eight scalars.
        let spans = ScalarSpans("Zoë – ok")
        #expect(spans.text(0, 3) == "Zoë")
        #expect(spans.text(4, 1) == "–")
        #expect(spans.text(6, 100) == "ok")
        #expect(spans.text(-5, 2) == "Zo")
        #expect(spans.text(100, 3) == "")
        #expect(spans.text(2, Int.max) == "ë – ok")
        // A combining accent is a scalar of its own.
        let combining = ScalarSpans("e\u{301}x")
        #expect(combining.text(0, 1) == "e")
        #expect(combining.text(1, 1) == "\u{301}")
        #expect(combining.text(0, 3) == "e\u{301}x")
    }

    @Test("'not' keeps unknown unknown")
    func not() {
        #expect(!Tri.yes == .no)
        #expect(!Tri.no == .yes)
        #expect(!Tri.unknown == .unknown)
    }

    @Test("evaluated expressions follow the tables with unknown facts", arguments: [
        ("risk.grooming == high and risk.terrorism == high", "risk: {grooming: low}", "false"),
        ("risk.grooming == high and risk.terrorism == high", "risk: {grooming: high}", "unknown"),
        ("risk.grooming == high or risk.terrorism == high", "risk: {grooming: high}", "true"),
        ("risk.grooming == high or risk.terrorism == high", "risk: {grooming: low}", "unknown"),
        ("not (risk.grooming == high)", "risk: {}", "unknown"),
        ("service.uk_users > 700_000", "service: {uk_users: 700000}", "false"),
        ("service.uk_users > 700_000", "service: {uk_users: 700001}", "true"),
        ("service.type == \"user-to-user\"", "service: {type: user-to-user}", "true"),
        ("service.functionalities contains livestreaming", "service: {functionalities: [direct_messaging]}", "false"),
        ("livestreaming in service.functionalities", "service: {functionalities: [livestreaming]}", "true"),
        ("risk.grooming in [medium, high]", "risk: {grooming: medium}", "true"),
        ("has(risk.grooming)", "risk: {grooming: ~}", "false"),
        // Whitespace outside ASCII (no-break space, em space) and a tab still separate words.
        ("service.uk_users\u{A0}>\u{2003}700_000", "service: {uk_users: 700001}", "true"),
        ("risk.grooming\tin [medium,\thigh]", "risk: {grooming: high}", "true"),
    ])
    func expressions(expression: String, facts: String, expected: String) throws {
        #expect(try Fixture.evaluate(expression, facts: facts).description == expected)
    }

    @Test("count over unknowns is a range; a comparison is decided only when the whole range agrees", arguments: [
        ("risk: {terrorism: high, hate: high}", ">= 2", "true"),     // 2..3
        ("risk: {terrorism: high}", ">= 2", "unknown"),              // 1..3
        ("risk: {terrorism: low, hate: low}", ">= 2", "false"),      // 0..1
        ("risk: {terrorism: low, hate: low}", "< 2", "true"),
        ("risk: {terrorism: high, hate: high, fraud_financial_services: high}", "== 3", "true"),
        ("risk: {terrorism: high, hate: high}", "== 3", "unknown"),
        ("risk: {terrorism: low, hate: low, fraud_financial_services: low}", "== 0", "true"),
    ])
    func countRanges(facts: String, comparison: String, expected: String) throws {
        let e = "count([risk.terrorism >= medium, risk.hate >= medium, risk.fraud_financial_services >= medium]) \(comparison)"
        #expect(try Fixture.evaluate(e, facts: facts).description == expected)
    }

    @Test("every example of every expression function gives its stated result",
          arguments: ExpressionFunction.all.flatMap { f in f.examples.map { (f.name, $0) } })
    func functionExamples(name: String, example: ExpressionFunction.Example) throws {
        #expect(try Fixture.evaluate(example.expression, facts: example.facts).description == example.result, "\(name)")
    }
}

@Suite("Diagnostics point at their own line and column")
struct DiagnosticTests {
    @Test("each diagnostic code's example is reported where it is marked",
          arguments: DiagnosticDescription.all)
    func example(description: DiagnosticDescription) throws {
        let scratch = Scratch()
        var files = description.example
        if files["vocabulary.yaml"] == nil { files["vocabulary.yaml"] = DiagnosticDescription.exampleVocabulary }
        let marked = try #require(scratch.write(files), "the example marks no place")
        let report = Lint.run(paths: [scratch.path], vocabulary: scratch.file("vocabulary.yaml"))
        let found = report.diagnostics.filter { $0.code == description.code }
        #expect(found.contains { $0.location == marked },
                "\(description.code.rawValue) not at \(marked): \(report.diagnostics.map(\.description))")
    }

    @Test("every code the engine can report is described in the catalogue")
    func catalogueComplete() throws {
        // Every diagnostic code declared anywhere in the sources (`static let x: DiagnosticCode =
        // "..."`), found by reading them, so a new code without a description fails here.
        var declared: Set<String> = []
        let sources = packageRoot.appendingPathComponent("Sources")
        for file in FileManager.default.enumerator(atPath: sources.path)?.compactMap({ $0 as? String }) ?? [] where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains(": DiagnosticCode = \"") {
                if let name = line.split(separator: "\"").dropFirst().first { declared.insert(String(name)) }
            }
            // No code is written as a bare string where a declared one belongs.
            #expect(text.range(of: #"\.error\("[a-z-]+""#, options: .regularExpression) == nil, "a bare diagnostic code in \(file)")
        }
        #expect(declared.count >= 30, "\(declared)")
        let listing = Catalogue.text()
        for code in declared {
            #expect(listing.contains("  \(code)\n      "), "\(code) is not described in the catalogue")
        }
    }

    @Test("lint --list describes every diagnostic code and every function")
    func listing() {
        let text = Catalogue.text()
        for d in DiagnosticDescription.all { #expect(text.contains("  \(d.code.rawValue)\n      \(d.summary)"), "\(d.code.rawValue)") }
        for code in ["depth-limit", "node-limit", "size-limit", "invalid-utf8", "unreadable-file", "write-failed"] {
            #expect(text.contains("  \(code)\n"), "\(code)")
        }
        for f in ExpressionFunction.all { #expect(text.contains(f.signature)) }
    }

    @Test("a misspelt fact in a code is reported with a suggestion and a caret under it")
    func misspeltFactRendering() throws {
        let scratch = Scratch()
        let files = DiagnosticDescription.code(DiagnosticDescription.measure(applies: ">\n      large and\n      ⟨here⟩risk.groming >= medium"),
                                               definitions: "definitions:\n  large: service.uk_users > 7_000_000\n")
        let marked = try #require(scratch.write(files.merging(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary]) { a, _ in a }))
        let report = Lint.run(paths: [scratch.path])
        let d = try #require(report.diagnostics.first { $0.code == .unknownFact })
        #expect(d.location == marked)
        #expect(d.message.contains("did you mean 'risk.grooming'?"))
        let rendered = try #require(report.rendered.first { $0.contains("unknown-fact") })
        #expect(rendered.hasSuffix("      risk.groming >= medium\n      |       ^"))
    }

    @Test("a bracket left open in a folded expression is reported just after its last word, with a note at the bracket")
    func unclosedBracketInBlock() throws {
        // Before, the end of a folded or plain expression was placed at the start of the next
        // line (the next key), and the message gave the bracket as "offset 0".
        let scratch = Scratch()
        let files = DiagnosticDescription.code(DiagnosticDescription.measure(applies: ">\n      ⟨open⟩(risk.grooming >=\n      medium⟨here⟩"))
        let bracket = try #require(Marked(files["code.yaml"]!).places["open"])
        let marked = try #require(scratch.write(files.merging(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary]) { a, _ in a }))
        let report = Lint.run(paths: [scratch.path])
        let d = try #require(report.diagnostics.first { $0.code == .expressionSyntax })
        #expect(d.location == marked)
        #expect(d.message == "expected ')' to close the '(' before it, found end of the expression")
        #expect(d.notes.map(\.message) == ["the '(' it should close"])
        #expect(d.notes.first?.location == SourceLocation(file: marked.file, line: bracket.line, column: bracket.column))
    }

    @Test("a code with another mistake still has its expressions checked, without errors that follow from the mistake")
    func expressionsBesideOtherErrors() throws {
        // Before, an unknown key anywhere in the code hid every expression's error.
        let scratch = Scratch()
        let files = DiagnosticDescription.code(DiagnosticDescription.measure("\n    sevrity: medium", applies: "risk.grooming >= medium and⟨here⟩"))
        let marked = try #require(scratch.write(files.merging(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary]) { a, _ in a }))
        let report = Lint.run(paths: [scratch.path])
        #expect(report.diagnostics.map(\.code).sorted { $0.rawValue < $1.rawValue } == [.expressionSyntax, .unknownKey])
        #expect(report.diagnostics.first { $0.code == .expressionSyntax }?.location == marked)

        // A definition left out by its own error is not then "unknown" at every use.
        let other = Scratch()
        let broken = DiagnosticDescription.code(DiagnosticDescription.measure(applies: "large and risk.grooming >= medium")
                                                + DiagnosticDescription.measure(applies: "large").replacingOccurrences(of: "id: X1", with: "id: X2"),
                                                definitions: "definitions:\n  large: [1, 2]\n")
        _ = other.write(broken.merging(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary]) { a, _ in a })
        #expect(Lint.run(paths: [other.path]).diagnostics.map(\.code) == [.wrongType])
    }

    @Test("a problem after text outside ASCII quotes the right words at the right place")
    func spanAfterNonASCII() throws {
        // "Zoë – ok" holds two scalars outside ASCII: the quoted span and the caret count scalars.
        let scratch = Scratch()
        let files = DiagnosticDescription.code(DiagnosticDescription.measure(applies: "'\"Zoë – ok\" == \"Zoë – ok\" and ⟨here⟩service.uk_users'"))
        let marked = try #require(scratch.write(files.merging(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary]) { a, _ in a }))
        let report = Lint.run(paths: [scratch.path])
        let d = try #require(report.diagnostics.first { $0.code == .typeMismatch })
        #expect(d.location == marked)
        #expect(d.message.hasSuffix("must be true or false, but 'service.uk_users' is an integer"))
    }

    @Test("a submission with a misspelt fact is reported at its key with the nearest fact")
    func misspeltSubmissionFact() throws {
        let scratch = Scratch()
        let marked = try #require(scratch.write([
            "vocabulary.yaml": DiagnosticDescription.exampleVocabulary,
            "s.yaml": "submission: {service: A}\nrisk:\n  ⟨here⟩grooomin: high\n",
        ]))
        let report = Lint.run(paths: [scratch.path])
        let d = try #require(report.diagnostics.first)
        #expect(d.code == .unknownFact)
        #expect(d.location == marked)
        #expect(d.message == "no fact 'risk.grooomin' in the vocabulary; did you mean 'risk.grooming'?")
        #expect(report.errors == 1)
    }

    @Test("absent and null facts in a submission are unknown, not errors")
    func absentFacts() throws {
        let scratch = Scratch()
        scratch.write(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary,
                       "s.yaml": "submission: {service: A}\nrisk: {grooming: ~}\n"])
        #expect(Lint.run(paths: [scratch.path]).diagnostics.isEmpty)
    }

    @Test("a cycle of definitions is reported once, naming the whole cycle")
    func definitionCycle() throws {
        let scratch = Scratch()
        scratch.write(DiagnosticDescription.code(DiagnosticDescription.measure(applies: "a"),
                                                 definitions: "definitions:\n  a: b or risk.grooming == high\n  b: c\n  c: a\n")
                      .merging(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary]) { a, _ in a })
        let report = Lint.run(paths: [scratch.path])
        let cycles = report.diagnostics.filter { $0.code == .cycle }
        #expect(cycles.count == 1)
        #expect(cycles.first?.message == "definitions refer to each other in a circle: a -> b -> c -> a")
    }

    @Test("a cycle between measures through applies() is reported naming each measure")
    func measureCycle() throws {
        let scratch = Scratch()
        let m1 = DiagnosticDescription.measure(applies: "applies(\"X2\")")
        let m2 = DiagnosticDescription.measure(applies: "applies(\"X1\")").replacingOccurrences(of: "id: X1", with: "id: X2")
        scratch.write(DiagnosticDescription.code(m1 + m2).merging(["vocabulary.yaml": DiagnosticDescription.exampleVocabulary]) { a, _ in a })
        let report = Lint.run(paths: [scratch.path])
        #expect(report.diagnostics.map(\.message).contains("measures depend on each other's applicability in a circle: X1 -> X2 -> X1"))
    }
}

@Suite("Overlays")
struct OverlayTests {
    @Test("a chain of three files resolves into one code: add, replace, remove, definitions and header")
    func chain() throws {
        let scratch = Scratch()
        scratch.write([
            "vocabulary.yaml": DiagnosticDescription.exampleVocabulary,
            "v1.yaml": DiagnosticDescription.header
                + "definitions:\n  risky: risk.grooming >= medium\nmeasures:\n"
                + DiagnosticDescription.measure(applies: "risky")
                + DiagnosticDescription.measure().replacingOccurrences(of: "id: X1", with: "id: X2"),
            "v2.yaml": """
                code: {version: v2, status: laid, laid: 2026-06-18}
                extends: v1.yaml
                definitions:
                  risky: risk.grooming == high
                add:
                \(DiagnosticDescription.measure().replacingOccurrences(of: "id: X1", with: "id: X3"))
                remove: [X2]
                """,
            "v3.yaml": """
                code: {version: v3, status: consultation, title: Proposals}
                extends: v2.yaml
                replace:
                \(DiagnosticDescription.measure(applies: "risky").replacingOccurrences(of: "title: Swift takedown", with: "title: Faster takedown"))
                """,
        ])
        let loader = Loader()
        let code = try #require(loader.code(scratch.file("v3.yaml")), "\(loader.diagnostics)")
        #expect(code.header.version == "v3")
        #expect(code.header.title == "Proposals")
        #expect(code.header.id == "ex")
        #expect(code.header.status == .consultation)
        #expect(code.measures.map(\.id) == ["X1", "X3"])
        #expect(code.measures[0].title == "Faster takedown")
        #expect(code.files.map { ($0 as NSString).lastPathComponent } == ["v1.yaml", "v2.yaml", "v3.yaml"])
        // The overridden definition is the one in force in the chain: medium no longer counts.
        scratch.write(["s.yaml": "submission: {service: A}\nrisk: {grooming: medium}\n"])
        let v1 = try #require(loader.code(scratch.file("v1.yaml")))
        let s = try #require(loader.submission(scratch.file("s.yaml"), vocabulary: code.vocabulary))
        #expect(Assessor(code: v1).context(for: s).applicability[0] == .yes)
        #expect(Assessor(code: code).context(for: s).applicability[0] == .no)
    }

    @Test("overlay mistakes are each reported at their place", arguments: [
        ("remove: [⟨here⟩X9]\n", DiagnosticCode.unknownMeasure),
        ("replace:\n" + DiagnosticDescription.measure().replacingOccurrences(of: "  - id: X1", with: "  - id: ⟨here⟩X9"), .unknownMeasure),
        ("add:\n" + DiagnosticDescription.measure().replacingOccurrences(of: "  - id: X1", with: "  - id: ⟨here⟩X1"), .duplicateId),
    ])
    func mistakes(body: String, code: DiagnosticCode) throws {
        let scratch = Scratch()
        let marked = try #require(scratch.write([
            "vocabulary.yaml": DiagnosticDescription.exampleVocabulary,
            "v1.yaml": DiagnosticDescription.header + "measures:\n" + DiagnosticDescription.measure(),
            "v2.yaml": "code: {version: v2}\nextends: v1.yaml\n" + body,
        ]))
        let report = Lint.run(paths: [scratch.path])
        #expect(report.diagnostics.contains { $0.code == code && $0.location == marked }, "\(report.diagnostics)")
    }

    @Test("overlays that extend each other in a circle are refused")
    func extendsCycle() throws {
        let scratch = Scratch()
        scratch.write(["a.yaml": "code: {version: a}\nextends: b.yaml\n", "b.yaml": "code: {version: b}\nextends: a.yaml\n"])
        let report = Lint.run(paths: [scratch.file("a.yaml")])
        #expect(report.diagnostics.contains { $0.code == .cycle && $0.message.contains("a.yaml -> b.yaml -> a.yaml") }, "\(report.diagnostics)")
    }
}
