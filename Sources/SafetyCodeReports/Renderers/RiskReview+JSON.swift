import SafetyCodeCore

/// The JSON form of a risk review (SPEC section 9): `risk_challenges[]` and `sensitivity[]`.
enum RiskReviewJSON {
    static func provenance(_ p: Measure.Provenance) -> JSON {
        .object([("paragraph", .string(p.paragraph)), ("url", .string(p.url)), ("confidence", .string(p.confidence.rawValue)),
                 ("note", .string(p.note?.trimmingSpaces))])
    }

    static func effect(_ e: RiskReview.Effect) -> [(String, JSON)] {
        [("newly_applicable", .array(e.newlyApplicable.map { h in
            .object([("id", .string(h.id)), ("title", .string(h.title)), ("severity", .string(h.severity.rawValue)),
                     ("status", .string(h.status.rawValue)), ("gap", .bool(h.isGap))])
        })),
         ("new_gaps", .array(e.newGaps.map { .string($0) }))]
    }

    static func challenges(_ a: Assessment) -> JSON {
        let v = a.code.vocabulary
        return .array((a.risk?.challenges ?? []).map { c in
            .object([
                ("harm", .string(c.harm)), ("title", .string(c.title)),
                ("declared", .string(c.declared)), ("indicated", .string(c.indicated)),
                ("status", .string(c.decided ? "challenge" : "undecided")),
                ("factors", .array(c.factors.map { f in
                    .object([("id", .string(f.factor.id)), ("text", .string(f.factor.text)), ("present", .tri(f.present)),
                             ("evidence", .string(f.evidence)), ("source", provenance(f.factor.source))])
                })),
                ("rule", .object([("id", .string(c.rule.id)), ("at_least", .string(c.rule.level)), ("when", .string(c.rule.when.text.trimmingSpaces)),
                                  ("text", .string(c.rule.text.trimmingSpaces)), ("evidence", .string(c.ruleEvidence))])),
                ("source", provenance(c.rule.source)),
                ("profile", .string(c.profileID)),
                ("missing_facts", .array(c.missingFacts.map { .string(v.facts[$0].path) })),
            ] + effect(c.hidden))
        })
    }

    static func sensitivity(_ a: Assessment) -> JSON {
        .array((a.risk?.sensitivity ?? []).map { s in
            .object([("harm", .string(s.harm)), ("declared", .string(s.declared)), ("if_level", .string(s.ifLevel))] + effect(s.effect))
        })
    }
}
