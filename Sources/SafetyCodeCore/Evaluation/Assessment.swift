/// One submission assessed against one code at a date: the status of every measure, the scores,
/// the reasons, and the facts the platform still has to give.
public struct Assessment: Sendable {
    /// The code.
    public var code: Code
    /// The submission.
    public var submission: Submission
    /// The assessment date.
    public var asOf: Day
    /// Whether measures not yet in force were evaluated as if they were (for comparisons).
    public var asIfInForce: Bool
    /// One result per measure, in the code's order.
    public var results: [MeasureResult]
    /// When the results were restricted to a harm lens (`--lens`, `--harm`), the label every
    /// report carries; nil for the whole code.
    public var lens: String? = nil
    /// The review applied, with what became of each finding; nil when none was.
    public var review: AppliedReview?
    /// The declared risk levels read against the code's risk profiles (SPEC section 9); nil when
    /// the code has none beside its vocabulary, or the assessment was made without explanations.
    public var risk: RiskReview? = nil

    /// The result for one measure.
    public struct MeasureResult: Sendable {
        /// The measure's index in the code.
        public var index: Int
        /// Whether it applies.
        public var applicable: Tri
        /// Its status.
        public var status: MeasureStatus
        /// Each check's result, in order.
        public var checks: [Tri]
        /// Weight of true checks over weight of all checks, for scored, non-optional measures.
        public var score: Double?
        /// Why, in plain language.
        public var reason: String
        /// Slots of the facts whose absence left something unknown (the questions to ask).
        public var missingFacts: [Int]
        /// The alternative the service claims, if any.
        public var alternative: Submission.Alternative?
        /// True when the measure counts towards the score.
        public var counts: Bool
        /// The measure is in force at the assessment date.
        public var inForce: Bool
        /// The code's measures (a shared buffer: results do not copy the measure).
        var measures: [Measure]
        /// The earlier version assessed instead, when the measure's replacement is not yet in force.
        var earlier: Measure?
        /// Positions of the checks not yet in force at the assessment date (their own `in_force`
        /// is later): listed apart, not scored, not counted in the status.
        public var checksNotInForce: [Int] = []
        /// The status the declaration alone gives, when a review was applied (SPEC section 7).
        public var declaredStatus: MeasureStatus?
        /// Positions in ``Assessment/review``'s entries of the findings on this measure.
        public var findings: [Int] = []

        /// The version assessed: the measure itself, or the version it replaces when the
        /// replacement is not yet in force and the earlier version is.
        public var measure: Measure { earlier ?? measures[index] }

        /// The measure's id (without copying the measure).
        public var id: String { earlier?.id ?? measures[index].id }
        /// Whether the measure is optional (never a gap, not scored).
        public var isOptional: Bool { earlier?.optional ?? measures[index].optional }
        /// The measure's severity.
        public var severity: Severity { earlier?.severity ?? measures[index].severity }
        /// Whether check `k` is in force at the assessment date (scored and counted).
        public func isCheckInForce(_ k: Int) -> Bool { !checksNotInForce.contains(k) }
        /// True for a gap: partly met or not met, on a measure that is not optional.
        public var isGap: Bool { status.isGap && !isOptional }
    }

    /// Totals over measures.
    public struct Summary: Sendable, Equatable {
        /// What is proven: the weight of true checks over the weight counted (a lower bound).
        public var score: Double?
        public var earned: Int
        public var possible: Int
        public var applicable: Int
        /// Measures by status, in the order of `MeasureStatus.allCases`.
        var counts: [Int]
        /// Partly met or not met, optional measures left out.
        public var gaps: Int
        /// Gaps on measures of critical severity.
        public var criticalGaps: Int
        /// Weight of checks that are unknown (counted in `possible`, not in `earned`).
        public var unknownWeight: Int = 0
        /// Weight of checks that are decided (true or false) in measures whose applicability is decided.
        public var decidedWeight: Int = 0
        /// Undecided measures that are undecided because whether they apply is unknown.
        public var mayApply: Int = 0

        /// The score if every unknown check held and every measure of unknown applicability
        /// applied (an upper bound; SPEC section 3).
        public var scoreUpper: Double? { possible > 0 ? min(1, Double(earned + unknownWeight) / Double(possible)) : nil }
        /// The share of counted check weight that is decided, 0...1 (nil when nothing counts).
        public var decided: Double? { possible > 0 ? Double(decidedWeight) / Double(possible) : nil }
        /// True when anything counted is undecided: a check unknown, or a measure whose
        /// applicability or status is unknown.
        public var hasUndecided: Bool { unknownWeight > 0 || decidedWeight < possible || counts[MeasureStatus.unknown.position] > 0 }

        /// The number of measures with a status.
        public subscript(_ status: MeasureStatus) -> Int { counts[status.position] }

        /// The number of measures counted.
        public var measures: Int { counts.reduce(0, +) }
    }

    /// The summary over all measures.
    public var summary: Summary { Self.summarise(results, code: code) }

    /// The summary over the measures of one section.
    public func summary(section: String) -> Summary {
        Self.summarise(results.filter { $0.measure.section == section }, code: code)
    }

    static func summarise(_ results: [MeasureResult], code: Code) -> Summary {
        var earned = 0, possible = 0, applicable = 0, gaps = 0, critical = 0
        var unknownWeight = 0, decidedWeight = 0, mayApply = 0
        var counts = [Int](repeating: 0, count: MeasureStatus.allCases.count)
        for r in results {
            counts[r.status.position] += 1
            if r.status == .unknown && r.applicable == .unknown { mayApply += 1 }
            if r.status.isApplicable { applicable += 1 }
            if r.isGap {
                gaps += 1
                if r.severity == .critical { critical += 1 }
            }
            guard r.counts else { continue }
            let weights = r.earlier?.requires.map(\.weight) ?? Array(code.plan.rowWeights(r.index))
            for (k, (weight, result)) in zip(weights, r.checks).enumerated() where !r.checksNotInForce.contains(k) {
                possible += weight
                if result == .unknown { unknownWeight += weight } else if r.applicable == .yes { decidedWeight += weight }
                // An alternative a reviewer accepted counts as met (SPEC section 7).
                if result == .yes || r.status == .alternativeAccepted { earned += weight }
            }
        }
        return Summary(score: possible > 0 ? Double(earned) / Double(possible) : nil, earned: earned, possible: possible,
                       applicable: applicable, counts: counts, gaps: gaps, criticalGaps: critical,
                       unknownWeight: unknownWeight, decidedWeight: decidedWeight, mayApply: mayApply)
    }

    /// The measure of a result.
    public func measure(_ r: MeasureResult) -> Measure { r.measure }

    /// The fact paths of a result's missing facts.
    public func missingPaths(_ r: MeasureResult) -> [String] { r.missingFacts.map { code.vocabulary.facts[$0].path } }

    /// Every piece of evidence the submission cites, in vocabulary order, with the fact's value and
    /// the measures whose conditions or checks read that fact.
    public var evidence: [(fact: Vocabulary.Fact, value: String, evidence: Submission.Evidence, measures: [String])] {
        let v = code.vocabulary
        var readers: [Int: [String]] = [:]
        let reasoner = Reasoner(code: code, context: EvaluationContext(facts: [], measureCount: 0))
        for r in results where r.status != .notApplicable {
            let m = measure(r)
            var slots = m.appliesWhen.map(reasoner.factsIn) ?? []
            for c in m.requires { slots += reasoner.factsIn(c.check) }
            for slot in Set(slots) { readers[slot, default: []].append(m.id) }
        }
        return submission.evidence.keys.compactMap { v.fact($0) }.sorted { $0.slot < $1.slot }.map { fact in
            let value = submission.facts[fact.slot].map { $0.rendered(as: fact.type) } ?? "not given"
            return (fact, value, submission.evidence[fact.path]!, readers[fact.slot] ?? [])
        }
    }

    /// Every missing fact across the assessment, each once, in vocabulary order, with the
    /// measures that need it.
    public var openQuestions: [(fact: Vocabulary.Fact, measures: [String])] {
        var bySlot: [Int: [String]] = [:]
        for r in results where !r.missingFacts.isEmpty {
            for slot in r.missingFacts { bySlot[slot, default: []].append(r.measure.id) }
        }
        // The facts that would decide whether a declared risk level is to be challenged.
        for c in risk?.challenges ?? [] {
            for slot in c.missingFacts where !(bySlot[slot]?.contains(c.harm + " level") ?? false) {
                bySlot[slot, default: []].append(c.harm + " level")
            }
        }
        return bySlot.keys.sorted().map { (code.vocabulary.facts[$0], bySlot[$0]!) }
    }
}
