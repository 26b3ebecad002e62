import SafetyCodeCore

/// Everything the Markdown and HTML diff reports show.
struct DiffView {
    struct Row {
        var label: String
        var old: String
        var new: String
    }

    struct Added {
        var id: String
        var title: String
        var section: String
        var severity: String
        var status: String
        var applies: String
        var checks: [String]
        var paragraph: String
        var confidence: String
        var provisional: Bool
        var summary: String
        var harms: String
        /// The named conditions "Applies to" uses, spelled out: "crisis risk: …".
        var definitions: [String]
        var hasDefinitions: Bool
    }

    struct Definition {
        var name: String
        var before: String
        var after: String
        var itemsAdded: [String]
        var itemsRemoved: [String]
        var hasItems: Bool
        var measures: String
        var count: Int
        /// "Moves 17 measures" / "Moves 1 measure".
        var moves: String
    }

    struct Changed {
        var id: String
        var title: String
        var fields: String
        var hasApplicability: Bool
        var applicability: String
        var scope: String
        var rows: [Row]
        var hasRows: Bool
        var checksAdded: [String]
        var checksRemoved: [String]
        var checksChanged: [Row]
        var hasCheckChanges: Bool
        var paragraph: String
        var confidence: String
        var movedBy: String
        var hasMovedBy: Bool
        var harms: String
    }

    static let unrelatedWords = "These two codes are not versions of one code (different ids or vocabularies, no measure in common): every measure shows as added or removed."

    var from: String
    var to: String
    var fromTitle: String
    var toTitle: String
    /// `CODE_ID@VERSION`, for readers who look the code up.
    var fromRef: String
    var toRef: String
    var headline: String
    var added: [Added]
    var hasAdded: Bool
    var removed: [Row]
    var hasRemoved: Bool
    var changed: [Changed]
    var hasChanged: Bool
    var definitions: [Definition]
    var hasDefinitions: Bool
    var warning: String?
    var lens: String?
    var inputs: [GapReportView.Input]
    var generator: String
    /// How sure we are of the new code's encoding (issue 13).
    var sources: SourcesLine

    /// The definitions a condition names (directly or through others), each spelled out in words.
    static func definitions(_ e: Expr?, _ v: Vocabulary, _ ids: [String]) -> [String] {
        var found: [String: Expr] = [:]
        e?.definitionsUsed(into: &found)
        return found.keys.sorted().map { name in
            let label = name == "large" ? "large service" : name.replacingOccurrences(of: "_", with: " ")
            return "\(label) means \(found[name]!.words(v, ids))"
        }
    }

    /// A measure's kinds of harm, for reports ("cross-cutting" when it names none).
    /// A measure's kinds of harm in the vocabulary's words (their ids are in the JSON).
    static func harms(_ m: Measure, _ v: Vocabulary) -> String { m.harms.isEmpty ? "cross-cutting" : m.harms.map(v.harmWords).joined(separator: "; ") }

    /// A measure's status and in-force date, said once: "in force from 30 September 2026",
    /// "laid, in force from 30 September 2026", "proposed".
    static func when(_ m: Measure, _ a: Assessor, _ code: Code) -> String {
        let status = m.status ?? code.header.status
        guard let date = a.inForceDate(m) else { return status.words }
        return status == .inForce ? "in force from \(date.long)" : "\(status.words), in force from \(date.long)"
    }

    init(_ d: CodeDiff, inputs: [ReportInput], filter: HarmFilter = HarmFilter()) {
        warning = d.unrelated ? Self.unrelatedWords : nil
        lens = filter.label(d.to.vocabulary)
        let defCount = d.definitionsChanged.count
        from = d.from.name
        to = d.to.name
        fromTitle = d.from.header.title
        toTitle = d.to.header.title
        fromRef = "\(d.from.header.id)@\(d.from.header.version)"
        toRef = "\(d.to.header.id)@\(d.to.header.version)"
        headline = "\(d.added.count) measure\(d.added.count == 1 ? "" : "s") added, \(d.removed.count) removed, \(d.changed.count) changed"
            + (defCount == 0 ? "." : "; \(defCount) definition\(defCount == 1 ? "" : "s") changed, moving \(Set(d.definitionsChanged.flatMap(\.measures)).count) measures.")
        let toAssessor = Assessor(code: d.to), fromAssessor = Assessor(code: d.from)
        let ids = d.to.measures.map(\.id)
        added = d.added.map { m in
            let when = Self.when(m, toAssessor, d.to)
            return Added(id: m.id, title: m.title, section: d.to.section(m.section)?.title ?? m.section, severity: m.severity.rawValue,
                         status: when, applies: m.appliesWhen?.words(d.to.vocabulary, ids) ?? "every service the code covers",
                         checks: m.requires.map(Self.checkWords), paragraph: m.source.paragraph ?? m.id, confidence: m.source.confidence.words,
                         provisional: m.provisionalID, summary: (m.summary ?? "").trimmingSpaces, harms: Self.harms(m, d.to.vocabulary),
                         definitions: Self.definitions(m.appliesWhen, d.to.vocabulary, ids),
                         hasDefinitions: !Self.definitions(m.appliesWhen, d.to.vocabulary, ids).isEmpty)
        }
        hasAdded = !added.isEmpty
        removed = d.removed.map { Row(label: $0.id, old: $0.title, new: $0.source.paragraph ?? $0.id) }
        definitions = d.definitionsChanged.map { c in
            Definition(name: c.name, before: c.before, after: c.after, itemsAdded: c.itemsAdded, itemsRemoved: c.itemsRemoved,
                       hasItems: !(c.itemsAdded.isEmpty && c.itemsRemoved.isEmpty), measures: c.measures.joined(separator: ", "),
                       count: c.measures.count, moves: "Moves \(c.measures.count) measure\(c.measures.count == 1 ? "" : "s")")
        }
        hasDefinitions = !definitions.isEmpty
        var movedBy: [String: [String]] = [:]
        for c in d.definitionsChanged { for id in c.measures { movedBy[id, default: []].append(c.name) } }
        hasRemoved = !removed.isEmpty
        changed = d.changed.map { c in
            var rows: [Row] = []
            if c.fields.contains(.title) { rows.append(Row(label: "title", old: c.old.title, new: c.new.title)) }
            if c.fields.contains(.summary) {
                rows.append(Row(label: "wording", old: (c.old.summary ?? "").trimmingSpaces, new: (c.new.summary ?? "").trimmingSpaces))
            }
            if c.fields.contains(.severity) { rows.append(Row(label: "severity", old: c.old.severity.rawValue, new: c.new.severity.rawValue)) }
            if c.fields.contains(.status) || c.fields.contains(.inForce) {
                rows.append(Row(label: "status", old: Self.when(c.old, fromAssessor, d.from), new: Self.when(c.new, toAssessor, d.to)))
            }
            if c.fields.contains(.harms) { rows.append(Row(label: "kinds of harm", old: Self.harms(c.old, d.from.vocabulary), new: Self.harms(c.new, d.to.vocabulary))) }
            if c.fields.contains(.source) {
                let o = c.old.source, n = c.new.source
                rows.append(Row(label: "source", old: "\(o.paragraph ?? c.id) (\(o.confidence.words))", new: "\(n.paragraph ?? c.id) (\(n.confidence.words))"))
                if (o.url ?? "") != (n.url ?? "") { rows.append(Row(label: "source address", old: o.url ?? "none", new: n.url ?? "none")) }
                if (o.note ?? "").trimmingSpaces != (n.note ?? "").trimmingSpaces {
                    rows.append(Row(label: "source note", old: (o.note ?? "none").trimmingSpaces, new: (n.note ?? "none").trimmingSpaces))
                }
            }
            // Identical text both sides says nothing: never shown.
            rows.removeAll { $0.old == $0.new }
            let oldChecks = Dictionary(c.old.requires.map { ($0.id, Self.checkWords($0)) }, uniquingKeysWith: { a, _ in a })
            let newChecks = Dictionary(c.new.requires.map { ($0.id, Self.checkWords($0)) }, uniquingKeysWith: { a, _ in a })
            let changedChecks = c.checksChanged.map { Row(label: $0, old: oldChecks[$0] ?? "", new: newChecks[$0] ?? "") }
                .filter { $0.old != $0.new }
            // A check whose visible text is the same but whose condition changed says so plainly.
            let conditionOnly = c.checksChanged.filter { oldChecks[$0] == newChecks[$0] }.compactMap { id in
                newChecks[id].map { Row(label: id, old: $0, new: "the same words, decided by a changed condition") }
            }
            let moved = movedBy[c.id] ?? []
            return Changed(
                id: c.id, title: c.new.title, fields: c.fields.map(\.words).joined(separator: ", "),
                hasApplicability: c.applicabilityWords != nil, applicability: c.applicabilityWords ?? "", scope: c.scope.rawValue,
                rows: rows, hasRows: !rows.isEmpty,
                checksAdded: c.checksAdded.compactMap { newChecks[$0] }, checksRemoved: c.checksRemoved.compactMap { oldChecks[$0] },
                checksChanged: changedChecks + conditionOnly,
                hasCheckChanges: !(c.checksAdded.isEmpty && c.checksRemoved.isEmpty && changedChecks.isEmpty),
                paragraph: c.new.source.paragraph ?? c.id, confidence: c.new.source.confidence.words,
                movedBy: moved.joined(separator: ", "), hasMovedBy: !moved.isEmpty, harms: Self.harms(c.new, d.to.vocabulary))
        }
        hasChanged = !changed.isEmpty
        self.inputs = inputs.map { GapReportView.Input(role: $0.role, file: $0.file, sha256: $0.sha256) }
        generator = "safetycode \(SafetyCode.version)"
        sources = SourcesLine(d.to.measures)
    }

    /// A check's text, with its own in-force date when it has one.
    static func checkWords(_ c: Measure.Check) -> String {
        c.inForce.map { "\(c.text) (this check in force from \($0.long))" } ?? c.text
    }
}
