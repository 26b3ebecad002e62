import SafetyCodeCore

/// The "Risk declarations to challenge" section of a gap report (SPEC section 9), as plain
/// strings for the Markdown and HTML partials.
struct RiskSectionView {
    struct Factor {
        var text: String
        var evidence: String
        var source: String
        var present: Bool
    }

    struct Hidden {
        var id: String
        var title: String
        var severity: String
        var status: String
        var statusClass: String
        var isGap: Bool
    }

    struct Challenge {
        var harm: String
        var harmCode: String
        var title: String
        var declared: String
        var indicated: String
        var decided: Bool
        var factors: [Factor]
        var ruleID: String
        var ruleText: String
        var ruleEvidence: String
        var source: String
        var url: String
        var hasURL: Bool
        var note: String
        var hasNote: Bool
        var hidden: [Hidden]
        var hasHidden: Bool
        var hiddenLine: String
        var missing: String
        var hasMissing: Bool
    }

    struct Sensitive {
        var harm: String
        var harmCode: String
        var declared: String
        var ifLevel: String
        var measures: String
        var gaps: String
        var gapCount: Int
    }

    var summary: String
    var profiles: String
    var challenges: [Challenge]
    var hasChallenges: Bool
    var sensitive: [Sensitive]
    var hasSensitive: Bool

    init?(_ a: Assessment) {
        guard let review = a.risk else { return nil }
        let v = a.code.vocabulary
        profiles = a.code.riskProfiles.map { "\($0.title) (\($0.id) \($0.version))" }.joined(separator: "; ")
        challenges = review.challenges.map { c in
            let hidden = c.hidden.newlyApplicable.sorted { x, y in
                x.severity != y.severity ? x.severity < y.severity : x.isGap && !y.isGap
            }
            let gaps = c.hidden.newGaps.count
            let critical = c.hidden.newlyApplicable.filter { $0.isGap && $0.severity == .critical }.count
            let n = c.hidden.newlyApplicable.count
            var line: String
            if n == 0 {
                line = "At \(c.indicated), no further measure of this code would apply."
            } else {
                line = "At \(c.indicated), \(n) measure\(n == 1 ? "" : "s") of this code would apply that do\(n == 1 ? "es" : "") not now; \(gaps) of them would be gaps"
                line += critical > 0 ? " (\(critical) critical)." : "."
            }
            return Challenge(
                harm: c.harm, harmCode: Markdown.codeSpan(c.harm), title: c.title, declared: c.declared, indicated: c.indicated,
                decided: c.decided,
                factors: c.factors.map { f in
                    Factor(text: f.factor.text, evidence: f.present == .yes ? f.evidence : "not known (\(f.evidence))",
                           source: Self.source(f.factor.source), present: f.present == .yes)
                },
                ruleID: c.rule.id, ruleText: c.rule.text.trimmingSpaces, ruleEvidence: c.ruleEvidence,
                source: "\(c.rule.source.paragraph ?? c.rule.id) (\(c.rule.source.confidence.words))",
                url: c.rule.source.url ?? "", hasURL: c.rule.source.url != nil,
                note: (c.rule.source.note ?? "").trimmingSpaces, hasNote: c.rule.source.note != nil,
                hidden: hidden.map { h in
                    Hidden(id: h.id, title: h.title, severity: h.severity.rawValue, status: h.status.words, statusClass: h.status.rawValue, isGap: h.isGap)
                },
                hasHidden: !hidden.isEmpty, hiddenLine: line,
                missing: c.missingFacts.map { v.facts[$0].path }.joined(separator: ", "), hasMissing: !c.missingFacts.isEmpty)
        }
        hasChallenges = !challenges.isEmpty
        sensitive = review.sensitivity.filter { !$0.effect.newlyApplicable.isEmpty }.map { s in
            Sensitive(harm: s.harm, harmCode: Markdown.codeSpan(s.harm), declared: s.declared, ifLevel: s.ifLevel,
                      measures: s.effect.newlyApplicable.map(\.id).joined(separator: ", "),
                      gaps: s.effect.newGaps.isEmpty ? "none" : s.effect.newGaps.joined(separator: ", "), gapCount: s.effect.newGaps.count)
        }
        hasSensitive = !sensitive.isEmpty
        let decided = review.decided.count, undecided = review.challenges.count - decided
        let hiddenGaps = review.hiddenGaps.count
        if review.challenges.isEmpty {
            summary = "No declared level is below what the risk guidance indicates, on the facts given."
        } else {
            var parts: [String] = []
            if decided > 0 {
                let level = "at the indicated level\(decided == 1 ? "" : "s")"
                parts.append("\(decided) declared level\(decided == 1 ? " is" : "s are") below what the risk guidance indicates; "
                             + (hiddenGaps > 0 ? "\(level) \(hiddenGaps) more gap\(hiddenGaps == 1 ? "" : "s") would show (hidden by the declaration\(decided == 1 ? "" : "s") now)"
                                : "\(level) no further gap would show on the facts given"))
            }
            if undecided > 0 {
                let decide = "the facts that would decide \(undecided == 1 ? "it" : "them") are missing (asked under Questions for the platform)"
                parts.append(decided > 0
                    ? "\(undecided) more may be below it: \(decide)"
                    : "\(undecided) declared level\(undecided == 1 ? "" : "s") may be below what the risk guidance indicates: \(decide)")
            }
            summary = parts.joined(separator: "; ") + "."
        }
    }

    static func source(_ p: Measure.Provenance) -> String {
        "\(p.paragraph ?? "no paragraph") (\(p.confidence.words))"
    }
}
