/// Assesses submissions against one compiled code (SPEC section 3).
public struct Assessor: Sendable {
    /// The code and what is prepared for one date, in one object: copying an assessor retains
    /// one reference, not every array of the compiled code. A batch's workers share their
    /// assessors, so each reference count written for a file is written from every core.
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let code: Code
        /// Which version of each measure binds, worked out once for one date (a batch assesses
        /// every submission at the same date); nil to work it out at each assessment.
        let prepared: (asOf: Day, asIfInForce: Bool, binding: [Measure?], rows: Binding)?

        init(code: Code, prepared: (asOf: Day, asIfInForce: Bool, binding: [Measure?], rows: Binding)?) {
            self.code = code
            self.prepared = prepared
        }
    }

    @usableFromInline let storage: Storage

    /// The code, lent to whoever reads it (inlined, so another module reading `code.header.id`
    /// copies one string, not the code).
    @inlinable public var code: Code {
        _read { yield storage.code }
    }

    private var prepared: (asOf: Day, asIfInForce: Bool, binding: [Measure?], rows: Binding)? { storage.prepared }

    /// Creates an assessor for a code.
    public init(code: Code) { storage = Storage(code: code, prepared: nil) }

    /// Creates an assessor for many submissions at one date: which version of each measure
    /// binds is worked out here once, not for every submission.
    public init(code: Code, asOf: Day, asIfInForce: Bool = false) {
        let plain = Assessor(code: code)
        storage = Storage(code: code, prepared: (asOf, asIfInForce, plain.bindingVersions(asOf: asOf, asIfInForce: asIfInForce),
                                                 plain.binding(asOf: asOf, asIfInForce: asIfInForce)))
    }

    /// Whether a measure is in force at a date: its own date, or its status when it has none.
    public func isInForce(_ measure: Measure, at date: Day) -> Bool {
        isInForce(status: measure.status, date: measure.inForce, at: date)
    }

    /// Whether a measure with this status and in-force date is in force at `date`.
    func isInForce(status own: Code.Status?, date day: Day?, at date: Day) -> Bool {
        let status = own ?? code.header.status
        if let day = day ?? (own == nil ? code.header.inForce : nil) {
            return day <= date && status != .superseded
        }
        return status == .inForce
    }

    /// The date from which a measure is in force, if known.
    public func inForceDate(_ measure: Measure) -> Day? {
        measure.inForce ?? (measure.status == nil ? code.header.inForce : nil)
    }

    /// Which version of each measure binds at a date: nil where the measure itself does, or the
    /// earlier version in force while a replacement is not yet (SPEC section 3). With
    /// `asIfInForce`, every measure's latest version binds.
    public func bindingVersions(asOf: Day, asIfInForce: Bool = false) -> [Measure?] {
        if let prepared, prepared.asOf == asOf, prepared.asIfInForce == asIfInForce { return prepared.binding }
        let plan = code.plan
        var binding = [Measure?](repeating: nil, count: code.measures.count)
        guard !asIfInForce else { return binding }
        for i in 0..<plan.count where !plan.earlier(i).isEmpty && !isInForce(status: plan.status[i], date: plan.inForce[i], at: asOf) {
            binding[i] = inForceVersion(of: code.measures[i], at: asOf)
        }
        return binding
    }

    /// Which version of each measure binds at a date, as rows of the compiled plan (the same
    /// versions as ``bindingVersions(asOf:asIfInForce:)`` names), and whether it is in force.
    struct Binding: Sendable {
        /// The plan's row of the version of each measure that binds: the measure's own index, or
        /// the row of the earlier version in force.
        var rows: [Int]
        /// Whether the version of each measure that binds is in force at the date.
        var inForce: [Bool]
    }

    func binding(asOf: Day, asIfInForce: Bool = false) -> Binding {
        if let prepared, prepared.asOf == asOf, prepared.asIfInForce == asIfInForce { return prepared.rows }
        let plan = code.plan
        var binding = Binding(rows: Array(0..<plan.count), inForce: [Bool](repeating: false, count: plan.count))
        for i in 0..<plan.count {
            binding.inForce[i] = isInForce(status: plan.status[i], date: plan.inForce[i], at: asOf)
            guard !asIfInForce, !binding.inForce[i] else { continue }
            // The first earlier version in force, in the order of ``inForceVersion(of:at:)``.
            for r in plan.earlier(i) where isInForce(status: plan.status[r], date: plan.inForce[r], at: asOf) {
                binding.rows[i] = r
                binding.inForce[i] = true
                break
            }
        }
        return binding
    }

    /// Fills in the applicability of every measure, in dependency order, from the version of each
    /// that binds at the date: everything that reads a measure's applicability (`applies()`,
    /// `depends_on`) reads the version that is decided.
    public func context(for submission: Submission, asOf: Day, asIfInForce: Bool = false) -> EvaluationContext {
        context(for: submission, rows: binding(asOf: asOf, asIfInForce: asIfInForce).rows)
    }

    /// Fills in the applicability of every measure from its latest version, as if every measure
    /// were in force (what `compare` and the applicability tables ask).
    public func context(for submission: Submission) -> EvaluationContext {
        context(for: submission, rows: Array(0..<code.plan.count))
    }

    func context(for submission: Submission, rows: [Int]) -> EvaluationContext {
        var context = EvaluationContext(facts: submission.facts, measureCount: code.measures.count)
        context.applicability = applicability(context.table, rows: rows)
        return context
    }

    /// The applicability of every measure, decided in dependency order from the plan's row of
    /// the version of each that binds.
    func applicability(_ table: FactTable, rows: [Int]) -> [Tri] {
        var applicability = [Tri](repeating: .unknown, count: code.plan.count)
        for i in code.evaluationOrder {
            applicability[i] = code.plan.applicability(rows[i], table, applicability)
        }
        return applicability
    }

    /// Assesses one submission at a date; with `asIfInForce`, measures not yet in force are
    /// assessed as if they were (comparisons ask what each version would require).
    ///
    /// With `explain` false, reasons and missing facts are left out: a batch that writes only
    /// summaries does not pay for the words.
    public func assess(_ submission: Submission, asOf: Day, asIfInForce: Bool = false, explain: Bool = true) -> Assessment {
        let binding = bindingVersions(asOf: asOf, asIfInForce: asIfInForce)
        let rows = self.binding(asOf: asOf, asIfInForce: asIfInForce)
        let context = context(for: submission, rows: rows.rows)
        let reasoner = Reasoner(code: code, context: context)
        var results: [Assessment.MeasureResult] = []
        results.reserveCapacity(code.measures.count)
        let plan = code.plan
        let measures = code.measures
        let hasAlternatives = !submission.alternatives.isEmpty
        for i in 0..<plan.count {
            let applicable = context.applicability[i]
            // A replacement not yet in force: the version in force is the one that binds.
            let earlier = binding[i]
            let row = rows.rows[i]
            let inForce = rows.inForce[i]
            let alternative = hasAlternatives ? submission.alternative(for: plan.ids[row]) : nil
            var checks: [Tri] = []
            var pending: [Int] = []
            let status: MeasureStatus
            if applicable == .no {
                status = .notApplicable
            } else {
                checks = plan.checkValues(row, context.table, context.applicability)
                if inForce && !asIfInForce && plan.checkDated[row] {
                    pending = Self.checksNotInForce(Array(plan.checkInForce[plan.checks(row)]), at: asOf)
                }
                let scored = pending.isEmpty ? checks : checks.indices.filter { !pending.contains($0) }.map { checks[$0] }
                if (!inForce && !asIfInForce) || (scored.isEmpty && !pending.isEmpty) {
                    status = .notInForce
                } else if alternative != nil {
                    status = .alternative
                } else if applicable == .unknown {
                    status = .unknown
                } else {
                    let yes = scored.contains(.yes), no = scored.contains(.no)
                    if !no && !scored.contains(.unknown) { status = .met }
                    else if yes && no { status = .partial }
                    else if no { status = .notMet }
                    else { status = .unknown }
                }
            }
            // A claimed alternative needs a reviewer's judgement: until then the measure's own
            // checks score as they evaluate (SPEC section 3), so a claim alone never raises a score.
            let checksCount = status.isScored || status == .alternative
            let counts = checksCount && !plan.optional[row]
            var score: Double?
            if counts {
                let weights = plan.rowWeights(row)
                var total = weights.reduce(0, +)
                var earned = 0
                for (k, (w, t)) in zip(weights, checks).enumerated() {
                    if pending.contains(k) { total -= w } else if t == .yes { earned += w }
                }
                score = total > 0 ? Double(earned) / Double(total) : nil
            }
            var missing: [Int] = []
            var reason = ""
            if explain {
                let m = earlier ?? measures[i]
                if status == .unknown || (checksCount && checks.contains(.unknown)) || (status == .notInForce && applicable == .unknown) {
                    var visited: Set<Int> = [i]
                    if applicable == .unknown, let cond = m.appliesWhen { missing += reasoner.missingFacts(cond, visitedMeasures: &visited) }
                    for d in m.dependsOnIndices where context.applicability[d] == .unknown {
                        if let cond = measures[d].appliesWhen { missing += reasoner.missingFacts(cond, visitedMeasures: &visited) }
                    }
                    if checksCount {
                        for (k, (check, result)) in zip(m.requires, checks).enumerated() where result == .unknown && !pending.contains(k) {
                            missing += reasoner.missingFacts(check.check, visitedMeasures: &visited)
                        }
                    }
                }
                reason = self.reason(m, i, applicable, status, checks, inForce, reasoner, pending: pending)
                    + (earlier != nil ? Self.earlierNote(measures[i], self) : "")
            }
            var unique: [Int] = []
            for s in missing where !unique.contains(s) { unique.append(s) }
            results.append(.init(index: i, applicable: applicable, status: status, checks: checks, score: score,
                                 reason: reason, missingFacts: unique, alternative: alternative, counts: counts, inForce: inForce,
                                 measures: measures, earlier: earlier, checksNotInForce: pending))
        }
        var assessment = Assessment(code: code, submission: submission, asOf: asOf, asIfInForce: asIfInForce, results: results)
        if explain && !code.riskProfiles.isEmpty { assessment.risk = riskReview(assessment) }
        return assessment
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
        if !latest.redefined.isEmpty {
            let names = latest.redefined.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
            return " (assessed against the version in force; this code redefines \(names), which it uses, in a version that is \(when))"
        }
        return " (assessed against the version in force; this code's new version is \(when))"
    }

    private func reason(_ m: Measure, _ i: Int, _ applicable: Tri, _ status: MeasureStatus, _ checks: [Tri], _ inForce: Bool,
                        _ reasoner: Reasoner, pending: [Int] = []) -> String {
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
        case .notInForce where inForce && !pending.isEmpty:
            return "no check in force yet (\(Self.pendingWords(m, pending))); \(head)"
        case .notInForce:
            let date = inForceDate(m).map { "until \($0.long)" } ?? "yet (\((m.status ?? code.header.status).words))"
            return "not in force \(date); \(head)"
        case .alternative:
            return "\(head); the service claims an alternative measure (needs review)"
        default:
            let live = checks.indices.filter { !pending.contains($0) }.map { checks[$0] }
            let met = live.count { $0 == .yes }, failed = live.count { $0 == .no }, unknown = live.count { $0 == .unknown }
            var tally: [String] = []
            if met > 0 { tally.append("\(met) of \(live.count) checks met") }
            if failed > 0 { tally.append("\(failed) not met") }
            if unknown > 0 { tally.append("\(unknown) unknown") }
            let optional = m.optional ? " (optional measure: not scored)" : ""
            let later = pending.isEmpty ? "" : "; not scored until in force: \(Self.pendingWords(m, pending))"
            return "\(head); \(tally.joined(separator: ", "))\(optional)\(later)"
        }
    }
}
