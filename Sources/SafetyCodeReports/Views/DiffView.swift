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
    }

    var from: String
    var to: String
    var fromTitle: String
    var toTitle: String
    var headline: String
    var added: [Added]
    var hasAdded: Bool
    var removed: [Row]
    var hasRemoved: Bool
    var changed: [Changed]
    var hasChanged: Bool
    var inputs: [GapReportView.Input]
    var generator: String
    /// How sure we are of the new code's encoding (issue 13).
    var sources: SourcesLine

    init(_ d: CodeDiff, inputs: [ReportInput]) {
        from = "\(d.from.header.id) \(d.from.header.version) (\(d.from.header.status.words))"
        to = "\(d.to.header.id) \(d.to.header.version) (\(d.to.header.status.words))"
        fromTitle = d.from.header.title
        toTitle = d.to.header.title
        headline = "\(d.added.count) measure\(d.added.count == 1 ? "" : "s") added, \(d.removed.count) removed, \(d.changed.count) changed."
        let toAssessor = Assessor(code: d.to), fromAssessor = Assessor(code: d.from)
        let ids = d.to.measures.map(\.id)
        added = d.added.map { m in
            let status = (m.status ?? d.to.header.status).words
            let when = toAssessor.inForceDate(m).map { "\(status), in force from \($0.long)" } ?? status
            return Added(id: m.id, title: m.title, section: d.to.section(m.section)?.title ?? m.section, severity: m.severity.rawValue,
                         status: when, applies: m.appliesWhen?.words(d.to.vocabulary, ids) ?? "every service the code covers",
                         checks: m.requires.map(Self.checkWords), paragraph: m.source.paragraph ?? m.id, confidence: m.source.confidence.words,
                         provisional: m.provisionalID, summary: (m.summary ?? "").trimmingSpaces)
        }
        hasAdded = !added.isEmpty
        removed = d.removed.map { Row(label: $0.id, old: $0.title, new: $0.source.paragraph ?? $0.id) }
        hasRemoved = !removed.isEmpty
        changed = d.changed.map { c in
            var rows: [Row] = []
            if c.fields.contains(.title) { rows.append(Row(label: "title", old: c.old.title, new: c.new.title)) }
            if c.fields.contains(.summary) {
                rows.append(Row(label: "wording", old: (c.old.summary ?? "").trimmingSpaces, new: (c.new.summary ?? "").trimmingSpaces))
            }
            if c.fields.contains(.severity) { rows.append(Row(label: "severity", old: c.old.severity.rawValue, new: c.new.severity.rawValue)) }
            if c.fields.contains(.status) || c.fields.contains(.inForce) {
                func when(_ m: Measure, _ a: Assessor, _ code: Code) -> String {
                    let s = (m.status ?? code.header.status).words
                    return a.inForceDate(m).map { "\(s), in force from \($0.long)" } ?? s
                }
                rows.append(Row(label: "status", old: when(c.old, fromAssessor, d.from), new: when(c.new, toAssessor, d.to)))
            }
            if c.fields.contains(.source) {
                rows.append(Row(label: "source", old: "\(c.old.source.paragraph ?? c.id) (\(c.old.source.confidence.words))",
                                new: "\(c.new.source.paragraph ?? c.id) (\(c.new.source.confidence.words))"))
            }
            let oldChecks = Dictionary(c.old.requires.map { ($0.id, Self.checkWords($0)) }, uniquingKeysWith: { a, _ in a })
            let newChecks = Dictionary(c.new.requires.map { ($0.id, Self.checkWords($0)) }, uniquingKeysWith: { a, _ in a })
            let changedChecks = c.checksChanged.map { Row(label: $0, old: oldChecks[$0] ?? "", new: newChecks[$0] ?? "") }
            return Changed(
                id: c.id, title: c.new.title, fields: c.fields.map(\.words).joined(separator: ", "),
                hasApplicability: c.applicabilityWords != nil, applicability: c.applicabilityWords ?? "", scope: c.scope.rawValue,
                rows: rows, hasRows: !rows.isEmpty,
                checksAdded: c.checksAdded.compactMap { newChecks[$0] }, checksRemoved: c.checksRemoved.compactMap { oldChecks[$0] },
                checksChanged: changedChecks,
                hasCheckChanges: !(c.checksAdded.isEmpty && c.checksRemoved.isEmpty && changedChecks.isEmpty),
                paragraph: c.new.source.paragraph ?? c.id, confidence: c.new.source.confidence.words)
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
