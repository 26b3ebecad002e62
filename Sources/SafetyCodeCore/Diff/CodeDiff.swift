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

    /// A named definition whose condition changed: one entry, naming the measures it moves.
    public struct DefinitionChange: Sendable {
        public var name: String
        /// The definition as written in each version (spaces collapsed).
        public var before: String
        public var after: String
        /// For a list-shaped definition (`count([...])`, `any([...])`), the items added and
        /// removed, in plain words; empty otherwise.
        public var itemsAdded: [String]
        public var itemsRemoved: [String]
        /// The measures in both versions whose applicability or checks use it (directly or
        /// through another definition), in the code's order.
        public var measures: [String]
    }

    public var from: Code
    public var to: Code
    public var added: [Measure]
    public var removed: [Measure]
    /// Measures changed in their own text. A measure that changes only through a redefinition
    /// is not here but under the definition in ``definitionsChanged``.
    public var changed: [Change]
    /// Definitions whose condition changed.
    public var definitionsChanged: [DefinitionChange]

    /// True when the two codes are not versions of one code: different vocabularies, or
    /// different ids with no measure in common. Such a diff lists everything as added and removed.
    public var unrelated: Bool {
        from.vocabulary.id != to.vocabulary.id
            || (from.header.id != to.header.id && Set(from.measures.map(\.id)).isDisjoint(with: to.measures.map(\.id)))
    }

    /// The diff restricted to measures that `keep` accepts (a harm lens): added, removed and
    /// changed measures, and each definition's measures; a definition that then moves none is dropped.
    public func filtered(_ keep: (Measure) -> Bool) -> CodeDiff {
        var d = self
        d.added = added.filter(keep)
        d.removed = removed.filter(keep)
        d.changed = changed.filter { keep($0.new) || keep($0.old) }
        let kept = Set(to.measures.filter(keep).map(\.id)).union(from.measures.filter(keep).map(\.id))
        d.definitionsChanged = definitionsChanged.compactMap { c in
            var c = c
            c.measures = c.measures.filter { kept.contains($0) }
            return c.measures.isEmpty ? nil : c
        }
        return d
    }

    /// Compares two codes (usually two versions of one code, across any overlays).
    public init(from: Code, to: Code) {
        self.from = from
        self.to = to
        let fromIDs = Set(from.measures.map(\.id)), toIDs = Set(to.measures.map(\.id))
        added = to.measures.filter { !fromIDs.contains($0.id) }
        removed = from.measures.filter { !toIDs.contains($0.id) }
        var changed: [Change] = []
        // Definitions as each version's measures use them, compared as written (not expanded), so
        // a definition built on a changed one is not itself reported as changed.
        var fromDefs: [String: Expr] = [:], toDefs: [String: Expr] = [:]
        for m in from.measures { m.conditions.forEach { $0.definitionsUsed(into: &fromDefs) } }
        for m in to.measures { m.conditions.forEach { $0.definitionsUsed(into: &toDefs) } }
        let fromIDs0 = from.measures.map(\.id), toIDs0 = to.measures.map(\.id)
        let changedDefs = Set(toDefs.keys.filter { name in
            guard let a = fromDefs[name], let b = toDefs[name] else { return false }
            return a.canonical(from.vocabulary, fromIDs0, inline: false) != b.canonical(to.vocabulary, toIDs0, inline: false)
        })
        var movedBy: [String: [String]] = [:]  // definition -> measure ids
        let fromAssessor = Assessor(code: from), toAssessor = Assessor(code: to)
        // Looked up once, not per measure: a diff is linear in the codes' sizes.
        var fromByID: [String: Int] = [:]
        for (i, m) in from.measures.enumerated() where fromByID[m.id] == nil { fromByID[m.id] = i }
        let fromIDList = from.measures.map(\.id), toIDList = to.measures.map(\.id)
        for new in to.measures {
            guard let oldIndex = fromByID[new.id] else { continue }
            let old = from.measures[oldIndex]
            var fields: [Field] = []
            // Compared as written: a definition's new wording is the definition's change.
            let fromCondition = old.appliesWhen?.canonical(from.vocabulary, fromIDList, inline: false) ?? "true"
            let toCondition = new.appliesWhen?.canonical(to.vocabulary, toIDList, inline: false) ?? "true"
            var used: [String: Expr] = [:]
            for e in old.conditions + new.conditions { e.definitionsUsed(into: &used) }
            // `new.redefined` names what an overlay wrote again, which may be the same condition in
            // other words; only a definition whose condition differs between the two codes moves a measure.
            for name in Set(used.keys).intersection(changedDefs).sorted() {
                movedBy[name, default: []].append(new.id)
            }
            let depsOld = old.dependsOn.sorted(), depsNew = new.dependsOn.sorted()
            if fromCondition != toCondition { fields.append(.appliesWhen) }
            let oldChecks = old.requires.map { "\($0.id)|\($0.text)|\($0.check.canonical(from.vocabulary, fromIDList, inline: false))|\($0.weight)|\($0.inForce.map(\.description) ?? "")" }
            let newChecks = new.requires.map { "\($0.id)|\($0.text)|\($0.check.canonical(to.vocabulary, toIDList, inline: false))|\($0.weight)|\($0.inForce.map(\.description) ?? "")" }
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
            if (old.source.paragraph ?? old.id) != (new.source.paragraph ?? new.id) || (old.source.url ?? "") != (new.source.url ?? "")
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
                        || o.check.canonical(from.vocabulary, fromIDList, inline: false) != c.check.canonical(to.vocabulary, toIDList, inline: false) ? c.id : nil
                }))
        }
        self.changed = changed
        definitionsChanged = changedDefs.sorted().compactMap { name in
            guard let a = fromDefs[name], let b = toDefs[name] else { return nil }
            let av = from.vocabulary, bv = to.vocabulary
            var itemsAdded: [String] = [], itemsRemoved: [String] = []
            if let xs = a.listItems, let ys = b.listItems {
                let xc = Set(xs.map { $0.canonical(av, fromIDs0, inline: false) }), yc = Set(ys.map { $0.canonical(bv, toIDs0, inline: false) })
                itemsAdded = ys.filter { !xc.contains($0.canonical(bv, toIDs0, inline: false)) }.map { $0.words(bv, toIDs0) }
                itemsRemoved = xs.filter { !yc.contains($0.canonical(av, fromIDs0, inline: false)) }.map { $0.words(av, fromIDs0) }
            }
            return DefinitionChange(name: name, before: a.text.trimmingSpaces, after: b.text.trimmingSpaces,
                                    itemsAdded: itemsAdded, itemsRemoved: itemsRemoved, measures: movedBy[name] ?? [])
        }
    }
}

extension Measure {
    /// Every compiled condition of the measure: applicability and each check.
    var conditions: [Expr] { (appliesWhen.map { [$0] } ?? []) + requires.map(\.check) }
}
