/// What a new version of a code would mean for each service: both versions evaluated as if in
/// force, and the differences per service and across services.
public struct Comparison: Sendable {
    /// One service under both versions.
    public struct Entry: Sendable {
        public var from: Assessment
        public var to: Assessment
        public var newlyApplicable: [String]
        public var noLongerApplicable: [String]
        public var newGaps: [String]
        public var closedGaps: [String]
        /// New gaps on critical measures.
        public var newCriticalGaps: [String]

        /// True when nothing that matters changes for this service.
        public var unaffected: Bool {
            newlyApplicable.isEmpty && noLongerApplicable.isEmpty && newGaps.isEmpty && closedGaps.isEmpty
        }
    }

    public var from: Code
    public var to: Code
    public var entries: [Entry]

    /// Across the services: how many have gaps, under each version, that their declared risk
    /// levels hide (levels below what the risk guidance indicates, SPEC section 9), and how many
    /// such gaps there are in all.
    public var hiddenByDeclaredRisk: (from: (services: Int, gaps: Int), to: (services: Int, gaps: Int)) {
        func count(_ pick: (Entry) -> Assessment) -> (Int, Int) {
            let hidden = entries.map { pick($0).risk?.hiddenGaps.count ?? 0 }
            return (hidden.filter { $0 > 0 }.count, hidden.reduce(0, +))
        }
        return (count(\.from), count(\.to))
    }

    /// True when either code has risk profiles to read the declarations against.
    public var hasRiskProfiles: Bool { !from.riskProfiles.isEmpty || !to.riskProfiles.isEmpty }

    /// Compares two codes over the submissions (each loaded against the codes' vocabulary).
    public init(from: Code, to: Code, submissions: [Submission], asOf: Day) {
        self.from = from
        self.to = to
        let a = Assessor(code: from), b = Assessor(code: to)
        entries = submissions.map { s in
            let x = a.assess(s, asOf: asOf, asIfInForce: true)
            let y = b.assess(s, asOf: asOf, asIfInForce: true)
            return Self.entry(x, y)
        }
    }

    static func entry(_ x: Assessment, _ y: Assessment) -> Entry {
        let before = Dictionary(x.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(y.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func isGap(_ r: Assessment.MeasureResult?) -> Bool { r?.isGap ?? false }
        var newly: [String] = [], noLonger: [String] = [], newGaps: [String] = [], closed: [String] = [], critical: [String] = []
        for r in y.results {
            let id = r.id
            let old = before[id]
            if r.applicable == .yes && (old == nil || old!.applicable == .no) { newly.append(id) }
            if isGap(r) && !isGap(old) {
                newGaps.append(id)
                if r.severity == .critical { critical.append(id) }
            }
        }
        for r in x.results {
            let id = r.id
            let new = after[id]
            if r.applicable == .yes && (new == nil || new!.applicable == .no) { noLonger.append(id) }
            if isGap(r) && !isGap(new) { closed.append(id) }
        }
        return Entry(from: x, to: y, newlyApplicable: newly, noLongerApplicable: noLonger, newGaps: newGaps,
                     closedGaps: closed, newCriticalGaps: critical)
    }
}
