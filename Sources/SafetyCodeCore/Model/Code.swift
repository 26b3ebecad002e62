import YAMLTree

/// A code of practice, resolved through its chain of overlays and compiled against its
/// vocabulary: what the evaluator runs.
public struct Code: Sendable {
    /// The code's header.
    public var header: Header
    /// The sections, in order.
    public var sections: [Section]
    /// The measures, in the code's order.
    public var measures: [Measure]
    /// The vocabulary the code is written against.
    public var vocabulary: Vocabulary
    /// The files read to build this code, base first (the last is the file named).
    public var files: [String]
    /// Measures in an order where each comes after those its applicability depends on.
    public var evaluationOrder: [Int]
    /// The SHA-256 of each file read to build this code (its chain and its vocabulary), in hex.
    public var digests: [String: String] = [:]
    /// The titles of the code's definitions, by name, for reasons in plain words.
    public var definitionTitles: [String: String] = [:]
    /// The conditions compiled flat, for evaluation.
    var plan = Plan()
    /// The risk profiles kept beside the code's vocabulary (SPEC section 9): what the declared
    /// risk levels are challenged against.
    public var riskProfiles: [RiskProfile] = []

    /// The file the code was loaded from.
    public var file: String { files.last ?? "" }

    /// The index of a measure by id.
    public func index(of id: String) -> Int? { measures.firstIndex { $0.id == id } }

    /// The section with `id`.
    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    /// A code's identification and status.
    public struct Header: Sendable {
        public var id: String
        public var version: String
        public var title: String
        /// A few words for narrow places such as a table's column ("Illegal content 2026"); nil
        /// when the file gives none (then `id version` is shown). An overlay does not inherit it.
        public var shortTitle: String? = nil
        public var publisher: String?
        public var status: Status
        public var published: Day?
        public var laid: Day?
        public var issued: Day?
        public var inForce: Day?
        public var description: String?
        public var sourceURL: String?
        public var sourceTitle: String?
        /// The vocabulary's path as written, relative to the file that names it.
        public var vocabularyPath: String?
    }

    /// The code's name for a policy reader, with its status in words: "Illegal content, 2026
    /// amendments (laid)". The short title, else the title; never the id, which is for scripts.
    public var name: String { "\(header.shortTitle ?? header.title) (\(header.status.words))" }

    /// Where a code or measure stands in the regulator's process.
    public enum Status: String, Sendable, CaseIterable {
        case consultation, proposed, confirmed, laid, issued
        case inForce = "in_force"
        case superseded

        /// The words for reports.
        public var words: String {
            switch self {
            case .inForce: "in force"
            default: rawValue
            }
        }
        /// What the status means, for a reader who does not know the process.
        public var meaning: String {
            switch self {
            case .consultation: "consultation: proposed for comment, not yet decided"
            case .proposed: "proposed: put forward, not yet decided or in force"
            case .confirmed: "confirmed: decided by the regulator, not yet laid or in force"
            case .laid: "laid: before Parliament, not yet in force"
            case .issued: "issued: approved and published, not yet in force"
            case .inForce: "in force: binding now"
            case .superseded: "superseded: replaced by a later version"
            }
        }
    }

    /// A section of a code.
    public struct Section: Sendable {
        public var id: String
        public var title: String
    }
}

/// How serious a gap against a measure is: orders the gaps in reports.
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case critical, high, medium, low

    var rank: Int { Severity.allCases.firstIndex(of: self)! }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// How sure we are of a measure's encoding.
///
/// `operator_record` means a compliance record published by a service (not the service being
/// assessed) that quotes the Code's paragraphs; the note names the record.
public enum Confidence: String, Sendable, CaseIterable {
    case codeText = "code_text"
    case officialSummary = "official_summary"
    case secondary
    case operatorRecord = "operator_record"
    case unconfirmed

    /// The words for reports.
    public var words: String {
        switch self {
        case .codeText: "code text"
        case .officialSummary: "official summary"
        case .secondary: "secondary source"
        case .operatorRecord: "third-party record quoting the Code"
        case .unconfirmed: "unconfirmed"
        }
    }
}

/// One measure of a code.
public struct Measure: Sendable {
    public var id: String
    public var section: String
    public var title: String
    public var summary: String?
    public var harms: [String]
    public var severity: Severity
    public var optional: Bool
    public var provisionalID: Bool
    /// The measure's own status, if it differs from the code's.
    public var status: Code.Status?
    /// The measure's own in-force date, if it differs from the code's.
    public var inForce: Day?
    public var dependsOn: [String]
    /// When the measure applies; nil means always.
    public var appliesWhen: Expr?
    public var requires: [Check]
    public var source: Provenance
    /// Where the measure is written.
    public var location: SourceLocation
    /// Indices of the measures named by `depends_on`, resolved.
    public var dependsOnIndices: [Int]
    /// The version this one replaces in an overlay (at most one), still assessed while this
    /// version is not in force.
    public var replaces: [Measure] = []
    /// The definitions whose new wording alone makes this a new version (an overlay redefined
    /// them); empty for a version written in a file.
    public var redefined: [String] = []

    /// One thing a measure asks for, with the condition that tells whether it is done.
    public struct Check: Sendable {
        public var id: String
        public var text: String
        public var check: Expr
        public var weight: Int
        /// The check's own in-force date, when a duty was added to the measure later than the
        /// measure itself: before it the check is listed apart and not scored.
        public var inForce: Day? = nil
    }

    /// Where a measure comes from and how sure we are of it.
    public struct Provenance: Sendable {
        public var paragraph: String?
        public var url: String?
        public var confidence: Confidence
        public var note: String?
    }
}
