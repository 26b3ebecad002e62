import YAMLTree

/// A reviewer's findings on one submission (SPEC section 7): kept beside the submissions, never
/// editing the platform's declaration.
public struct Review: Sendable {
    /// The file it was read from.
    public var file: String
    /// The submission it reviews, as the file names it.
    public var submission: String
    /// The SHA-256 of the declaration reviewed, when recorded.
    public var submissionSHA256: String?
    /// The findings, in the order written.
    public var findings: [Finding]
    /// Where the file says `review:`.
    public var location: SourceLocation

    /// What a finding is about.
    public enum Target: Sendable, Equatable {
        /// A measure, in every code or in the code with this id.
        case measure(id: String, code: String?)
        /// A declared fact, by vocabulary path.
        case fact(path: String)
    }

    /// A reviewer's decision.
    public enum Decision: String, Sendable, CaseIterable {
        /// The claimed alternative achieves the measure's aim: scored as met.
        case acceptAlternative = "accept_alternative"
        /// The claimed alternative does not: the measure is assessed on its own checks.
        case rejectAlternative = "reject_alternative"
        /// The measure's checks that rest on facts without cited evidence are treated as unknown.
        case notEvidenced = "not_evidenced"
        /// A remark, changing nothing.
        case note
        /// The declared fact is wrong: the reviewer's value replaces it.
        case dispute
        /// The declared fact is right.
        case confirm

        /// Whether the decision is about a measure (the others are about a fact).
        public var isMeasureDecision: Bool { self != .dispute && self != .confirm }

        /// Whether the decision accepts or rejects an alternative measure the submission claims.
        public var isAboutAlternative: Bool { self == .acceptAlternative || self == .rejectAlternative }

        /// The words for reports: "accept alternative".
        public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    /// One finding.
    public struct Finding: Sendable {
        /// The measure or fact it is about.
        public var target: Target
        /// The decision.
        public var decision: Decision
        /// The reviewer's value for a disputed fact (nil is "unknown").
        public var value: Value?
        /// Why, in the reviewer's words.
        public var reason: String
        /// Who decided.
        public var reviewer: String
        /// When.
        public var date: Day
        /// When to look again, if set.
        public var followUp: Day?
        /// After this date the finding no longer applies.
        public var expires: Day?
        /// Where the finding starts in the review file.
        public var location: SourceLocation

        /// The finding has expired at a date (its `expires` is before it).
        public func isExpired(at day: Day) -> Bool { expires.map { $0 < day } ?? false }

        /// "ICU F1" or "controls.csam_hash_matching.in_place".
        public var subject: String {
            switch target {
            case .measure(let id, _): id
            case .fact(let path): path
            }
        }
    }
}

extension Review {
    /// Findings on measures that none of `codes` has (or that the code they name does not have),
    /// as diagnostics at the finding; `severity` is an error for lint, a warning for a run that
    /// assesses against some codes only.
    public func unknownMeasures(in codes: [Code], severity: Diagnostic.Severity) -> [Diagnostic] {
        findings.compactMap { f in
            guard case .measure(let id, let codeID) = f.target else { return nil }
            let scope = codes.filter { c in codeID.map { $0 == c.header.id } ?? true }
            if codeID != nil && scope.isEmpty && severity == .warning { return nil }
            if scope.contains(where: { $0.index(of: id) != nil }) { return nil }
            let ids = scope.flatMap { $0.measures.map(\.id) }
            let within = codeID.map { scope.isEmpty ? "there is no code '\($0)'" : "code '\($0)' has no measure '\(id)'" }
                ?? "no code \(severity == .warning ? "assessed " : "")has a measure '\(id)'"
            return Diagnostic(severity, code: .unknownMeasure, message: "a finding on '\(id)', but \(within)\(Suggestion.clause(for: id, in: ids))", at: f.location)
        }
    }
}
