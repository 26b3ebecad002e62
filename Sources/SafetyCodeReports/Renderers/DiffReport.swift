import SafetyCodeCore

/// Renders a code diff and a comparison in any of their formats.
public enum DiffReport {
    /// The diff as text: Markdown, HTML or JSON (SPEC section 5).
    public static func render(_ d: CodeDiff, format: ReportFormat, inputs: [ReportInput], filter: HarmFilter = HarmFilter()) -> String {
        switch format {
        case .json, .csv, .jsonl, .oscal, .junit: return json(d, filter: filter).serialized() + "\n"
        case .markdown: return Templates.render(DiffView(d, inputs: inputs, filter: filter), "diff.md")
        case .html: return Templates.render(DiffView(d, inputs: inputs, filter: filter), "diff.html")
        }
    }

    /// The lens label, when the report is restricted to one.
    static func lens(_ filter: HarmFilter, _ v: Vocabulary) -> [(String, JSON)] {
        guard let label = filter.label(v) else { return [] }
        return [("lens", .object([("lenses", .array(filter.lenses.map { .string($0) })), ("harms", .array(filter.harms.map { .string($0) })),
                                  ("kinds", .array(filter.kinds(v).sorted().map { .string($0) })), ("label", .string(label))]))]
    }

    static func harms(_ m: Measure) -> JSON { .array(m.harms.map { .string($0) }) }

    static func header(_ c: Code) -> JSON {
        .object([("id", .string(c.header.id)), ("version", .string(c.header.version)), ("status", .string(c.header.status.rawValue))])
    }

    /// The pinned JSON diff.
    public static func json(_ d: CodeDiff, filter: HarmFilter = HarmFilter()) -> JSON {
        var top: [(String, JSON)] = [
            ("format", .string("safetycode.diff/1")),
            ("from", header(d.from)),
            ("to", header(d.to)),
        ]
        top += lens(filter, d.to.vocabulary)
        if d.unrelated { top.append(("warning", .string(DiffView.unrelatedWords))) }
        top += [
            ("added", .array(d.added.map { .string($0.id) })),
            ("removed", .array(d.removed.map { .string($0.id) })),
            ("harms", .object((d.added + d.removed + d.changed.map(\.new)).map { ($0.id, harms($0)) })),
            ("definitions_changed", .array(d.definitionsChanged.map { c in
                var pairs: [(String, JSON)] = [("name", .string(c.name)), ("before", .string(c.before)), ("after", .string(c.after))]
                if !c.itemsAdded.isEmpty { pairs.append(("items_added", .array(c.itemsAdded.map { .string($0) }))) }
                if !c.itemsRemoved.isEmpty { pairs.append(("items_removed", .array(c.itemsRemoved.map { .string($0) }))) }
                pairs.append(("measures", .array(c.measures.map { .string($0) })))
                return .object(pairs)
            })),
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
        ]
        return .object(top)
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
        func pairs(_ list: [(measure: String, services: [String])]) -> JSON {
            .array(list.map { .object([("measure", .string($0.measure)), ("services", .array($0.services.map { .string($0) }))]) })
        }
        let lenses: [JSON] = c.lenses.map { l in
            .object([
                ("lens", .string(l.lens.name)), ("title", .string(l.lens.title)), ("harms", .array(l.lens.harms.map { .string($0) })),
                ("services_gaining_obligations", .integer(l.servicesGainingObligations)),
                ("services_gaining_gaps", .integer(l.servicesGainingGaps)),
                ("newly_applicable", pairs(l.newlyApplicable)),
                ("new_gaps", pairs(l.newGaps)),
                ("services", .array(l.services.map { s in
                    .object([("service", .string(s.service)), ("from_applicable", ids(s.fromApplicable)), ("to_applicable", ids(s.toApplicable)),
                             ("from_gaps", ids(s.fromGaps)), ("to_gaps", ids(s.toGaps)),
                             ("newly_applicable", ids(s.newlyApplicable)), ("new_gaps", ids(s.newGaps))])
                })),
            ])
        }
        var measureHarms: [(String, JSON)] = []
        var seen: Set<String> = []
        for m in c.from.measures + c.to.measures where !seen.contains(m.id) {
            seen.insert(m.id)
            measureHarms.append((m.id, harms(m)))
        }
        var top: [(String, JSON)] = [
            ("format", .string("safetycode.comparison/1")),
            ("from", header(c.from)),
            ("to", header(c.to)),
        ]
        top += lens(c.filter, c.to.vocabulary)
        top += [
            ("as_of", .string(c.entries.first?.from.asOf.description ?? "")),
            ("submissions", .array(entries)),
            ("totals", totals),
            ("lenses", .array(lenses)),
            ("harms", .object(measureHarms)),
            ("hidden_by_declared_risk", hidden),
            ("generator", .string("safetycode \(SafetyCode.version)")),
        ]
        return .object(top)
    }

    static func ids(_ list: [String]) -> JSON { .array(list.map { JSON.string($0) }) }

    static func entry(_ e: Comparison.Entry?, _ digests: [String: String]) -> JSON {
        guard let e else { return .null }
        let s = e.from
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
            ("worsened", ids(e.worsened)),
            ("improved", ids(e.improved)),
            ("other_changes", ids(e.otherChanges)),
            ("unaffected", .bool(e.unaffected)),
            ("hidden_by_declared_risk", .object([("from", ids(e.from.hiddenGaps)), ("to", ids(e.to.hiddenGaps))])),
        ])
    }
}
