import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

@Suite("Code tests (`safetycode test`)")
struct CodeTestTests {
    /// A code-test file for the small hand-made code (see `SmallCode`): M5 applies above 1,000,000 UK
    /// users, M2 above 1,000, M8 at medium or high grooming risk.
    static func tests(_ cases: String) -> String {
        """
        code_test:
          code: code.yaml
          as_of: 2026-11-29
        cases:
        \(cases)
        """
    }

    static let passing = """
          - name: a mid-size service
            submission:
              service: {uk_users: 5000}
              controls: {a: {one: true, two: false}}
            applies: [M1, M2]
            does_not_apply: [M5]
            may_apply: [M8]
            status: {M2: partial, M3: not_met, M6: not_in_force}
        """

    func scratch(_ cases: String) -> (Scratch, YAMLTree.SourceLocation?) {
        let s = Scratch()
        var files = SmallCode.files()
        files["tests/small.yaml"] = Self.tests(cases).replacingOccurrences(of: "code: code.yaml", with: "code: ../code.yaml")
        let place = s.write(files)
        return (s, place)
    }

    @Test("a case whose every expectation holds passes")
    func passes() {
        let (s, _) = scratch(Self.passing)
        let report = CodeTestRunner.run(paths: [s.file("tests")])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.passed == 1)
        #expect(report.failed == 0)
        #expect(report.summary == "1 passed, 0 failed")
        #expect(report.exitCode == 0)
    }

    @Test("a deliberately wrong expectation fails at its own line and column, with the engine's reason")
    func fails() throws {
        let (s, place) = scratch(Self.passing + """

              - name: a small service
                submission:
                  service: {uk_users: 500}
                applies: [M1, ⟨here⟩M2]
                status: {M3: unknown}
            """)
        let report = CodeTestRunner.run(paths: [s.file("tests")])
        #expect(report.passed == 1)
        #expect(report.failed == 1)
        let failure = try #require(report.failures.first)
        #expect(report.failures.count == 1)
        #expect(failure.location == place)
        #expect(failure.caseName == "a small service")
        #expect(failure.message.hasPrefix("M2 should apply, but the code says it does not apply: "))
        #expect(failure.message.contains("500"))
        #expect(report.exitCode == 1)
    }

    @Test("a wrong status is a failure too")
    func wrongStatus() throws {
        let (s, place) = scratch("""
              - name: wrong status
                submission:
                  controls: {a: {one: true, two: false}}
                status: {M1: met, ⟨here⟩M3: met}
            """)
        let report = CodeTestRunner.run(paths: [s.file("tests")])
        #expect(report.failed == 1)
        #expect(report.failures.map(\.location) == [place])
        #expect(report.failures.first?.message.hasPrefix("M3 should be met, but is not met") == true)
    }

    @Test("`safetycode test` prints each failure as file:line:col, then 'N passed, M failed', and exits 1")
    func command() throws {
        let (s, place) = scratch(Self.passing + """

              - name: a small service
                submission:
                  service: {uk_users: 500}
                applies: [⟨here⟩M2]
            """)
        let r = try CLI.run(["test", s.file("tests")])
        #expect(r.status == 1)
        let p = try #require(place)
        #expect(r.stdout.contains("\(p.file):\(p.line):\(p.column): failure: case 'a small service': M2 should apply"))
        #expect(r.stdout.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test("bad input is reported at its place with exit code 2, never run", arguments: [
        ("applies: [⟨here⟩M22]", "unknown-measure", "no measure 'M22' in small v1; did you mean 'M2'?"),
        ("submission:\n      controls: {a: {⟨here⟩onee: true}}\n    applies: [M1]", "unknown-fact", "no fact 'controls.a.onee'"),
        ("⟨here⟩applys: [M1]", "unknown-key", "unknown key 'applys' in case 'x'; did you mean 'applies'?"),
        ("status: {M1: ⟨here⟩done}", "bad-value", "the status of M1"),
    ])
    func badInput(body: String, code: String, message: String) throws {
        let (s, place) = scratch("  - name: x\n    " + body + "\n")
        let r = try CLI.run(["test", s.file("tests")])
        #expect(r.status == 2)
        let p = try #require(place)
        #expect(r.stderr.contains("\(p.file):\(p.line):\(p.column): error: [\(code)] "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.hasSuffix("0 passed, 0 failed\n"))
    }

    @Test("a folder without code tests, and a missing path, are bad input")
    func nothing() throws {
        let s = Scratch()
        s.write(SmallCode.files())
        #expect(try CLI.run(["test", s.path]).status == 2)
        let missing = try CLI.run(["test", s.file("nope")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("[missing-file]"))
    }

    @Test("lint checks code-test files like every other file")
    func lint() throws {
        let (s, place) = scratch("  - name: x\n    does_not_apply: [⟨here⟩M55]\n")
        let report = Lint.run(paths: [s.path])
        #expect(report.diagnostics.map(\.code) == [.unknownMeasure])
        #expect(report.diagnostics.first?.location == place)
    }

    // MARK: The shipped codes

    @Test("the code tests kept beside the shipped codes all pass")
    func shipped() {
        let report = CodeTestRunner.run(paths: [packageRoot.appendingPathComponent("Codes").path])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.joined(separator: "\n"))")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect(report.failed == 0)
        #expect(report.passed >= 100)
    }

    @Test("every measure of every shipped code has a case where it applies and one where it does not")
    func coverage() throws {
        let root = packageRoot.appendingPathComponent("Codes").path
        let report = CodeTestRunner.run(paths: [root])
        var missing: [Diagnostic] = []
        let loader = Loader()
        let codes = Lint.expand([root], missing: &missing).filter { file in
            guard let doc = loader.document(file), let kind = FileKind.of(doc) else { return false }
            return kind == .code || kind == .overlay
        }
        #expect(codes.count == 6)
        for file in codes {
            let c = try #require(report.coverage.first { URL(fileURLWithPath: $0.code).standardizedFileURL == URL(fileURLWithPath: file).standardizedFileURL },
                                 "no code tests for \(file)")
            #expect(c.missing.isEmpty, "\(file): \(c.missing.map { "\($0.measure) (\($0.side))" }.joined(separator: ", "))")
        }
    }

    @Test("the code tests generated from Tests/Fixtures/applicability/ are current (re-run Scripts/applicability-to-code-tests.py)",
          .enabled(if: Python.has("yaml"), "PyYAML is not installed: `make test` installs it"))
    func generatedCurrent() throws {
        let r = try Python.run([packageRoot.appendingPathComponent("Scripts/applicability-to-code-tests.py").path, "--check"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }
}
