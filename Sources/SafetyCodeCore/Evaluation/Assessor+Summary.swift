extension Assessor {
    /// The summary of an assessment, without building it: every measure's status is decided as
    /// ``assess(_:asOf:asIfInForce:explain:)`` decides it, counted, and handed to `each` (its id
    /// (of the version assessed), status, whether it is a gap, and whether its severity is
    /// critical), but no result is kept. For runs that write only summaries (`--format jsonl`)
    /// with no review and no lens; `assess(…).summary` gives the same figures (a test compares
    /// them on every example and on generated corpora).
    public func summary(_ submission: Submission, asOf: Day, asIfInForce: Bool = false,
                        each: (_ id: String, _ status: MeasureStatus, _ isGap: Bool, _ critical: Bool) -> Void = { _, _, _, _ in })
        -> Assessment.Summary {
        let binding = bindingVersions(asOf: asOf, asIfInForce: asIfInForce)
        let context = context(for: submission, binding: binding)
        let plan = code.plan
        let measures = code.measures
        let hasAlternatives = !submission.alternatives.isEmpty
        var earned = 0, possible = 0, applicableCount = 0, gaps = 0, critical = 0
        var unknownWeight = 0, decidedWeight = 0, mayApply = 0
        var counts = [Int](repeating: 0, count: MeasureStatus.allCases.count)
        for i in plan.ids.indices {
            let applicable = context.applicability[i]
            let earlier = binding[i]
            let inForce = earlier != nil || isInForce(status: plan.status[i], date: plan.inForce[i], at: asOf)
            let status: MeasureStatus
            var measureEarned = 0, measurePossible = 0, measureUnknown = 0, measureDecided = 0
            if applicable == .no {
                status = .notApplicable
            } else {
                // The checks in force, tallied as they are evaluated: nothing is kept per check.
                var yes = false, no = false, unknown = false, scored = 0, pending = 0
                if let earlier {
                    for check in earlier.requires {
                        let t = check.check.truth(in: context)
                        if inForce, !asIfInForce, let day = check.inForce, day > asOf { pending += 1; continue }
                        scored += 1
                        measurePossible += check.weight
                        switch t {
                        case .yes: yes = true; measureEarned += check.weight; measureDecided += check.weight
                        case .no: no = true; measureDecided += check.weight
                        case .unknown: unknown = true; measureUnknown += check.weight
                        }
                    }
                } else {
                    let checks = plan.checks[i], weights = plan.weights[i], dates = plan.checkInForce[i]
                    for k in checks.indices {
                        let t = plan.program.truth(checks[k], context.table, context.applicability)
                        if inForce, !asIfInForce, k < dates.count, let day = dates[k], day > asOf { pending += 1; continue }
                        scored += 1
                        measurePossible += weights[k]
                        switch t {
                        case .yes: yes = true; measureEarned += weights[k]; measureDecided += weights[k]
                        case .no: no = true; measureDecided += weights[k]
                        case .unknown: unknown = true; measureUnknown += weights[k]
                        }
                    }
                }
                let alternative = hasAlternatives && submission.alternative(for: earlier?.id ?? plan.ids[i]) != nil
                if (!inForce && !asIfInForce) || (scored == 0 && pending > 0) {
                    status = .notInForce
                } else if alternative {
                    status = .alternative
                } else if applicable == .unknown {
                    status = .unknown
                } else if !no && !unknown {
                    status = .met
                } else if yes && no {
                    status = .partial
                } else if no {
                    status = .notMet
                } else {
                    status = .unknown
                }
            }
            // As `MeasureResult.counts` and `.isGap` read them.
            let optional = earlier?.optional ?? plan.optional[i]
            let isGap = status.isGap && !(earlier?.optional ?? measures[i].optional)
            let isCritical = (earlier?.severity ?? measures[i].severity) == .critical
            counts[status.position] += 1
            if status == .unknown && applicable == .unknown { mayApply += 1 }
            if status.isApplicable { applicableCount += 1 }
            if (status.isScored || status == .alternative) && !optional {
                earned += measureEarned
                possible += measurePossible
                unknownWeight += measureUnknown
                if applicable == .yes { decidedWeight += measureDecided }
            }
            if isGap {
                gaps += 1
                if isCritical { critical += 1 }
            }
            each(earlier?.id ?? plan.ids[i], status, isGap, isCritical)
        }
        return Assessment.Summary(score: possible > 0 ? Double(earned) / Double(possible) : nil, earned: earned, possible: possible,
                                  applicable: applicableCount, counts: counts, gaps: gaps, criticalGaps: critical,
                                  unknownWeight: unknownWeight, decidedWeight: decidedWeight, mayApply: mayApply)
    }
}
