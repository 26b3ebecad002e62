extension RiskProfile.Harm {
    /// The guidance rule that makes a declared `level` a decided challenge: the highest rule above
    /// the level whose condition holds, when at least one of the harm's factors is present.
    func decidedRule(above level: Int, in context: EvaluationContext) -> RiskProfile.Rule? {
        guard factors.contains(where: { $0.when.truth(in: context) == .yes }) else { return nil }
        return guidance.filter { $0.atLeast > level && $0.when.truth(in: context) == .yes }.max { $0.atLeast < $1.atLeast }
    }
}

extension Assessor {
    /// How many declared risk levels the guidance challenges: ``RiskReview/decided``'s count for
    /// this assessment, without the review's explanations or its assessing again per level (the
    /// workbench's portfolio shows only this figure). The assessment may be made without
    /// explanations; facts a reviewer disputed count as reviewed, as ``riskReview(_:)`` reads them.
    public func decidedChallengeCount(_ a: Assessment) -> Int {
        var facts = a.submission.facts
        for e in a.review?.entries ?? [] where e.state == .applied && e.finding.decision == .dispute {
            if case .fact(let path) = e.finding.target, let fact = code.vocabulary.fact(path) { facts[fact.slot] = e.finding.value }
        }
        let context = EvaluationContext(facts: facts, measureCount: code.measures.count)
        var count = 0
        for profile in code.riskProfiles {
            for harm in profile.harms {
                guard case .symbol(let level)? = facts[harm.slot] else { continue }
                if harm.decidedRule(above: level, in: context) != nil { count += 1 }
            }
        }
        return count
    }
}
