/// The outcome for one measure (SPEC section 3).
public enum MeasureStatus: String, Sendable, CaseIterable, Hashable {
    case met
    case partial
    case notMet = "not_met"
    case unknown
    case alternative
    /// A reviewer accepted the claimed alternative (SPEC section 7): scored as met.
    case alternativeAccepted = "alternative_accepted"
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
        case .alternativeAccepted: 5
        case .notApplicable: 6
        case .notInForce: 7
        }
    }

    /// The words for reports: "not met".
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// Counts towards the score: met, partial, not met and unknown.
    public var isScored: Bool { self == .met || self == .partial || self == .notMet || self == .unknown }

    /// Applies and is in force: scored, or an alternative (claimed or accepted).
    public var isApplicable: Bool { isScored || self == .alternative || self == .alternativeAccepted }

    /// Is a gap: partial or not met.
    public var isGap: Bool { self == .partial || self == .notMet }
}
