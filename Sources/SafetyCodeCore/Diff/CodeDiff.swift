/// What changed between two versions of a code: measures added, removed and changed, and for a
/// changed measure which parts, with the applicability change in plain words.
public struct CodeDiff: Sendable {
    /// A part of a measure that can change.
    public enum Field: String, Sendable, CaseIterable {
        case appliesWhen = "applies_when"
        case requires
        case title
        case summary
        case severity
        case status
        case inForce = "in_force"
        case section
        case optional
        case dependsOn = "depends_on"
        case harms
        case source

        /// The words for reports.
        public var words: String {
            switch self {
            case .appliesWhen: "applicability"
            case .requires: "checks"
            case .title: "title"
            case .summary: "wording"
            case .severity: "severity"
            case .status: "status"
            case .inForce: "in-force date"
            case .section: "section"
            case .optional: "optional"
            case .dependsOn: "dependencies"
            case .harms: "kinds of harm"
            case .source: "source"
            }
        }
    }

    /// Which way applicability moved.
    public enum Scope: String, Sendable {
        case same, broader, narrower, different
    }

    /// One changed measure.
    public struct Change: Sendable {
        public var id: String
        public var old: Measure
        public var new: Measure
        public var fields: [Field]
        /// Which way applicability moved, when it changed.
        public var scope: Scope
        /// The applicability change in plain words.
        public var applicabilityWords: String?
        /// Checks added, removed and reworded, by id.
        public var checksAdded: [String]
        public var checksRemoved: [String]
        public var checksChanged: [String]
    }

    public var from: Code
    public var to: Code
    public var added: [Measure]
    public var removed: [Measure]
    public var changed: [Change]

    /// Compares two codes (usually two versions of one code, across any overlays).
    public init(from: Code, to: Code) {
        self.from = from
        self.to = to
        let fromIDs = Set(from.measures.map(\.id)), toIDs = Set(to.measures.map(\.id))
        added = to.measures.filter { !fromIDs.contains($0.id) }
        removed = from.measures.filter { !toIDs.contains($0.id) }
        var changed: [Change] = []
        let fromAssessor = Assessor(code: from), toAssessor = Assessor(code: to)
        // Looked up once, not per measure: a diff is linear in the codes' sizes.
        var fromByID: [String: Int] = [:]
        for (i, m) in from.measures.enumerated() where fromByID[m.id] == nil { fromByID[m.id] = i }
        let fromIDList = from.measures.map(\.id), toIDList = to.measures.map(\.id)
        for new in to.measures {
            guard let oldIndex = fromByID[new.id] else { continue }
            let old = from.measures[oldIndex]
            var fields: [Field] = []
            let fromCondition = old.appliesWhen?.canonical(from.vocabulary, fromIDList) ?? "true"
            let toCondition = new.appliesWhen?.canonical(to.vocabulary, toIDList) ?? "true"
            let depsOld = old.dependsOn.sorted(), depsNew = new.dependsOn.sorted()
            if fromCondition != toCondition { fields.append(.appliesWhen) }
            let oldChecks = old.requires.map { "\($0.id)|\($0.text)|\($0.check.canonical(from.vocabulary, fromIDList))|\($0.weight)|\($0.inForce.map(\.description) ?? "")" }
            let newChecks = new.requires.map { "\($0.id)|\($0.text)|\($0.check.canonical(to.vocabulary, toIDList))|\($0.weight)|\($0.inForce.map(\.description) ?? "")" }
            if oldChecks != newChecks { fields.append(.requires) }
            if old.title != new.title { fields.append(.title) }
            if (old.summary ?? "").trimmingSpaces != (new.summary ?? "").trimmingSpaces { fields.append(.summary) }
            if old.severity != new.severity { fields.append(.severity) }
            // A version made only by a redefinition takes the overlay's dates; that change is the
            // definition's, not the measure's own.
            if new.redefined.isEmpty {
                if (old.status ?? from.header.status) != (new.status ?? to.header.status) { fields.append(.status) }
                if fromAssessor.inForceDate(old) != toAssessor.inForceDate(new) { fields.append(.inForce) }
            }
            if old.section != new.section { fields.append(.section) }
            if old.optional != new.optional { fields.append(.optional) }
            if depsOld != depsNew { fields.append(.dependsOn) }
            if old.harms.sorted() != new.harms.sorted() { fields.append(.harms) }
            if old.source.paragraph != new.source.paragraph || old.source.url != new.source.url
                || old.source.confidence != new.source.confidence || (old.source.note ?? "").trimmingSpaces != (new.source.note ?? "").trimmingSpaces {
                fields.append(.source)
            }
            guard !fields.isEmpty else { continue }
            var scope = Scope.same
            var applicabilityWords: String?
            if fields.contains(.appliesWhen) || fields.contains(.dependsOn) {
                let probe = ApplicabilityProbe(from: from, old: old, to: to, new: new, fromIDs: fromIDList, toIDs: toIDList)
                scope = probe.scope
                applicabilityWords = probe.words
            }
            let oldByID = Dictionary(old.requires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let newByID = Dictionary(new.requires.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            changed.append(Change(
                id: new.id, old: old, new: new, fields: fields, scope: scope, applicabilityWords: applicabilityWords,
                checksAdded: new.requires.filter { oldByID[$0.id] == nil }.map(\.id),
                checksRemoved: old.requires.filter { newByID[$0.id] == nil }.map(\.id),
                checksChanged: new.requires.compactMap { c in
                    guard let o = oldByID[c.id] else { return nil }
                    return o.text != c.text || o.weight != c.weight || o.inForce != c.inForce
                        || o.check.canonical(from.vocabulary, fromIDList) != c.check.canonical(to.vocabulary, toIDList) ? c.id : nil
                }))
        }
        self.changed = changed
    }
}
