/// The outcome for one measure (SPEC section 3).
public enum MeasureStatus: String, Sendable, CaseIterable, Hashable {
    case met
    case partial
    case notMet = "not_met"
    case unknown
    case alternative
    case notApplicable = "not_applicable"
    case notInForce = "not_in_force"

    /// The position in `allCases`, for counting without hashing.
    var position: Int {
        switch self {
        case .met: 0
        case .partial: 1
        case .notMet: 2
        case .unknown: 3
        case .alternative: 4
        case .notApplicable: 5
        case .notInForce: 6
        }
    }

    /// The words for reports: "not met".
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// Counts towards the score: met, partial, not met and unknown.
    public var isScored: Bool { self == .met || self == .partial || self == .notMet || self == .unknown }

    /// Is a gap: partial or not met.
    public var isGap: Bool { self == .partial || self == .notMet }
}
