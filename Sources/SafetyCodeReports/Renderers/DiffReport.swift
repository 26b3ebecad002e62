import SafetyCodeCore

/// Renders a code diff and a comparison in any of their formats.
public enum DiffReport {
    /// The diff as text: Markdown, HTML or JSON (SPEC section 5).
    public static func render(_ d: CodeDiff, format: ReportFormat, inputs: [ReportInput]) -> String {
        switch format {
        case .json, .csv, .jsonl, .oscal, .junit: return json(d).serialized() + "\n"
        case .markdown: return Templates.render(DiffView(d, inputs: inputs), "diff.md")
        case .html: return Templates.render(DiffView(d, inputs: inputs), "diff.html")
        }
    }

    static func header(_ c: Code) -> JSON {
        .object([("id", .string(c.header.id)), ("version", .string(c.header.version)), ("status", .string(c.header.status.rawValue))])
    }

    /// The pinned JSON diff.
    public static func json(_ d: CodeDiff) -> JSON {
        .object([
            ("format", .string("safetycode.diff/1")),
            ("from", header(d.from)),
            ("to", header(d.to)),
            ("added", .array(d.added.map { .string($0.id) })),
            ("removed", .array(d.removed.map { .string($0.id) })),
            ("changed", .array(d.changed.map { c in
                var pairs: [(String, JSON)] = [("id", .string(c.id)), ("fields", .array(c.fields.map { .string($0.rawValue) }))]
                if let w = c.applicabilityWords {
                    pairs.append(("applicability", .object([("scope", .string(c.scope.rawValue)), ("words", .string(w))])))
                }
                if !c.checksAdded.isEmpty { pairs.append(("checks_added", .array(c.checksAdded.map { .string($0) }))) }
                if !c.checksRemoved.isEmpty { pairs.append(("checks_removed", .array(c.checksRemoved.map { .string($0) }))) }
                if !c.checksChanged.isEmpty { pairs.append(("checks_changed", .array(c.checksChanged.map { .string($0) }))) }
                pairs.append(("source", .object([("paragraph", .string(c.new.source.paragraph)), ("confidence", .string(c.new.source.confidence.rawValue))])))
                return .object(pairs)
            })),
            ("generator", .string("safetycode \(SafetyCode.version)")),
        ])
    }

    /// The comparison as text: Markdown, HTML or JSON (SPEC section 5).
    public static func render(_ c: Comparison, format: ReportFormat, inputs: [ReportInput], digests: [String: String]) -> String {
        switch format {
        case .json, .csv, .jsonl, .oscal, .junit: return json(c, digests: digests).serialized() + "\n"
        case .markdown: return Templates.render(CompareView(c, inputs: inputs), "compare.md")
        case .html: return Templates.render(CompareView(c, inputs: inputs), "compare.html")
        }
    }

    /// The pinned JSON comparison.
    public static func json(_ c: Comparison, digests: [String: String]) -> JSON {
        let entries: [JSON] = c.entries.map { entry($0, digests) }
        let n = c.entries.count
        let critical = c.entries.filter { !$0.newCriticalGaps.isEmpty }.count
        let anyGap = c.entries.filter { !$0.newGaps.isEmpty }.count
        let newly = c.entries.filter { !$0.newlyApplicable.isEmpty }.count
        let unaffected = c.entries.filter(\.unaffected).count
        let totals: JSON = .object([
            ("services", .integer(n)), ("with_new_critical_gap", .integer(critical)), ("with_new_gap", .integer(anyGap)),
            ("with_newly_applicable", .integer(newly)), ("unaffected", .integer(unaffected)),
        ])
        // Across services, per version: how many have gaps hidden by declarations below the indicated level.
        let hidden: JSON = .object([
            ("from", .object([("services", .integer(c.hiddenByDeclaredRisk.from.services)), ("gaps", .integer(c.hiddenByDeclaredRisk.from.gaps))])),
            ("to", .object([("services", .integer(c.hiddenByDeclaredRisk.to.services)), ("gaps", .integer(c.hiddenByDeclaredRisk.to.gaps))])),
        ])
        return .object([
            ("format", .string("safetycode.comparison/1")),
            ("from", header(c.from)),
            ("to", header(c.to)),
            ("as_of", .string(c.entries.first?.from.asOf.description ?? "")),
            ("submissions", .array(entries)),
            ("totals", totals),
            ("hidden_by_declared_risk", hidden),
            ("generator", .string("safetycode \(SafetyCode.version)")),
        ])
    }

    static func ids(_ list: [String]) -> JSON { .array(list.map { JSON.string($0) }) }

    static func entry(_ e: Comparison.Entry?, _ digests: [String: String]) -> JSON {
        guard let e else { return .null }
        let s = e.from.submission
        let submission: JSON = .object([("service", .string(s.service)), ("file", .string(s.file)), ("sha256", .string(digests[s.file] ?? ""))])
        return .object([
            ("submission", submission),
            ("from", GapReportJSON.summary(e.from.summary)),
            ("to", GapReportJSON.summary(e.to.summary)),
            ("newly_applicable", ids(e.newlyApplicable)),
            ("no_longer_applicable", ids(e.noLongerApplicable)),
            ("new_gaps", ids(e.newGaps)),
            ("closed_gaps", ids(e.closedGaps)),
            ("new_critical_gaps", ids(e.newCriticalGaps)),
            ("hidden_by_declared_risk", .object([("from", ids(e.from.risk?.hiddenGaps ?? [])), ("to", ids(e.to.risk?.hiddenGaps ?? []))])),
        ])
    }
}
