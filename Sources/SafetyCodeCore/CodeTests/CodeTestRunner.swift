import Foundation
import YAMLTree

/// `safetycode test`: runs the code tests found under the paths given, like `opa test`.
public enum CodeTestRunner {
    /// One expectation that did not hold.
    public struct Failure: Sendable, CustomStringConvertible {
        /// Where the expectation is written.
        public var location: SourceLocation
        /// The case's name.
        public var caseName: String
        /// What was expected and what the engine decided, with its reason.
        public var message: String

        /// `file:line:col: failure: case 'name': message`.
        public var description: String { "\(location): failure: case '\(caseName)': \(message)" }
    }

    /// Which measures the cases of one code name, on each side of their applicability.
    public struct Coverage: Sendable {
        /// The code file.
        public var code: String
        /// Every measure id of the code, in order.
        public var measures: [String]
        /// Measures some case expects to apply.
        public var applies: Set<String> = []
        /// Measures some case expects not to apply.
        public var doesNotApply: Set<String> = []

        /// Measures with no case on one side or the other, each with the side missing.
        public var missing: [(measure: String, side: String)] {
            measures.flatMap { id -> [(String, String)] in
                (applies.contains(id) ? [] : [(id, "applies")]) + (doesNotApply.contains(id) ? [] : [(id, "does not apply")])
            }
        }
    }

    /// What a run found.
    public struct Report: Sendable {
        /// The code-test files run, in order.
        public var files: [String] = []
        /// Cases whose every expectation held.
        public var passed = 0
        /// Cases with at least one expectation that did not hold.
        public var failed = 0
        /// Every failed expectation, in file order.
        public var failures: [Failure] = []
        /// Problems with the inputs, rendered compiler style.
        public var diagnostics: [String] = []
        /// True when some input had an error.
        public var hasErrors = false
        /// Coverage by code file, in the order first tested.
        public var coverage: [Coverage] = []

        /// `N passed, M failed`.
        public var summary: String { "\(passed) passed, \(failed) failed" }

        /// 0 all passed, 1 a case failed, 2 bad input.
        public var exitCode: Int32 { hasErrors ? 2 : failed > 0 ? 1 : 0 }
    }

    /// The default path: `Codes/`.
    public static let defaultPaths = ["Codes"]

    /// Runs every code-test file among `paths` (files, or folders searched for them).
    public static func run(paths: [String], loader: Loader = Loader()) -> Report {
        var report = Report()
        var missing: [Diagnostic] = []
        let files = Lint.expand(paths, missing: &missing)
        loader.report(missing)
        var tests: [CodeTest] = []
        for file in files {
            guard let doc = loader.document(file) else { continue }
            let kind = FileKind.of(doc)
            if kind == .codeTest {
                report.files.append(file)
                if let t = CodeTest.load(file, loader: loader) { tests.append(t) }
            } else if kind == nil || paths.contains(file) {
                // A file named on its own must be a code test; in folders, other kinds are passed over.
                loader.report([.error(.unknownFileKind, "not a code-test file: expected top-level 'code_test' and 'cases'",
                                      at: doc.location(of: doc.root))])
            }
        }
        if report.files.isEmpty, missing.isEmpty, !loader.hasErrors {
            loader.report([.error(.missingFile, "no code-test files (with a top-level 'code_test') under \(paths.joined(separator: ", "))", at: nil)])
        }
        var coverage: [String: Int] = [:]
        for test in tests {
            guard let code = loader.code(test.codeFile) else { continue }
            let assessor = Assessor(code: code)
            let key = Loader.normalize(test.codeFile)
            if coverage[key] == nil {
                coverage[key] = report.coverage.count
                report.coverage.append(Coverage(code: key, measures: code.measures.map(\.id)))
            }
            for c in test.cases {
                let failures = check(c, assessor: assessor)
                if failures.isEmpty { report.passed += 1 } else { report.failed += 1 }
                report.failures += failures
                for e in c.expectations {
                    switch e.kind {
                    case .applicability(.yes): report.coverage[coverage[key]!].applies.insert(e.measure)
                    case .applicability(.no): report.coverage[coverage[key]!].doesNotApply.insert(e.measure)
                    default: break
                    }
                }
            }
        }
        report.hasErrors = loader.hasErrors
        report.diagnostics = loader.renderedDiagnostics()
        return report
    }

    /// The expectations of one case that do not hold.
    public static func check(_ c: CodeTest.Case, assessor: Assessor) -> [Failure] {
        let a = assessor.assess(c.submission, asOf: c.asOf, asIfInForce: c.asIfInForce)
        var out: [Failure] = []
        for e in c.expectations {
            guard let i = assessor.code.index(of: e.measure) else { continue }
            let r = a.results[i]
            switch e.kind {
            case .applicability(let want):
                guard r.applicable != want else { continue }
                out.append(.init(location: e.location, caseName: c.name,
                                 message: "\(e.measure) should \(CodeTest.words(want)), but the code says it \(said(r.applicable)): \(r.reason)"))
            case .status(let want):
                guard r.status != want else { continue }
                out.append(.init(location: e.location, caseName: c.name,
                                 message: "\(e.measure) should be \(want.words), but is \(r.status.words): \(r.reason)"))
            }
        }
        return out
    }

    static func said(_ t: Tri) -> String {
        switch t {
        case .yes: "applies"
        case .no: "does not apply"
        case .unknown: "may apply (undecided)"
        }
    }
}
