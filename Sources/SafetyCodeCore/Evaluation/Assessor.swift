/// Assesses submissions against one compiled code (SPEC section 3).
public struct Assessor: Sendable {
    /// The code.
    public let code: Code

    /// Creates an assessor for a code.
    public init(code: Code) { self.code = code }

    /// Whether a measure is in force at a date: its own date, or its status when it has none.
    public func isInForce(_ measure: Measure, at date: Day) -> Bool {
        let status = measure.status ?? code.header.status
        if let day = measure.inForce ?? (measure.status == nil ? code.header.inForce : nil) {
            return day <= date && status != .superseded
        }
        return status == .inForce
    }

    /// The date from which a measure is in force, if known.
    public func inForceDate(_ measure: Measure) -> Day? {
        measure.inForce ?? (measure.status == nil ? code.header.inForce : nil)
    }

    /// Fills in the applicability of every measure, in dependency order.
    public func context(for submission: Submission) -> EvaluationContext {
        var context = EvaluationContext(facts: submission.facts, measureCount: code.measures.count)
        for i in code.evaluationOrder {
            let m = code.measures[i]
            var a = m.appliesWhen?.truth(in: context) ?? .yes
            for d in m.dependsOnIndices { a = a && context.applicability[d] }
            context.applicability[i] = a
        }
        return context
    }

    /// Assesses one submission at a date; with `asIfInForce`, measures not yet in force are
    /// assessed as if they were (comparisons ask what each version would require).
    ///
    /// With `explain` false, reasons and missing facts are left out: a batch that writes only
    /// summaries does not pay for the words.
    public func assess(_ submission: Submission, asOf: Day, asIfInForce: Bool = false, explain: Bool = true) -> Assessment {
        let context = context(for: submission)
        let reasoner = Reasoner(code: code, context: context)
        var results: [Assessment.MeasureResult] = []
        results.reserveCapacity(code.measures.count)
        for (i, latest) in code.measures.enumerated() {
            var m = latest
            var applicable = context.applicability[i]
            var inForce = isInForce(m, at: asOf)
            var earlier = false
            if !inForce, !asIfInForce, let previous = inForceVersion(of: m, at: asOf) {
                // A replacement not yet in force: the version in force is the one that binds.
                m = previous
                inForce = true
                earlier = true
                applicable = m.appliesWhen?.truth(in: context) ?? .yes
                for d in m.dependsOnIndices { applicable = applicable && context.applicability[d] }
            }
            let alternative = submission.alternative(for: m.id)
            var checks: [Tri] = []
            let status: MeasureStatus
            if applicable == .no {
                status = .notApplicable
            } else if !inForce && !asIfInForce {
                status = .notInForce
            } else if alternative != nil {
                status = .alternative
            } else {
                checks = m.requires.map { $0.check.truth(in: context) }
                if applicable == .unknown {
                    status = .unknown
                } else {
                    let yes = checks.contains(.yes), no = checks.contains(.no)
                    if !no && !checks.contains(.unknown) { status = .met }
                    else if yes && no { status = .partial }
                    else if no { status = .notMet }
                    else { status = .unknown }
                }
            }
            if checks.isEmpty, status != .notApplicable { checks = m.requires.map { $0.check.truth(in: context) } }
            let counts = status.isScored && !m.optional
            var score: Double?
            if counts {
                let total = m.requires.reduce(0) { $0 + $1.weight }
                let earned = zip(m.requires, checks).reduce(0) { $0 + ($1.1 == .yes ? $1.0.weight : 0) }
                score = total > 0 ? Double(earned) / Double(total) : nil
            }
            var missing: [Int] = []
            if explain, status == .unknown || (status.isScored && checks.contains(.unknown)) || (status == .notInForce && applicable == .unknown) {
                var visited: Set<Int> = [i]
                if applicable == .unknown, let cond = m.appliesWhen { missing += reasoner.missingFacts(cond, visitedMeasures: &visited) }
                for d in m.dependsOnIndices where context.applicability[d] == .unknown {
                    if let cond = code.measures[d].appliesWhen { missing += reasoner.missingFacts(cond, visitedMeasures: &visited) }
                }
                if status.isScored {
                    for (check, result) in zip(m.requires, checks) where result == .unknown {
                        missing += reasoner.missingFacts(check.check, visitedMeasures: &visited)
                    }
                }
            }
            var unique: [Int] = []
            for s in missing where !unique.contains(s) { unique.append(s) }
            results.append(.init(index: i, applicable: applicable, status: status, checks: checks, score: score,
                                 reason: explain ? reason(m, i, applicable, status, checks, inForce, reasoner) + (earlier ? Self.earlierNote(latest, self) : "") : "",
                                 missingFacts: unique, alternative: alternative, counts: counts, inForce: inForce, measure: m))
        }
        return Assessment(code: code, submission: submission, asOf: asOf, asIfInForce: asIfInForce, results: results)
    }

    /// The latest earlier version of a measure that is in force at the date, if any.
    func inForceVersion(of m: Measure, at date: Day) -> Measure? {
        for previous in m.replaces {
            if isInForce(previous, at: date) { return previous }
            if let older = inForceVersion(of: previous, at: date) { return older }
        }
        return nil
    }

    static func earlierNote(_ latest: Measure, _ assessor: Assessor) -> String {
        let status = (latest.status ?? assessor.code.header.status).words
        let when = assessor.inForceDate(latest).map { "in force from \($0.long)" } ?? status
        return " (assessed against the version in force; this code's new version is \(when))"
    }

    private func reason(_ m: Measure, _ i: Int, _ applicable: Tri, _ status: MeasureStatus, _ checks: [Tri], _ inForce: Bool,
                        _ reasoner: Reasoner) -> String {
        var why: [String] = []
        if let cond = m.appliesWhen { why = reasoner.deciding(cond) }
        for d in m.dependsOnIndices {
            let a = reasoner.context.applicability[d]
            if a != .yes || applicable == .yes {
                why.append(a == .yes ? "\(code.measures[d].id) applies" : a == .no ? "\(code.measures[d].id) does not apply" : "whether \(code.measures[d].id) applies is unknown")
            }
        }
        let because = why.isEmpty ? "" : ": " + why.joined(separator: "; ")
        let head: String
        switch applicable {
        case .yes: head = m.appliesWhen == nil && m.dependsOnIndices.isEmpty ? "applies to every service this code covers" : "applies\(because)"
        case .no: return "does not apply\(because)"
        case .unknown: head = "applicability unknown\(because)"
        }
        switch status {
        case .notInForce:
            let date = inForceDate(m).map { "until \($0.long)" } ?? "yet (\((m.status ?? code.header.status).words))"
            return "not in force \(date); \(head)"
        case .alternative:
            return "\(head); the service claims an alternative measure (needs review)"
        default:
            let met = checks.count { $0 == .yes }, failed = checks.count { $0 == .no }, unknown = checks.count { $0 == .unknown }
            var tally: [String] = []
            if met > 0 { tally.append("\(met) of \(checks.count) checks met") }
            if failed > 0 { tally.append("\(failed) not met") }
            if unknown > 0 { tally.append("\(unknown) unknown") }
            let optional = m.optional ? " (optional measure: not scored)" : ""
            return "\(head); \(tally.joined(separator: ", "))\(optional)"
        }
    }
}
