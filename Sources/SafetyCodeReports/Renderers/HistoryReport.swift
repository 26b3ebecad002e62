import SafetyCodeCore

/// Renders a history (SPEC section 8) in Markdown, HTML or JSON (`safetycode.history/1`).
public enum HistoryReport {
    /// The formats a history is written in.
    public static let formats: [ReportFormat] = [.markdown, .html, .json]

    /// The report as text in `format`.
    public static func render(_ h: History, format: ReportFormat, inputs: [ReportInput]) -> String {
        switch format {
        case .html: Templates.render(HistoryView(h, inputs: inputs), "history.html")
        case .json: json(h, inputs: inputs).serialized() + "\n"
        default: Templates.render(HistoryView(h, inputs: inputs), "history.md")
        }
    }

    static func ref(_ p: History.Point) -> JSON {
        .object([
            ("service", .string(p.assessment.submission.service)), ("file", .string(p.file)), ("sha256", .string(p.sha256)),
            ("date", .string(p.date?.description)), ("review", .string(p.assessment.review?.review.file)),
            ("summary", GapReportJSON.summary(p.assessment.summary)),
        ])
    }

    static func move(_ m: History.Move) -> JSON {
        .object([("measure", .string(m.measure)), ("severity", .string(m.severity.rawValue)),
                 ("from", .string(m.from.rawValue)), ("to", .string(m.to.rawValue))])
    }

    static func strings(_ xs: [String]) -> JSON { .array(xs.map { .string($0) }) }

    /// The JSON history.
    public static func json(_ h: History, inputs: [ReportInput]) -> JSON {
        let code = h.code
        return .object([
            ("format", .string("safetycode.history/1")),
            ("code", .object([("id", .string(code.header.id)), ("version", .string(code.header.version)),
                              ("status", .string(code.header.status.rawValue))])),
            ("as_of", .string(h.points.first?.assessment.asOf.description)),
            ("lens", h.points.first?.assessment.lens.map { .string($0) } ?? .null),
            ("submissions", .array(h.points.map(ref))),
            ("scope_reductions", .array(h.steps.flatMap { st in
                st.scopeReductions.map { c in
                    .object([("step", .integer(st.to)), ("fact", .string(c.fact.path)), ("from", .string(c.from)), ("to", .string(c.to)),
                             ("no_longer_applicable", strings(c.outOfScope))])
                }
            })),
            ("steps", .array(h.steps.map { st in
                .object([
                    ("from", ref(h.points[st.from])), ("to", ref(h.points[st.to])),
                    ("closed_gaps", strings(st.closedGaps)), ("new_gaps", strings(st.newGaps)),
                    ("regressed", .array(st.regressed.map { r in
                        .object([("measure", .string(r.measure)), ("check", .string(r.check)), ("text", .string(r.text)),
                                 ("from", .tri(.yes)), ("to", .tri(r.to))])
                    })),
                    ("newly_applicable", strings(st.newlyApplicable)), ("no_longer_applicable", strings(st.noLongerApplicable)),
                    ("fact_changes", .array(st.factChanges.map { c in
                        .object([("fact", .string(c.fact.path)), ("from", .string(c.from)), ("to", .string(c.to)),
                                 ("lowered", .bool(c.lowered)), ("moved", .array(c.moved.map(move)))])
                    })),
                    ("finding_changes", .array(st.findingChanges.map { f in
                        .object([("finding", GapReportJSON.finding(f.entry)), ("added", .bool(f.added)), ("moved", .array(f.moved.map(move)))])
                    })),
                    ("moves", .array(st.moves.map(move))),
                    ("unexplained", .array(st.unexplained.map(move))),
                ])
            })),
            ("inputs", .array(inputs.map { .object([("role", .string($0.role)), ("file", .string($0.file)), ("sha256", .string($0.sha256))]) })),
            ("generator", .string("safetycode \(SafetyCode.version)")),
        ])
    }
}
