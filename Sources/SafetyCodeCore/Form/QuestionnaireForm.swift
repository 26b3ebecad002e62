import YAMLTree

/// The workbench's questionnaire (SPEC section 11) for one or more codes sharing a vocabulary:
/// the `submission:` header fields, then every fact the codes ask about (``AskedFacts``, the set
/// `safetycode template` writes), in the vocabulary's grouping, each typed by the vocabulary.
///
/// It holds the decisions: which fields there are, how posted fields become answers
/// (``read(posted:)``), how answers become a submission's YAML and are validated by the CLI's own
/// decoder (``check(_:file:)``), and how a submission or a draft becomes answers again. The words
/// and layout are in SafetyCodeReports (`QuestionnaireView`).
///
/// The workbench's routes use it so (issue 18's contract):
/// - `GET /questionnaire?code=…` (repeatable): `QuestionnaireForm(codes:)` (after
///   ``sharedVocabularyProblem(_:)``), empty ``FormAnswers``, rendered by
///   `QuestionnaireView(form:answers:errors:action:csrf:notice:base:)`. With `&service=STEM`: the
///   latest version's file (found in the workspace's list) read and passed to
///   ``newVersion(of:bytes:file:date:)``, which gives its answers and the ``Base`` the page
///   carries (`base:`). With `&draft=ID`: ``QuestionnaireDraft/relativePath(id:)`` (nil for an id
///   that is not one: 404), then ``resume(draftAt:)`` (answers, errors and the draft's base).
/// - `POST` (save or submit): ``read(posted:)``, the CSRF token checked against
///   ``Posted/csrf``; when ``Posted/base`` names a service, its latest version's file read by the
///   server; then `QuestionnairePost.handle(..., base:)` in SafetyCodeReports, which writes the
///   draft or the new submission (refusing a base that changed since) and says where to redirect.
/// - `.json`: `QuestionnaireView.json()`.
public struct QuestionnaireForm: Sendable {
    /// How a field is answered.
    public enum Kind: String, Sendable, Hashable {
        /// Free text on one line.
        case text
        /// A whole number, with the fact's bounds.
        case integer
        /// A number, with the fact's bounds.
        case number
        /// A date, `YYYY-MM-DD`.
        case date
        /// Yes, no or don't know.
        case bool
        /// One of listed values, or don't know.
        case choice
        /// Any of listed values (a set), or don't know.
        case set
    }

    /// One field of the form.
    public struct Field: Sendable {
        /// The posted name: `submission.service`, or the fact's dotted path.
        public var name: String
        /// How it is answered.
        public var kind: Kind
        /// The fact, or nil for the three `submission:` header fields.
        public var fact: Vocabulary.Fact?
        /// The question to put.
        public var question: String
        /// Help text, if any.
        public var help: String?
        /// The listed values of a choice or set (empty otherwise).
        public var choices: [String]
        /// The lower and upper bounds of a number, if the vocabulary gives them.
        public var minimum: Double?, maximum: Double?
        /// The unit of a number (`users`), if any.
        public var unit: String?
        /// The codes that ask this fact (`"ofcom-icu-u2u 1"`), or the risk profile that reads it.
        public var askedBy: [String]
        /// The group it belongs to: its path without the last part (`service`, `risk`,
        /// `controls.csam_hash_matching`), `submission` for the header.
        public var group: String
        /// True for `submission.service`, the one answer a submission cannot do without.
        public var required: Bool
        /// True when no measure of the codes reads the fact, only a risk profile.
        public var profileOnly: Bool = false
    }

    /// The codes, as given.
    public let codes: [Code]
    /// Their shared vocabulary.
    public let vocabulary: Vocabulary
    /// Every field in order: the three header fields, then the facts in the vocabulary's grouping.
    public let fields: [Field]
    private let index: [String: Int]

    /// The names of the `submission:` header fields.
    public static let headerNames = ["submission.service", "submission.provider", "submission.date"]
    /// The posted name of the CSRF token.
    public static let csrfName = "csrf"
    /// The posted name of the button pressed (`save` or `submit`).
    public static let actionName = "action"
    /// The suffix of the hidden field that says a set's checkboxes were on the page.
    public static let shownSuffix = ".__shown"
    /// The value of a set's "don't know" checkbox.
    public static let unknownMember = "~unknown"

    /// The form for `codes` (at least one; they must share one vocabulary: see ``sharedVocabularyProblem(_:)``).
    public init(codes: [Code]) {
        precondition(!codes.isEmpty, "a questionnaire needs at least one code")
        self.codes = codes
        vocabulary = codes[0].vocabulary
        let asked = AskedFacts(codes: codes)
        var fields = [
            Field(name: "submission.service", kind: .text, fact: nil, question: "What is the service called?",
                  help: "The service's display name, as the reports will show it.", choices: [], unit: nil, askedBy: [],
                  group: "submission", required: true),
            Field(name: "submission.provider", kind: .text, fact: nil, question: "Who provides the service?",
                  help: "The company or person responsible for it.", choices: [], unit: nil, askedBy: [], group: "submission", required: false),
            Field(name: "submission.date", kind: .date, fact: nil, question: "On what date is this declaration made?",
                  help: "Left empty, it is dated the day it is submitted. A later date than that is accepted, but every page and report that shows the submission says it is dated after the assessment date.", choices: [], unit: nil, askedBy: [], group: "submission", required: false),
        ]
        for slot in asked.slots {
            let f = vocabulary.facts[slot]
            var field = Field(name: f.path, kind: .text, fact: f, question: f.question, help: f.help, choices: [], unit: f.unit,
                              askedBy: asked.askedBy[slot] ?? [],
                              group: String(f.path[..<(f.path.lastIndex(of: ".") ?? f.path.endIndex)]), required: false,
                              profileOnly: asked.profileOnly.contains(slot))
            switch f.type {
            case .bool: field.kind = .bool
            case .integer(let lo, let hi): (field.kind, field.minimum, field.maximum) = (.integer, lo.map(Double.init), hi.map(Double.init))
            case .number(let lo, let hi): (field.kind, field.minimum, field.maximum) = (.number, lo, hi)
            case .date: field.kind = .date
            case .string: field.kind = .text
            case .enumeration(let e): (field.kind, field.choices) = (.choice, e.values)
            case .set(let e): (field.kind, field.choices) = (.set, e.values)
            }
            fields.append(field)
        }
        self.fields = fields
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f.name] = i }
        self.index = index
    }

    /// Why `codes` cannot share one questionnaire (none given, or two vocabularies), or nil.
    public static func sharedVocabularyProblem(_ codes: [Code]) -> String? {
        guard let first = codes.first else { return "no code given: a questionnaire needs at least one code" }
        if let other = codes.first(where: { $0.vocabulary.file != first.vocabulary.file }) {
            return "\(other.header.id)@\(other.header.version) uses the vocabulary \(other.vocabulary.file), but "
                + "\(first.header.id)@\(first.header.version) uses \(first.vocabulary.file): one questionnaire answers one vocabulary's facts"
        }
        return nil
    }

    /// The field called `name`, or nil.
    public func field(_ name: String) -> Field? { index[name].map { fields[$0] } }

    /// The codes as the routes name them: `CODE_ID@VERSION`.
    public var codeRefs: [String] { codes.map { "\($0.header.id)@\($0.header.version)" } }
}
