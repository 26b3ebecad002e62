extension Assessment {
    /// The facts a measure's conditions and checks read, in vocabulary order, each with the value
    /// the submission declares ("not given" when unknown) and the evidence it cites, if any.
    public func factsRead(by r: MeasureResult) -> [(fact: Vocabulary.Fact, value: String, evidence: Submission.Evidence?)] {
        let m = measure(r)
        var slots = Set<Int>()
        var seen = Set<String>()  // each definition walked once, however often it is named
        func walk(_ e: Expr) {
            switch e.kind {
            case .fact(let s), .has(let s): slots.insert(s)
            case .definition(let name, let x): if seen.insert(name).inserted { walk(x) }
            case .not(let x): walk(x)
            case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _): xs.forEach(walk)
            case .equal(let a, let b, _), .order(_, let a, let b), .setContains(let a, let b): walk(a); walk(b)
            case .member(let a, let xs): walk(a); xs.forEach(walk)
            case .constant, .applies: break
            }
        }
        if let c = m.appliesWhen { walk(c) }
        for c in m.requires { walk(c.check) }
        return slots.sorted().map { slot in
            let fact = code.vocabulary.facts[slot]
            let value = submission.facts[slot].map { $0.rendered(as: fact.type) } ?? "not given"
            return (fact, value, submission.evidence[fact.path])
        }
    }
}
