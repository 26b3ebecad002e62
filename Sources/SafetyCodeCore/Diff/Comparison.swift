/// What a new version of a code would mean for each service: both versions evaluated as if in
/// force, and the differences per service and across services.
///
/// Each service is reduced, as it comes, to what the comparison report shows (names, both
/// summaries, the measures that changed for it), so a comparison over thousands of submissions
/// keeps no assessment and no submission (``add(_:)``).
public struct Comparison: Sendable {
    /// A measure that changed for a service, as the report names it.
    public struct Change: Sendable, Equatable {
        public var id: String
        public var title: String
        public var severity: Severity
        /// The texts of its checks the service does not meet, in the code's order.
        public var failing: [String]
    }

    /// One service under both versions.
    public struct Entry: Sendable {
        /// The service's name and file.
        public var service: String
        public var file: String
        /// The summaries under each version.
        public var fromSummary: Assessment.Summary
        public var toSummary: Assessment.Summary
        /// Measures that apply under the new version and did not under the old.
        public var newlyApplicableChanges: [Change]
        public var noLongerApplicableChanges: [Change]
        public var newGapChanges: [Change]
        public var closedGapChanges: [Change]

        public var newlyApplicable: [String] { newlyApplicableChanges.map(\.id) }
        public var noLongerApplicable: [String] { noLongerApplicableChanges.map(\.id) }
        public var newGaps: [String] { newGapChanges.map(\.id) }
        public var closedGaps: [String] { closedGapChanges.map(\.id) }
        /// New gaps on critical measures.
        public var newCriticalGaps: [String] { newGapChanges.filter { $0.severity == .critical }.map(\.id) }

        /// True when nothing that matters changes for this service.
        public var unaffected: Bool {
            newlyApplicableChanges.isEmpty && noLongerApplicableChanges.isEmpty && newGapChanges.isEmpty && closedGapChanges.isEmpty
        }
    }

    public var from: Code
    public var to: Code
    public var asOf: Day
    public var entries: [Entry] = []

    /// An empty comparison of two codes on a day; services come with ``add(_:)``.
    public init(from: Code, to: Code, asOf: Day) {
        self.from = from
        self.to = to
        self.asOf = asOf
    }

    /// Compares two codes over the submissions (each loaded against the codes' vocabulary).
    public init(from: Code, to: Code, submissions: [Submission], asOf: Day) {
        self.init(from: from, to: to, asOf: asOf)
        for s in submissions { add(s) }
    }

    /// Assesses one submission under both versions and keeps only its entry.
    public mutating func add(_ submission: Submission) {
        entries.append(Self.entry(submission, from: from, to: to, asOf: asOf))
    }

    /// One submission's entry: both versions assessed as if in force, reduced to what changed.
    public static func entry(_ submission: Submission, from: Code, to: Code, asOf: Day) -> Entry {
        let x = Assessor(code: from).assess(submission, asOf: asOf, asIfInForce: true)
        let y = Assessor(code: to).assess(submission, asOf: asOf, asIfInForce: true)
        return entry(x, y)
    }

    static func entry(_ x: Assessment, _ y: Assessment) -> Entry {
        let before = Dictionary(x.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(y.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func isGap(_ r: Assessment.MeasureResult?) -> Bool { r?.isGap ?? false }
        func change(_ r: Assessment.MeasureResult) -> Change {
            Change(id: r.id, title: r.measure.title, severity: r.severity,
                   failing: zip(r.measure.requires, r.checks).filter { $0.1 == .no }.map(\.0.text))
        }
        var newly: [Change] = [], noLonger: [Change] = [], newGaps: [Change] = [], closed: [Change] = []
        for r in y.results {
            let old = before[r.id]
            if r.applicable == .yes && (old == nil || old!.applicable == .no) { newly.append(change(r)) }
            if isGap(r) && !isGap(old) { newGaps.append(change(r)) }
        }
        for r in x.results {
            let new = after[r.id]
            if r.applicable == .yes && (new == nil || new!.applicable == .no) { noLonger.append(change(r)) }
            if isGap(r) && !isGap(new) { closed.append(change(r)) }
        }
        return Entry(service: x.submission.service, file: x.submission.file, fromSummary: x.summary, toSummary: y.summary,
                     newlyApplicableChanges: newly, noLongerApplicableChanges: noLonger, newGapChanges: newGaps,
                     closedGapChanges: closed)
    }
}
