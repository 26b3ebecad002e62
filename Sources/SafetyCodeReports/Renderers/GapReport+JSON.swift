import SafetyCodeCore

/// The JSON gap report, as SPEC section 5 pins it (with some keys added that do not change meaning).
public enum GapReportJSON {
    /// The whole report.
    public static func make(_ a: Assessment, submissionSHA: String, inputs: [ReportInput]) -> JSON {
        let code = a.code
        return .object([
            ("format", .string("safetycode.assessment/1")),
            ("code", .object([
                ("id", .string(code.header.id)), ("version", .string(code.header.version)),
                ("status", .string(code.header.status.rawValue)), ("title", .string(code.header.title)),
                ("file", .string(code.file)), ("sha256", .string(inputs.first { $0.file == code.file }?.sha256 ?? "")),
            ])),
            ("submission", .object([
                ("service", .string(a.submission.service)), ("provider", .string(a.submission.provider)),
                ("file", .string(a.submission.file)), ("sha256", .string(submissionSHA)),
            ])),
            ("as_of", .string(a.asOf.description)),
            ("summary", summary(a.summary)),
            ("sections", .array(code.sections.map { s in
                let sum = a.summary(section: s.id)
                return .object([("id", .string(s.id)), ("title", .string(s.title)),
                                ("score", sum.score.map { .number($0) } ?? .null),
                                ("applicable", .integer(sum.applicable)),
                                ("gaps", .integer(sum.gaps))])
            })),
            ("measures", .array(a.results.map { measure($0, a) })),
            ("open_questions", .array(a.openQuestions.map { q in
                .object([("fact", .string(q.fact.path)), ("question", .string(q.fact.question)),
                         ("measures", .array(q.measures.map { .string($0) }))])
            })),
            ("risk_challenges", RiskReviewJSON.challenges(a)),
            ("hidden_gaps", .array((a.risk?.hiddenGaps ?? []).map { .string($0) })),
            ("sensitivity", RiskReviewJSON.sensitivity(a)),
            ("evidence", .array(a.evidence.map { e in
                .object([("fact", .string(e.fact.path)), ("declared", .string(e.value)), ("document", .string(e.evidence.document)),
                         ("url", .string(e.evidence.url)), ("note", .string(e.evidence.note)), ("measures", .array(e.measures.map { .string($0) }))])
            })),
            ("inputs", .array(inputs.map { .object([("role", .string($0.role)), ("file", .string($0.file)), ("sha256", .string($0.sha256))]) })),
            ("generator", .string("safetycode \(SafetyCode.version)")),
        ])
    }

    /// The summary object: score and counts.
    public static func summary(_ s: Assessment.Summary) -> JSON {
        .object([
            ("score", s.score.map { .number($0) } ?? .null),
            ("applicable", .integer(s.applicable)),
            ("met", .integer(s[.met])), ("partial", .integer(s[.partial])), ("not_met", .integer(s[.notMet])),
            ("unknown", .integer(s[.unknown])), ("alternative", .integer(s[.alternative])),
            ("not_applicable", .integer(s[.notApplicable])), ("not_in_force", .integer(s[.notInForce])),
        ])
    }

    static func measure(_ r: Assessment.MeasureResult, _ a: Assessment) -> JSON {
        let m = a.measure(r)
        var pairs: [(String, JSON)] = [
            ("id", .string(m.id)), ("title", .string(m.title)), ("section", .string(m.section)),
            ("severity", .string(m.severity.rawValue)), ("applicable", .tri(r.applicable)),
            ("status", .string(r.status.rawValue)), ("score", r.score.map { .number($0) } ?? .null),
            ("reason", .string(r.reason)),
            ("checks", .array(zip(m.requires, r.checks.isEmpty ? m.requires.map { _ in Tri.unknown } : r.checks).enumerated()
                .filter { r.isCheckInForce($0.offset) }.map(\.element).map { c, t in
                    .object([("id", .string(c.id)), ("text", .string(c.text)), ("result", r.checks.isEmpty ? .null : .tri(t))])
                })),
            ("missing_facts", .array(a.missingPaths(r).map { .string($0) })),
            ("source", .object([("paragraph", .string(m.source.paragraph)), ("confidence", .string(m.source.confidence.rawValue)),
                                ("url", .string(m.source.url))])),
        ]
        if !r.checksNotInForce.isEmpty {
            // Listed apart: not scored and not counted in the status until their own date.
            pairs.append(("checks_not_in_force", .array(r.checksNotInForce.filter { $0 < m.requires.count }.map { k in
                let c = m.requires[k]
                return .object([("id", .string(c.id)), ("text", .string(c.text)),
                                ("in_force", c.inForce.map { .string($0.description) } ?? .null)])
            })))
        }
        if m.optional { pairs.append(("optional", .bool(true))) }
        if let alt = r.alternative {
            pairs.append(("alternative", .object([("description", .string(alt.description)), ("rationale", .string(alt.rationale))])))
        }
        return .object(pairs)
    }
}
