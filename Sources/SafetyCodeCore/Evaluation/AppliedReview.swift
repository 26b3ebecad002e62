/// A review as applied to one assessment: what became of each finding (SPEC section 7).
public struct AppliedReview: Sendable {
    /// The review.
    public var review: Review
    /// The SHA-256 of the review file.
    public var sha256: String
    /// The review names a SHA-256 that is not the submission's: the declaration changed since it
    /// was reviewed, and no finding is applied.
    public var stale: Bool
    /// One entry per finding, in the review's order.
    public var entries: [Entry]

    /// What became of a finding.
    public enum State: String, Sendable {
        /// It changed a fact or a status.
        case applied
        /// Recorded on the trail, changing nothing (a note, a confirmed fact, an accepted or
        /// rejected alternative where none is claimed).
        case recorded
        /// Past its `expires` date: shown, not applied.
        case expired
        /// Made on an earlier version of the declaration: shown, not applied.
        case stale

        /// The words for reports.
        public var words: String {
            switch self {
            case .applied: "applied"
            case .recorded: "recorded"
            case .expired: "expired, not applied"
            case .stale: "stale (the submission changed), not applied"
            }
        }
    }

    /// One finding and its effect.
    public struct Entry: Sendable {
        /// The finding.
        public var finding: Review.Finding
        /// What became of it.
        public var state: State
        /// What it did, in words ("status alternative → alternative accepted").
        public var effect: String
        /// For a fact finding: the declared value, as the files write it ("not given" when unknown).
        public var declared: String?
        /// For a disputed fact: the reviewer's value.
        public var reviewed: String?
    }

    /// The entries on facts, in order.
    public var factEntries: [Entry] { entries.filter { if case .fact = $0.finding.target { true } else { false } } }
}
