import YAMLTree

/// Every diagnostic code safetycode reports, describing itself: a summary, and an example that
/// produces it (the tests lint each example and check the code lands where `⟨here⟩` marks).
public struct DiagnosticDescription: Sendable {
    /// The code.
    public var code: DiagnosticCode
    /// What it means and what to do.
    public var summary: String
    /// The example's files by name; one holds the marker `⟨here⟩` where the diagnostic must point.
    /// `vocabulary.yaml` is ``DiagnosticDescription/exampleVocabulary`` unless an example gives its own.
    public var example: [String: String]

    /// The small vocabulary the examples are written against.
    public static let exampleVocabulary = """
        vocabulary: {id: example, title: Example facts}
        types:
          risk_level: {type: enum, values: [negligible, low, medium, high], ordered: true}
        facts:
          service.uk_users: {type: integer, min: 0, question: How many UK users?}
          service.type: {type: enum, values: [user-to-user, search], question: Which type of service?}
          service.functionalities: {type: set, values: [livestreaming, direct_messaging], question: Which functionalities?}
          risk.grooming: {type: risk_level, question: Grooming risk?}
          risk.terrorism: {type: risk_level, question: Terrorism risk?}
          controls.moderation.swift_takedown: {type: bool, question: Is illegal content taken down swiftly?}

        """

    /// A code header the examples share.
    static let header = """
        code: {id: ex, version: v1, title: Example, status: in_force, in_force: 2025-03-17, vocabulary: vocabulary.yaml}
        sections: [{id: C, title: Moderation}]

        """

    static func measure(_ extra: String = "", applies: String = "risk.grooming >= medium",
                        check: String = "controls.moderation.swift_takedown") -> String {
        """
          - id: X1
            section: C
            title: Swift takedown
            severity: high\(extra)
            applies_when: \(applies)
            requires:
              - {id: takedown, text: Takes content down swiftly, check: \(check)}
            source: {url: https://example.org, confidence: unconfirmed}

        """
    }

    static func code(_ measures: String, definitions: String = "") -> [String: String] {
        ["code.yaml": header + definitions + "measures:\n" + measures]
    }

    /// Every code, in alphabetical order.
    public static let all: [DiagnosticDescription] = [
        .init(code: .aliasRefused, summary: "Aliases (`*name`) are refused: they hide what a value is and can expand without bound. Write the value out.",
              example: ["s.yaml": "submission: {service: A}\nrisk: {grooming: ⟨here⟩*x}\n"]),
        .init(code: .anchorRefused, summary: "Anchors (`&name`) are refused, with aliases. Write each value out.",
              example: ["s.yaml": "submission: {service: A}\nrisk: {grooming: ⟨here⟩&x high}\n"]),
        .init(code: .badCall, summary: "A function that does not exist, or called with the wrong arguments.",
              example: code(measure(applies: "⟨here⟩cont([risk.grooming >= medium]) >= 1"))),
        .init(code: .badDate, summary: "A date must be written YYYY-MM-DD and exist.",
              example: ["code.yaml": header.replacingOccurrences(of: "in_force: 2025-03-17", with: "in_force: ⟨here⟩2025-02-30") + "measures:\n" + measure()]),
        .init(code: .badValue, summary: "A value outside the listed words or the allowed range.",
              example: ["s.yaml": "submission: {service: A}\nrisk:\n  grooming: ⟨here⟩hgih\n"]),
        .init(code: .complexKey, summary: "Keys must be plain values, not lists or mappings.",
              example: ["s.yaml": "submission: {service: A}\n⟨here⟩[a, b]: 1\n"]),
        .init(code: .controlCharacter, summary: "Control characters are refused in files and in values.",
              example: ["s.yaml": "submission: {service: ⟨here⟩\"A\\u0007\"}\n"]),
        .init(code: .cycle, summary: "Definitions, measures (through `applies()` or `depends_on`) or overlays that refer to each other in a circle. The message names the whole circle.",
              example: code(measure(applies: "a"), definitions: "definitions:\n  a: b\n  b: ⟨here⟩a\n")),
        .init(code: .duplicateId, summary: "A measure, check or section id used twice.",
              example: code(measure() + measure().replacingOccurrences(of: "  - id: X1", with: "  - id: ⟨here⟩X1"))),
        .init(code: .duplicateKey, summary: "The same key twice in one mapping. The note points at the first.",
              example: ["s.yaml": "submission: {service: A}\nrisk:\n  grooming: high\n  ⟨here⟩grooming: low\n"]),
        .init(code: .emptyFile, summary: "The file holds no YAML document.",
              example: ["s.yaml": "⟨here⟩"]),
        .init(code: .expressionLimit, summary: "An expression longer than 4,096 characters or nested deeper than 64 levels.",
              example: code(measure(applies: String(repeating: "(", count: 64) + "⟨here⟩(true" + String(repeating: ")", count: 65)))),
        .init(code: .expressionSyntax, summary: "An expression that does not parse. The caret is under the first token that does not fit.",
              example: code(measure(applies: "risk.grooming >= medium ⟨here⟩= high"))),
        .init(code: .missingFile, summary: "A file named by another (`extends`, `vocabulary`) does not exist.",
              example: ["over.yaml": "code: {version: v2}\nextends: ⟨here⟩nowhere.yaml\n"]),
        .init(code: .missingKey, summary: "A required key is absent.",
              example: ["s.yaml": "submission: ⟨here⟩{provider: A Ltd}\n"]),
        .init(code: .multipleDocuments, summary: "One file holds one document; a second `---` is refused.",
              example: ["s.yaml": "submission: {service: A}\n⟨here⟩---\nsubmission: {service: B}\n"]),
        .init(code: .staleReview, summary: "A review names a SHA-256 that is not its submission's: the declaration changed since it was reviewed, so no finding is applied until the reviewer brings the review up to date.",
              example: ["s.yaml": "submission: {service: A}\n",
                        "r.yaml": "review:\n  ⟨here⟩submission: s.yaml\n  submission_sha256: \(String(repeating: "0", count: 64))\nfindings: []\n"]),
        .init(code: .typeMismatch, summary: "Two things of different types compared, a string that is not a value of the enum it is compared with, or ordering where there is no order.",
              example: code(measure(applies: "risk.grooming >= ⟨here⟩\"hgh\""))),
        .init(code: .unknownFact, summary: "A fact path the vocabulary does not have; the message suggests the nearest one.",
              example: code(measure(applies: "⟨here⟩risk.groming >= medium"))),
        .init(code: .unknownFileKind, summary: "The file is not a vocabulary, code, overlay, submission or review (told by its top-level keys).",
              example: ["s.yaml": "⟨here⟩services: {name: A}\n"]),
        .init(code: .invisibleCharacter, summary: "A bidi control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) or zero-width character (U+200B–U+200D, U+2060, U+FEFF) in a file: text can read differently from what it is. A warning; reports show each as `<U+202E>`.",
              example: ["s.yaml": "submission: {service: Chat⟨here⟩\u{202E}xob}\n"]),
        .init(code: .unknownKey, summary: "A key the format does not have; the message suggests the nearest one.",
              example: code(measure("\n    ⟨here⟩severty: high"))),
        .init(code: .unknownMeasure, summary: "A measure id that the code does not have, in `applies()`, `depends_on`, `replace` or `remove`, or in a reviewer's finding.",
              example: code(measure(applies: "applies(⟨here⟩\"X9\")"))),
        .init(code: .unknownReference, summary: "Evidence for a fact the vocabulary does not have.",
              example: ["s.yaml": "submission: {service: A}\nevidence:\n  ⟨here⟩controls.moderation.swift: {document: Report}\n"]),
        .init(code: .unknownSection, summary: "A measure in a section the code does not define.",
              example: code(measure().replacingOccurrences(of: "section: C", with: "section: ⟨here⟩D"))),
        .init(code: .wrongType, summary: "A value of the wrong kind: text where a number belongs, a list where a mapping belongs.",
              example: ["s.yaml": "submission: {service: A}\nservice:\n  uk_users: ⟨here⟩many\n"]),
        .init(code: .yamlSyntax, summary: "The file is not well-formed YAML. This ends the file: nothing after it is checked.",
              example: ["s.yaml": "submission: {service: A\nrisk⟨here⟩: {}\n"]),
    ]
}
