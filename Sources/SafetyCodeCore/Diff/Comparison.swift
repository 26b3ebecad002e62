/// What a new version of a code would mean for each service: both versions evaluated as if in
/// force, and the differences per service and across services.
public struct Comparison: Sendable {
    /// One service under one version, reduced to what the comparison's reports show: its
    /// names, summary and hidden gaps, and the results of the measures the entry lists. A
    /// comparison keeps this much per service, not the whole assessment, so its memory grows
    /// little with the number of services.
    public struct Side: Sendable {
        /// The service's name, as its submission gives it.
        public var service: String
        /// The submission's file.
        public var file: String
        /// The assessment date.
        public var asOf: Day
        /// The totals over the measures shown.
        public var summary: Assessment.Summary
        /// Gaps that declared risk levels below the indicated ones hide (SPEC section 9); empty
        /// when the code has no risk profiles.
        public var hiddenGaps: [String]
        /// The results of the measures the entry names (newly applicable, no longer applicable,
        /// new and closed gaps, worsened, improved and other changes), in the code's order; the
        /// other measures' results are not kept.
        public var results: [Assessment.MeasureResult]

        /// The side of `a` that keeps the results of the measures in `ids`.
        init(_ a: Assessment, keeping ids: Set<String>) {
            service = a.submission.service
            file = a.submission.file
            asOf = a.asOf
            summary = a.summary
            hiddenGaps = a.risk?.hiddenGaps ?? []
            results = ids.isEmpty ? [] : a.results.filter { ids.contains($0.id) }
        }
    }

    /// One service under both versions.
    public struct Entry: Sendable {
        /// The service under the version compared from.
        public var from: Side
        /// The service under the version compared to.
        public var to: Side
        public var newlyApplicable: [String]
        public var noLongerApplicable: [String]
        public var newGaps: [String]
        public var closedGaps: [String]
        /// New gaps on critical measures.
        public var newCriticalGaps: [String]
        /// Gaps under both versions whose checks or score changed for the worse.
        public var worsened: [String] = []
        /// Gaps under both versions whose checks or score changed for the better.
        public var improved: [String] = []
        /// Any other measure whose result changed (an undecided measure's checks, say, or a met
        /// measure that gained a check it meets): listed so every score change is explained.
        public var otherChanges: [String] = []

        /// True only when nothing changed: the same measures apply, with the same results.
        public var unaffected: Bool {
            newlyApplicable.isEmpty && noLongerApplicable.isEmpty && newGaps.isEmpty && closedGaps.isEmpty
                && worsened.isEmpty && improved.isEmpty && otherChanges.isEmpty
        }
    }

    /// One lens across the services: who gains obligations and gaps under each version.
    public struct LensView: Sendable {
        public var lens: Vocabulary.Lens
        /// Measures of the lens that newly apply to at least one service, with those services.
        public var newlyApplicable: [(measure: String, services: [String])]
        /// Measures of the lens that become a gap for at least one service, with those services.
        public var newGaps: [(measure: String, services: [String])]
        /// Per service: measures of the lens that apply and gaps, under each version.
        public var services: [(service: String, fromApplicable: [String], toApplicable: [String], fromGaps: [String], toGaps: [String],
                               newlyApplicable: [String], newGaps: [String])]
        /// How many services gain at least one obligation (a measure newly applies), and at least one gap.
        public var servicesGainingObligations: Int
        public var servicesGainingGaps: Int
    }

    /// One service's row in one lens's view: the measures of the lens that apply and the gaps,
    /// under each version, and what it gains.
    public typealias LensRow = (service: String, fromApplicable: [String], toApplicable: [String], fromGaps: [String], toGaps: [String],
                                newlyApplicable: [String], newGaps: [String])

    public var from: Code
    public var to: Code
    public var entries: [Entry]
    /// The lens or harms the comparison was restricted to (empty: every measure).
    public var filter: HarmFilter
    /// The lenses the per-lens view shows (those the filter names, or all), fixed when the
    /// comparison is made, and per lens each service's row, made as the service is added.
    private let chosenLenses: [Vocabulary.Lens]
    private var lensRows: [[LensRow]]

    /// Across the services: how many have gaps, under each version, that their declared risk
    /// levels hide (levels below what the risk guidance indicates, SPEC section 9), and how many
    /// such gaps there are in all.
    public var hiddenByDeclaredRisk: (from: (services: Int, gaps: Int), to: (services: Int, gaps: Int)) {
        func count(_ pick: (Entry) -> Side) -> (Int, Int) {
            let hidden = entries.map { pick($0).hiddenGaps.count }
            return (hidden.filter { $0 > 0 }.count, hidden.reduce(0, +))
        }
        return (count(\.from), count(\.to))
    }

    /// True when either code has risk profiles to read the declarations against.
    public var hasRiskProfiles: Bool { !from.riskProfiles.isEmpty || !to.riskProfiles.isEmpty }


    /// An empty comparison; services come with ``add(_:_:)``, in the order they should be shown.
    public init(from: Code, to: Code, filter: HarmFilter = HarmFilter()) {
        self.from = from
        self.to = to
        self.filter = filter
        entries = []
        let v = to.vocabulary
        chosenLenses = filter.lenses.isEmpty ? v.lenses : v.lenses.filter { filter.lenses.contains($0.name) }
        lensRows = chosenLenses.map { _ in [] }
    }

    /// Both versions' assessments of one submission, as if in force (what a worker computes).
    public static func assess(_ s: Submission, from: Code, to: Code, asOf: Day) -> (Assessment, Assessment) {
        (Assessor(code: from).assess(s, asOf: asOf, asIfInForce: true), Assessor(code: to).assess(s, asOf: asOf, asIfInForce: true))
    }

    /// Adds one service's two assessments, reduced at once to what the reports show (its entry
    /// and its row in each lens), so the assessments themselves are not kept.
    public mutating func add(_ x: Assessment, _ y: Assessment) {
        entries.append(Self.entry(x.filtered(filter), y.filtered(filter)))
        for (k, lens) in chosenLenses.enumerated() {
            let one = HarmFilter(lenses: [lens.name])
            let a = x.filtered(one), b = y.filtered(one)
            let lists = Self.changes(a, b)
            func applying(_ a: Assessment) -> [String] { a.results.filter { $0.applicable == .yes }.map(\.id) }
            func gaps(_ a: Assessment) -> [String] { a.results.filter(\.isGap).map(\.id) }
            lensRows[k].append((a.submission.service, applying(a), applying(b), gaps(a), gaps(b), lists.newlyApplicable, lists.newGaps))
        }
    }

    /// Compares two codes over the submissions (each loaded against the codes' vocabulary),
    /// showing only the measures `filter` shows.
    public init(from: Code, to: Code, submissions: [Submission], asOf: Day, filter: HarmFilter = HarmFilter()) {
        self.init(from: from, to: to, filter: filter)
        let a = Assessor(code: from), b = Assessor(code: to)
        for s in submissions {
            add(a.assess(s, asOf: asOf, asIfInForce: true), b.assess(s, asOf: asOf, asIfInForce: true))
        }
    }

    /// For each lens of the vocabulary (or only those named by the filter): how many services
    /// gain obligations and gaps, and which measures do it.
    public var lenses: [LensView] {
        let codeOrder = Dictionary(to.measures.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        return zip(chosenLenses, lensRows).map { lens, rows in
            func byMeasure(_ ids: (LensRow) -> [String]) -> [(measure: String, services: [String])] {
                var order: [String] = [], who: [String: [String]] = [:]
                for row in rows {
                    for id in ids(row) {
                        if who[id] == nil { order.append(id) }
                        who[id, default: []].append(row.service)
                    }
                }
                return order.sorted { (codeOrder[$0] ?? .max, $0) < (codeOrder[$1] ?? .max, $1) }.map { ($0, who[$0]!) }
            }
            return LensView(
                lens: lens, newlyApplicable: byMeasure(\.newlyApplicable), newGaps: byMeasure(\.newGaps), services: rows,
                servicesGainingObligations: rows.filter { !$0.newlyApplicable.isEmpty }.count,
                servicesGainingGaps: rows.filter { !$0.newGaps.isEmpty }.count)
        }
    }

    /// What changed for one service between its two assessments, by measure id.
    struct Changes {
        var newlyApplicable: [String] = [], noLongerApplicable: [String] = [], newGaps: [String] = [], closedGaps: [String] = []
        var newCriticalGaps: [String] = [], worsened: [String] = [], improved: [String] = [], otherChanges: [String] = []
    }

    /// One service's entry: what changed, and each side reduced to the results of the measures
    /// that did.
    static func entry(_ x: Assessment, _ y: Assessment) -> Entry {
        let c = changes(x, y)
        let named = Set(c.newlyApplicable + c.noLongerApplicable + c.newGaps + c.closedGaps + c.worsened + c.improved + c.otherChanges)
        return Entry(from: Side(x, keeping: named), to: Side(y, keeping: named), newlyApplicable: c.newlyApplicable,
                     noLongerApplicable: c.noLongerApplicable, newGaps: c.newGaps, closedGaps: c.closedGaps,
                     newCriticalGaps: c.newCriticalGaps, worsened: c.worsened, improved: c.improved, otherChanges: c.otherChanges)
    }

    static func changes(_ x: Assessment, _ y: Assessment) -> Changes {
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
        var worsened: [String] = [], improved: [String] = [], other: [String] = []
        let listed = Set(newly + noLonger + newGaps + closed)
        for r in y.results where !listed.contains(r.id) {
            guard let old = before[r.id] else { continue }
            // A measure that applies under neither version asks nothing of the service, however it changed.
            if old.applicable == .no && r.applicable == .no { continue }
            let failingBefore = Set(zip(old.measure.requires, old.checks).filter { $0.1 == .no }.map(\.0.id))
            let failingAfter = Set(zip(r.measure.requires, r.checks).filter { $0.1 == .no }.map(\.0.id))
            let same = old.applicable == r.applicable && old.status == r.status && old.score == r.score
                && old.checks == r.checks && old.measure.requires.map(\.id) == r.measure.requires.map(\.id)
                && old.checksNotInForce == r.checksNotInForce
            if same { continue }
            if isGap(old) && isGap(r) {
                let worse = (r.score ?? 0) < (old.score ?? 0) || ((r.score ?? 0) == (old.score ?? 0) && !failingAfter.subtracting(failingBefore).isEmpty)
                if worse { worsened.append(r.id) } else { improved.append(r.id) }
            } else {
                other.append(r.id)
            }
        }
        return Changes(newlyApplicable: newly, noLongerApplicable: noLonger, newGaps: newGaps, closedGaps: closed,
                       newCriticalGaps: critical, worsened: worsened, improved: improved, otherChanges: other)
    }
}
