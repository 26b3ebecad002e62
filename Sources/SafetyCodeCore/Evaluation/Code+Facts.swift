extension Code {
    /// The slots of every fact any measure of this code reads (in conditions, checks and the
    /// definitions they use), in vocabulary order.
    public var factsUsed: [Int] {
        var used = Set<Int>()
        func walk(_ e: Expr) {
            switch e.kind {
            case .fact(let s), .has(let s): used.insert(s)
            case .not(let x), .definition(_, let x): walk(x)
            case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _): xs.forEach(walk)
            case .equal(let a, let b, _), .order(_, let a, let b), .setContains(let a, let b): walk(a); walk(b)
            case .member(let a, let xs): walk(a); xs.forEach(walk)
            case .constant, .applies: break
            }
        }
        for m in measures {
            if let a = m.appliesWhen { walk(a) }
            for c in m.requires { walk(c.check) }
        }
        return used.sorted()
    }
}
