extension Assessor {
    /// The summary of an assessment, without building it: every measure's status is decided as
    /// ``assess(_:asOf:asIfInForce:explain:)`` decides it, counted, and handed to `each` (its id
    /// (of the version assessed), status, whether it is a gap, and whether its severity is
    /// critical), but no result is kept. For runs that write only summaries (`--format jsonl`)
    /// with no review and no lens; `assess(…).summary` gives the same figures (a test compares
    /// them on every example and on generated corpora).
    ///
    /// `table` is the submission's facts resolved for the compiled plan: a run that assesses one
    /// submission against several codes of one vocabulary resolves them once and passes them to
    /// each; nil resolves them here.
    public func summary(_ submission: Submission, table: FactTable? = nil, asOf: Day, asIfInForce: Bool = false,
                        each: (_ id: String, _ status: MeasureStatus, _ isGap: Bool, _ critical: Bool) -> Void = { _, _, _, _ in })
        -> Assessment.Summary {
        let binding = self.binding(asOf: asOf, asIfInForce: asIfInForce)
        let table = table ?? FactTable(submission.facts)
        return code.plan.summary(submission, binding: binding, table: table, applicability: applicability(table, rows: binding.rows),
                                 asOf: asOf, asIfInForce: asIfInForce, each: each)
    }
}

extension Plan {
    /// ``Assessor/summary(_:table:asOf:asIfInForce:each:)`` over the plan's rows: the version of
    /// each measure that binds is read by its row, never copied.
    func summary(_ submission: Submission, binding: Assessor.Binding, table: FactTable, applicability: [Tri], asOf: Day, asIfInForce: Bool,
                 each: (_ id: String, _ status: MeasureStatus, _ isGap: Bool, _ critical: Bool) -> Void) -> Assessment.Summary {
        let hasAlternatives = !submission.alternatives.isEmpty
        var earned = 0, possible = 0, applicableCount = 0, gaps = 0, criticalGaps = 0
        var unknownWeight = 0, decidedWeight = 0, mayApply = 0
        var counts = [Int](repeating: 0, count: MeasureStatus.allCases.count)
        for i in 0..<count {
            let applicable = applicability[i]
            let row = binding.rows[i]
            let inForce = binding.inForce[i]
            let status: MeasureStatus
            var measureEarned = 0, measurePossible = 0, measureUnknown = 0, measureDecided = 0
            if applicable == .no {
                status = .notApplicable
            } else {
                // The checks in force, tallied as they are evaluated: nothing is kept per check.
                var yes = false, no = false, unknown = false, scored = 0, pending = 0
                let dated = inForce && !asIfInForce && checkDated[row]
                for k in checks(row) {
                    if dated, let day = checkInForce[k], day > asOf { pending += 1; continue }
                    let weight = weights[k]
                    scored += 1
                    measurePossible += weight
                    switch program.truth(checkRoots[k], table, applicability) {
                    case .yes: yes = true; measureEarned += weight; measureDecided += weight
                    case .no: no = true; measureDecided += weight
                    case .unknown: unknown = true; measureUnknown += weight
                    }
                }
                let alternative = hasAlternatives && submission.alternative(for: ids[row]) != nil
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
            let optional = self.optional[row]
            let isGap = status.isGap && !optional
            let isCritical = critical[row]
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
                if isCritical { criticalGaps += 1 }
            }
            each(ids[row], status, isGap, isCritical)
        }
        return Assessment.Summary(score: possible > 0 ? Double(earned) / Double(possible) : nil, earned: earned, possible: possible,
                                  applicable: applicableCount, counts: counts, gaps: gaps, criticalGaps: criticalGaps,
                                  unknownWeight: unknownWeight, decidedWeight: decidedWeight, mayApply: mayApply)
    }
}
