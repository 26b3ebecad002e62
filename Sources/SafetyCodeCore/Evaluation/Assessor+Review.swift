import Foundation

/// Reviews applied (SPEC section 7): fact findings before evaluation, measure findings after.
extension Assessor {
    /// Assesses a submission with a reviewer's findings. Fact findings are applied first (a
    /// disputed fact takes the reviewer's value); a rejected alternative is set aside; the
    /// assessment runs; then `accept_alternative` makes an alternative `alternative_accepted`
    /// (scored as met) and `not_evidenced` treats the measure's checks that rest on facts
    /// without cited evidence as unknown. Expired findings and every finding of a stale review
    /// (one that names another SHA-256 than `submissionSHA`) are listed and not applied; findings
    /// on measures this code does not have are left out (they belong to another code's report).
    /// Each result carries its declared status.
    public func assess(_ submission: Submission, review: Review?, reviewSHA: String = "", submissionSHA: String, asOf: Day,
                       asIfInForce: Bool = false, explain: Bool = true) -> Assessment {
        let declared = assess(submission, asOf: asOf, asIfInForce: asIfInForce, explain: explain)
        guard let review else { return declared }
        let stale = review.submissionSHA256.map { $0 != submissionSHA } ?? false
        let vocabulary = code.vocabulary
        var reviewed = submission
        var entries: [AppliedReview.Entry] = []
        var byMeasure: [String: [Int]] = [:]
        var accepted: [(Int, String)] = [], unevidenced: [(Int, String)] = []
        for f in review.findings {
            var entry = AppliedReview.Entry(finding: f, state: .applied, effect: "")
            switch f.target {
            case .fact(let path):
                let fact = vocabulary.fact(path)!
                entry.declared = submission.facts[fact.slot].map { $0.rendered(as: fact.type) } ?? "not given"
                if f.decision == .dispute { entry.reviewed = f.value.map { $0.rendered(as: fact.type) } ?? "unknown" }
                if stale { entry.state = .stale } else if f.isExpired(at: asOf) { entry.state = .expired }
                else if f.decision == .dispute {
                    reviewed.facts[fact.slot] = f.value
                    entry.effect = "declared \(entry.declared!), taken as \(entry.reviewed!)"
                } else {
                    entry.state = .recorded
                    entry.effect = "declared \(entry.declared!), confirmed"
                }
            case .measure(let id, let codeID):
                // A finding on another code's measure belongs to that code's report; one on a
                // measure no code has is reported by the run (``Review/unknownMeasures(in:severity:)``).
                if let codeID, codeID != code.header.id { continue }
                if code.index(of: id) == nil { continue }
                if stale { entry.state = .stale } else if f.isExpired(at: asOf) { entry.state = .expired }
                else {
                    switch f.decision {
                    case .rejectAlternative:
                        if submission.alternative(for: id) != nil {
                            reviewed.alternatives.removeAll { $0.measureID == id }
                        } else {
                            entry.state = .recorded
                            entry.effect = "no alternative is claimed for \(id)"
                        }
                    case .acceptAlternative: accepted.append((entries.count, id))
                    case .notEvidenced: unevidenced.append((entries.count, id))
                    default: entry.state = .recorded
                    }
                }
                byMeasure[id, default: []].append(entries.count)
            }
            entries.append(entry)
        }
        var a = assess(reviewed, asOf: asOf, asIfInForce: asIfInForce, explain: explain)
        a.submission = submission
        let plan = code.plan
        // not_evidenced: the measure's checks re-read with every fact that cites no evidence (and
        // that the reviewer did not set) unknown, applicability as reviewed.
        if !unevidenced.isEmpty {
            var bare = reviewed
            let disputed = Set(entries.compactMap { e -> Int? in
                guard e.state == .applied, case .fact(let p) = e.finding.target else { return nil }
                return vocabulary.fact(p)?.slot
            })
            for fact in vocabulary.facts where submission.evidence[fact.path] == nil && !disputed.contains(fact.slot) {
                bare.facts[fact.slot] = nil
            }
            let rows = binding(asOf: asOf, asIfInForce: asIfInForce).rows
            var context = context(for: bare, rows: rows)
            context.applicability = self.context(for: reviewed, rows: rows).applicability
            for (k, id) in unevidenced {
                guard let i = a.results.firstIndex(where: { $0.id == id }) else { continue }
                var r = a.results[i]
                guard r.status.isScored else {
                    entries[k].state = .recorded
                    entries[k].effect = "status \(r.status.words): no checks to treat as unevidenced"
                    continue
                }
                let before = r.status
                r.checks = plan.checkValues(rows[r.index], context.table, context.applicability)
                let scored = r.checks.indices.filter { r.isCheckInForce($0) }.map { r.checks[$0] }
                if r.applicable == .yes {
                    let yes = scored.contains(.yes), no = scored.contains(.no)
                    r.status = !no && !scored.contains(.unknown) ? .met : yes && no ? .partial : no ? .notMet : .unknown
                }
                if r.counts {
                    let weights = r.measure.requires.map(\.weight)
                    let total = weights.indices.filter { r.isCheckInForce($0) }.map { weights[$0] }.reduce(0, +)
                    let earned = weights.indices.filter { r.isCheckInForce($0) && r.checks[$0] == .yes }.map { weights[$0] }.reduce(0, +)
                    r.score = total > 0 ? Double(earned) / Double(total) : nil
                }
                entries[k].effect = before == r.status ? "checks resting on facts without cited evidence taken as unknown; status stays \(r.status.words)"
                    : "checks resting on facts without cited evidence taken as unknown: \(before.words) → \(r.status.words)"
                a.results[i] = r
            }
        }
        for (k, id) in accepted {
            guard let i = a.results.firstIndex(where: { $0.id == id }) else { continue }
            if a.results[i].status == .alternative {
                a.results[i].status = .alternativeAccepted
                a.results[i].reason = a.results[i].reason.replacingOccurrences(
                    of: "the service claims an alternative measure (needs review)", with: "a reviewer accepted the alternative measure the service claims")
                if a.results[i].counts { a.results[i].score = 1 }
                entries[k].effect = "alternative accepted: scored as met"
            } else {
                entries[k].state = .recorded
                entries[k].effect = a.results[i].alternative == nil ? "no alternative is claimed for \(id)"
                    : "status \(a.results[i].status.words): nothing to accept"
            }
        }
        for k in entries.indices where entries[k].state == .applied && entries[k].effect.isEmpty {
            if case .measure(let id, _) = entries[k].finding.target, entries[k].finding.decision == .rejectAlternative,
               let r = a.results.first(where: { $0.id == id }) {
                entries[k].effect = "alternative rejected: assessed on its own checks (\(r.status.words))"
            }
        }
        for i in a.results.indices {
            a.results[i].declaredStatus = declared.results[i].status
            // A rejected alternative is still the service's claim: the report shows it.
            if a.results[i].alternative == nil { a.results[i].alternative = declared.results[i].alternative }
            a.results[i].findings = byMeasure[a.results[i].id] ?? []
            let trail = a.results[i].findings.map { entries[$0] }.filter { $0.state == .applied }
            if explain, !trail.isEmpty {
                a.results[i].reason += "; reviewed: " + trail.map { "\($0.finding.decision.words) (\($0.finding.reviewer), \($0.finding.date))" }
                    .joined(separator: "; ")
            }
        }
        // A fact finding moves the measures that read the fact: they carry it on their trail.
        let reasoner = Reasoner(code: code, context: EvaluationContext(facts: [], measureCount: 0))
        for (k, e) in entries.enumerated() {
            guard case .fact(let path) = e.finding.target, let slot = vocabulary.fact(path)?.slot else { continue }
            for i in a.results.indices {
                let m = a.results[i].measure
                var slots = m.appliesWhen.map(reasoner.factsIn) ?? []
                for c in m.requires { slots += reasoner.factsIn(c.check) }
                if slots.contains(slot) { a.results[i].findings.append(k) }
            }
        }
        // A disputed fact's effect names the decisions it moved (declared → reviewed status).
        for (k, e) in entries.enumerated() where e.state == .applied && e.finding.decision == .dispute {
            let moved = a.results.filter { $0.findings.contains(k) && $0.declaredStatus != $0.status }
                .map { "\($0.id) \($0.declaredStatus!.words) → \($0.status.words)" }
            entries[k].effect += moved.isEmpty ? "; no decision moved" : "; moved " + moved.joined(separator: ", ")
        }
        a.review = AppliedReview(review: review, sha256: reviewSHA, stale: stale, entries: entries)
        return a
    }
}
