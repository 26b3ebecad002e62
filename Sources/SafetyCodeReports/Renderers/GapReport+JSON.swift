import SafetyCodeCore

/// The JSON gap report, as SPEC section 5 pins it (with some keys added that do not change meaning).
public enum GapReportJSON {
    /// The whole report.
    public static func make(_ a: Assessment, submissionSHA: String, inputs: [ReportInput]) -> JSON {
        let code = a.code
        // Built in parts: one literal of this size is more than the type checker will take.
        let sourceCounts: [(String, JSON)] = Confidence.allCases.map { c in (c.rawValue, .integer(a.results.count { $0.measure.source.confidence == c })) }
        let sections: [JSON] = code.sections.map { s in
            let sum = a.summary(section: s.id)
            let score: JSON = sum.score.map { .number($0) } ?? .null
            let upper: JSON = sum.scoreUpper.map { .number($0) } ?? .null
            let decided: JSON = sum.decided.map { .number($0) } ?? .null
            return .object([("id", .string(s.id)), ("title", .string(s.title)), ("score", score), ("score_upper", upper),
                            ("decided", decided), ("applicable", .integer(sum.applicable)), ("may_apply", .integer(sum.mayApply)),
                            ("gaps", .integer(sum.gaps)), ("critical_gaps", .integer(sum.criticalGaps))])
        }
        let byHarm: [JSON] = a.byHarm.map { h in
            .object([("harm", .string(h.harm)), ("measures", .array(h.measures.map { .string($0) })),
                     ("applicable", .integer(h.applicable)), ("met", .integer(h.met))])
        }
        let questions: [JSON] = a.openQuestions.map { q in
            .object([("fact", .string(q.fact.path)), ("question", .string(q.fact.question)),
                     ("measures", .array(q.measures.map { .string($0) }))])
        }
        let evidence: [JSON] = a.evidence.map { e in
            .object([("fact", .string(e.fact.path)), ("declared", .string(e.value)), ("document", .string(e.evidence.document)),
                     ("url", .string(e.evidence.url)), ("note", .string(e.evidence.note)), ("measures", .array(e.measures.map { .string($0) }))])
        }
        let inputList: [JSON] = inputs.map { .object([("role", .string($0.role)), ("file", .string($0.file)), ("sha256", .string($0.sha256))]) }
        let codeObject: JSON = .object([
            ("id", .string(code.header.id)), ("version", .string(code.header.version)),
            ("status", .string(code.header.status.rawValue)), ("title", .string(code.header.title)),
            ("file", .string(code.file)), ("sha256", .string(inputs.first { $0.file == code.file }?.sha256 ?? "")),
        ])
        let submissionObject: JSON = .object([
            ("service", .string(a.submission.service)), ("provider", .string(a.submission.provider)),
            ("file", .string(a.submission.file)), ("sha256", .string(submissionSHA)),
        ])
        var pairs: [(String, JSON)] = [("format", .string("safetycode.assessment/1")), ("code", codeObject), ("submission", submissionObject)]
        pairs.append(("as_of", .string(a.asOf.description)))
        pairs.append(("as_if_in_force", .bool(a.asIfInForce)))
        pairs.append(("lens", a.lens.map { .string($0) } ?? .null))
        pairs.append(("summary", summary(a.summary)))
        pairs.append(("sources", .object(sourceCounts)))
        pairs.append(("sections", .array(sections)))
        pairs.append(("measures", .array(a.results.map { measure($0, a) })))
        pairs.append(("by_harm", .array(byHarm)))
        pairs.append(("open_questions", .array(questions)))
        pairs.append(("risk_challenges", RiskReviewJSON.challenges(a)))
        pairs.append(("hidden_gaps", .array((a.risk?.hiddenGaps ?? []).map { .string($0) })))
        pairs.append(("sensitivity", RiskReviewJSON.sensitivity(a)))
        pairs.append(("evidence", .array(evidence)))
        pairs.append(("inputs", .array(inputList)))
        pairs.append(("generator", .string("safetycode \(SafetyCode.version)")))
        // Only a reviewed report has the key: reports without a review read as before.
        if a.review != nil { pairs.insert(("review", review(a)), at: pairs.count - 2) }
        return .object(pairs)
    }

    /// The summary object: score and counts.
    public static func summary(_ s: Assessment.Summary) -> JSON {
        .object([
            ("score", s.score.map { .number($0) } ?? .null),
            ("score_upper", s.scoreUpper.map { .number($0) } ?? .null),
            ("decided", s.decided.map { .number($0) } ?? .null),
            ("applicable", .integer(s.applicable)),
            ("may_apply", .integer(s.mayApply)),
            ("met", .integer(s[.met])), ("partial", .integer(s[.partial])), ("not_met", .integer(s[.notMet])),
            ("unknown", .integer(s[.unknown])), ("alternative", .integer(s[.alternative])),
            ("not_applicable", .integer(s[.notApplicable])), ("not_in_force", .integer(s[.notInForce])),
        ] + (s[.alternativeAccepted] > 0 ? [("alternative_accepted", .integer(s[.alternativeAccepted]))] : []))
    }

    /// The review applied, or null: its file, whether it is stale, and every finding.
    static func review(_ a: Assessment) -> JSON {
        guard let r = a.review else { return .null }
        return .object([
            ("file", .string(r.review.file)), ("sha256", .string(r.sha256)),
            ("submission_sha256", .string(r.review.submissionSHA256)), ("stale", .bool(r.stale)),
            ("findings", .array(r.entries.map(finding))),
        ])
    }

    /// One finding with what became of it.
    static func finding(_ e: AppliedReview.Entry) -> JSON {
        let f = e.finding
        var pairs: [(String, JSON)] = []
        switch f.target {
        case .measure(let id, let code):
            pairs.append(("measure", .string(id)))
            if let code { pairs.append(("code", .string(code))) }
        case .fact(let path):
            pairs.append(("fact", .string(path)))
            pairs.append(("declared", .string(e.declared)))
            if let v = e.reviewed { pairs.append(("value", .string(v))) }
        }
        pairs += [
            ("decision", .string(f.decision.rawValue)), ("state", .string(e.state.rawValue)), ("effect", .string(e.effect)),
            ("reason", .string(f.reason)), ("reviewer", .string(f.reviewer)), ("date", .string(f.date.description)),
            ("follow_up", .string(f.followUp?.description)), ("expires", .string(f.expires?.description)),
            ("place", .string("\(f.location.file):\(f.location.line):\(f.location.column)")),
        ]
        return .object(pairs)
    }

    static func measure(_ r: Assessment.MeasureResult, _ a: Assessment) -> JSON {
        let m = a.measure(r)
        var pairs: [(String, JSON)] = [
            ("id", .string(m.id)), ("title", .string(m.title)), ("section", .string(m.section)),
            ("severity", .string(m.severity.rawValue)), ("harms", .array(m.harms.map { .string($0) })),
            ("applicable", .tri(r.applicable)),
            ("status", .string(r.status.rawValue)), ("score", r.score.map { .number($0) } ?? .null),
            ("reason", .string(r.reason)),
            ("checks", .array(zip(m.requires, r.checks.isEmpty ? m.requires.map { _ in Tri.unknown } : r.checks).enumerated()
                .filter { r.isCheckInForce($0.offset) }.map(\.element).map { c, t in
                    .object([("id", .string(c.id)), ("text", .string(c.text)), ("weight", .integer(c.weight)),
                             ("result", r.checks.isEmpty ? .null : .tri(t))])
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
        if a.review != nil {
            // SPEC section 7: `status` is the reviewed status; the declaration's own beside it.
            pairs.append(("declared_status", .string((r.declaredStatus ?? r.status).rawValue)))
            pairs.append(("review", .array(r.findings.map { finding(a.review!.entries[$0]) })))
        }
        if let alt = r.alternative {
            pairs.append(("alternative", .object([("description", .string(alt.description)), ("rationale", .string(alt.rationale))])))
        }
        return .object(pairs)
    }
}
