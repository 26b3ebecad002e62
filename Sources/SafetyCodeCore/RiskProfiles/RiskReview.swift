/// The declared risk levels of one submission read against the risk profiles (SPEC section 9):
/// the declarations to challenge, and how sensitive the code's obligations are to each level.
public struct RiskReview: Sendable {
    /// Each kind of harm whose declared level is below what the guidance indicates (or may be,
    /// where the factors are unknown), most severe hidden gaps first.
    public var challenges: [Challenge]
    /// For every kind of harm with a declared level below the top: what one level up would bring.
    public var sensitivity: [Sensitivity]

    /// What the code's measures would become at another level of one harm.
    public struct Effect: Sendable {
        /// Measures that would newly apply, with their status at that level, in the code's order.
        public var newlyApplicable: [Hidden]
        /// The ids of those that would be gaps.
        public var newGaps: [String] { newlyApplicable.filter(\.isGap).map(\.id) }
    }

    /// A measure that a declared level keeps out of scope.
    public struct Hidden: Sendable {
        public var id: String
        public var title: String
        public var severity: Severity
        /// Its status were the level raised.
        public var status: MeasureStatus
        /// True when it would be a gap.
        public var isGap: Bool
    }

    /// A risk factor the service has (or may have).
    public struct FactorFound: Sendable {
        public var factor: RiskProfile.Factor
        /// `yes` present, `unknown` not decided.
        public var present: Tri
        /// The facts that show it, in words (`service.functionalities includes direct_messaging`).
        public var evidence: String
    }

    /// One declaration to challenge.
    public struct Challenge: Sendable {
        /// The declared level's fact path (`risk.grooming`).
        public var harm: String
        /// The harm in words.
        public var title: String
        /// The level declared.
        public var declared: String
        /// The level the guidance indicates at least.
        public var indicated: String
        /// True when the rule's condition holds; false when it is undecided for want of facts.
        public var decided: Bool
        /// The factors present, then those unknown.
        public var factors: [FactorFound]
        /// The rule that indicates the level.
        public var rule: RiskProfile.Rule
        /// The rule's condition in words, as the facts decide it.
        public var ruleEvidence: String
        /// The profile the rule comes from.
        public var profileID: String
        public var profileTitle: String
        /// Slots of the facts that would decide an undecided challenge (the questions to ask).
        public var missingFacts: [Int]
        /// What the code would require at the indicated level.
        public var hidden: Effect
    }

    /// One level up for one harm.
    public struct Sensitivity: Sendable {
        public var harm: String
        public var declared: String
        public var ifLevel: String
        public var effect: Effect
    }

    /// Decided challenges.
    public var decided: [Challenge] { challenges.filter(\.decided) }

    /// Gaps hidden by the decided challenges, each measure once.
    public var hiddenGaps: [String] {
        var out: [String] = []
        for c in decided { for id in c.hidden.newGaps where !out.contains(id) { out.append(id) } }
        return out
    }
}

extension Assessor {
    /// Reads the submission's declared levels against the code's risk profiles: challenges and
    /// sensitivity, each measured by assessing the submission again with one level changed.
    public func riskReview(_ a: Assessment) -> RiskReview {
        let submission = a.submission
        let vocabulary = code.vocabulary
        let context = EvaluationContext(facts: submission.facts, measureCount: code.measures.count)
        let reasoner = Reasoner(code: code, context: context)
        var cache: [String: RiskReview.Effect] = [:]
        let read = Set(code.factsUsed)
        func effect(_ slot: Int, _ level: Int) -> RiskReview.Effect {
            let key = "\(slot):\(level)"
            if !read.contains(slot) { return RiskReview.Effect(newlyApplicable: []) }
            if let e = cache[key] { return e }
            var raised = submission
            raised.facts[slot] = .symbol(level)
            let b = assess(raised, asOf: a.asOf, asIfInForce: a.asIfInForce, explain: false)
            var hidden: [RiskReview.Hidden] = []
            for (x, y) in zip(a.results, b.results) where x.applicable != .yes && y.applicable == .yes {
                let m = y.measure
                hidden.append(.init(id: m.id, title: m.title, severity: m.severity, status: y.status, isGap: y.isGap))
            }
            let e = RiskReview.Effect(newlyApplicable: hidden)
            cache[key] = e
            return e
        }
        func levels(_ slot: Int) -> [String] {
            if case .enumeration(let e) = vocabulary.facts[slot].type { return e.values }
            return []
        }
        func declared(_ slot: Int) -> Int? {
            if case .symbol(let i)? = submission.facts[slot] { return i }
            return nil
        }
        var challenges: [RiskReview.Challenge] = []
        for profile in code.riskProfiles {
            for harm in profile.harms {
                guard let level = declared(harm.slot) else { continue }
                let names = levels(harm.slot)
                let found = harm.factors.map { f in (f, f.when.truth(in: context)) }
                let present = found.filter { $0.1 == .yes }
                let maybe = found.filter { $0.1 == .unknown }
                func factorsFound(_ withUnknown: Bool) -> [RiskReview.FactorFound] {
                    (present + (withUnknown ? maybe : [])).map { f, t in
                        .init(factor: f, present: t, evidence: reasoner.deciding(f.when).joined(separator: "; "))
                    }
                }
                // A service with none of the harm's factors (none present, none unknown) is never challenged.
                guard !present.isEmpty || !maybe.isEmpty else { continue }
                // Decided: a factor present and a rule above the declared level holding (the count
                // the portfolio shows, ``Assessor/decidedChallengeCount(_:)``, asks the same).
                if let rule = harm.decidedRule(above: level, in: context) {
                    challenges.append(.init(harm: harm.path, title: harm.title, declared: names[level], indicated: rule.level, decided: true,
                                            factors: factorsFound(false), rule: rule, ruleEvidence: reasoner.deciding(rule.when).joined(separator: "; "),
                                            profileID: profile.id, profileTitle: profile.title, missingFacts: [],
                                            hidden: effect(harm.slot, rule.atLeast)))
                    continue
                }
                // Undecided: a rule above the declared level that the missing facts could make hold.
                let open = harm.guidance.filter { $0.atLeast > level && $0.when.truth(in: context) == .unknown }
                if let rule = open.max(by: { $0.atLeast < $1.atLeast }) {
                    var visited: Set<Int> = []
                    var missing: [Int] = []
                    for s in reasoner.missingFacts(rule.when, visitedMeasures: &visited) where !missing.contains(s) { missing.append(s) }
                    challenges.append(.init(harm: harm.path, title: harm.title, declared: names[level], indicated: rule.level, decided: false,
                                            factors: factorsFound(true), rule: rule, ruleEvidence: reasoner.deciding(rule.when).joined(separator: "; "),
                                            profileID: profile.id, profileTitle: profile.title, missingFacts: missing,
                                            hidden: effect(harm.slot, rule.atLeast)))
                }
            }
        }
        // Decided first; then by the most severe hidden gap, then the most hidden gaps; then the file's order.
        func rank(_ c: RiskReview.Challenge) -> (Int, Int, Int) {
            let worst = c.hidden.newlyApplicable.filter(\.isGap).map { Severity.allCases.firstIndex(of: $0.severity)! }.min() ?? 9
            return (c.decided ? 0 : 1, worst, -c.hidden.newGaps.count)
        }
        let order = challenges.enumerated().sorted { x, y in
            let a = rank(x.element), b = rank(y.element)
            return a != b ? a < b : x.offset < y.offset
        }.map(\.element)
        var sensitivity: [RiskReview.Sensitivity] = []
        // A level the code never reads changes nothing: no need to assess again for it.
        for fact in vocabulary.facts where fact.path.hasPrefix("risk.") || fact.path.hasPrefix("children_risk.") {
            guard case .enumeration(let e) = fact.type, e.ordered, let level = declared(fact.slot), level + 1 < e.values.count else { continue }
            let change = read.contains(fact.slot) ? effect(fact.slot, level + 1) : RiskReview.Effect(newlyApplicable: [])
            sensitivity.append(.init(harm: fact.path, declared: e.values[level], ifLevel: e.values[level + 1], effect: change))
        }
        return RiskReview(challenges: order, sensitivity: sensitivity)
    }
}
