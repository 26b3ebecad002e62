import Foundation
import YAMLTree
@testable import SafetyCodeCore

/// A temporary folder of files for one test, removed when the test's value goes away.
final class Scratch {
    let url: URL
    var path: String { url.path }

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("safetycode-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes files; returns the place marked `⟨here⟩` (file, line, column), if any.
    @discardableResult
    func write(_ files: [String: String]) -> SourceLocation? {
        var marked: SourceLocation?
        for (name, text) in files {
            let m = Marked(text)
            let file = url.appendingPathComponent(name)
            try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(m.text.utf8).write(to: file)
            if let p = m.places["here"] { marked = SourceLocation(file: file.path, line: p.line, column: p.column) }
        }
        return marked
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Test input with places marked inline as `⟨name⟩`; the markers are stripped.
struct Marked {
    let text: String
    let places: [String: (line: Int, column: Int)]

    init(_ source: String) {
        var out = ""
        var places: [String: (Int, Int)] = [:]
        var line = 1, column = 1
        var it = source.unicodeScalars.makeIterator()
        while let u = it.next() {
            if u == "⟨" {
                var name = ""
                while let c = it.next(), c != "⟩" { name.unicodeScalars.append(c) }
                places[name] = (line, column)
                continue
            }
            out.unicodeScalars.append(u)
            if u == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        text = out
        self.places = places
    }
}

/// A small vocabulary and code for evaluator tests.
enum Fixture {
    static let vocabulary = DiagnosticDescription.exampleVocabulary

    /// Loads a submission's YAML against the example vocabulary and evaluates `expression`.
    static func evaluate(_ expression: String, facts: String) throws -> Tri {
        let scratch = Scratch()
        scratch.write([
            "vocabulary.yaml": vocabulary + """
              risk.hate: {type: risk_level, question: Hate risk?}
              risk.fraud_financial_services: {type: risk_level, question: Fraud risk?}
              risk.image_based_csam: {type: risk_level, question: CSAM risk?}
              risk.csam_urls: {type: risk_level, question: CSAM URL risk?}
              service.likely_accessed_by_children: {type: bool, question: Children?}

            """,
            "code.yaml": DiagnosticDescription.header + "measures:\n" + DiagnosticDescription.measure(applies: "'\(expression.replacingOccurrences(of: "'", with: "''"))'"),
            "s.yaml": "submission: {service: Test}\n" + facts + "\n",
        ])
        let loader = Loader()
        guard let code = loader.code(scratch.file("code.yaml")),
              let s = loader.submission(scratch.file("s.yaml"), vocabulary: code.vocabulary) else {
            throw DiagnosticError(loader.diagnostics)
        }
        return Assessor(code: code).context(for: s).applicability[0]
    }
}
