import YAMLTree

/// What a service declares: its profile, risk levels and controls, resolved against a
/// vocabulary into fact slots, with evidence and any alternative measures it claims.
public struct Submission: Sendable {
    /// The file it was read from.
    public var file: String
    /// The service's display name.
    public var service: String
    /// The provider, if given.
    public var provider: String?
    /// When the declaration was made.
    public var date: Day?
    /// A free note.
    public var note: String?
    /// The value of each fact by vocabulary slot; nil is unknown.
    public var facts: [Value?]
    /// Evidence by fact path.
    public var evidence: [String: Evidence]
    /// Alternative measures claimed, by measure id, in the order written.
    public var alternatives: [Alternative]
    /// Where the file says `submission:`.
    public var location: SourceLocation

    /// Where a claim is backed up.
    public struct Evidence: Sendable {
        public var document: String?
        public var url: String?
        public var note: String?
    }

    /// An alternative measure the service took instead of one in the code.
    public struct Alternative: Sendable {
        public var measureID: String
        public var description: String
        public var rationale: String?
        public var location: SourceLocation
    }

    /// The alternative claimed for a measure, if any.
    public func alternative(for id: String) -> Alternative? { alternatives.first { $0.measureID == id } }
}
