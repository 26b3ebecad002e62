import Foundation
import TestSupport
import YAMLTree
@testable import SafetyCodeCore

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

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
