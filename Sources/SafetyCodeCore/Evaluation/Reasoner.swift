/// Turns the evaluation of a condition into a short plain-language reason naming the facts and
/// values that decided it, and finds the facts whose absence left it unknown.
struct Reasoner {
    let code: Code
    let context: EvaluationContext

    var vocabulary: Vocabulary { code.vocabulary }

    /// The atoms that decided `expr`'s value, as phrases.
    func deciding(_ expr: Expr) -> [String] {
        let value = expr.truth(in: context)
        switch expr.kind {
        case .and(let xs), .all(let xs):
            // False: the false parts; true: every part; unknown: the unknown parts.
            let wanted: Tri = value == .yes ? .yes : value
            return xs.filter { $0.truth(in: context) == wanted }.flatMap(deciding)
        case .or(let xs), .any(let xs):
            let wanted: Tri = value == .no ? .no : value
            return xs.filter { $0.truth(in: context) == wanted }.flatMap(deciding)
        case .not(let e):
            return deciding(e).map { "not (\($0))" }
        case .definition(let name, let body):
            let inner = deciding(body)
            let word = name.replacingOccurrences(of: "_", with: " ")
            let head = value == .yes ? word : value == .no ? "not \(word)" : "\(word) unknown"
            return inner.isEmpty ? [head] : ["\(head) (\(inner.joined(separator: "; ")))"]
        case .applies(let i):
            let id = code.measures[i].id
            return [value == .yes ? "\(id) applies" : value == .no ? "\(id) does not apply" : "whether \(id) applies is unknown"]
        case .has(let slot):
            return ["\(vocabulary.facts[slot].path) \(value == .yes ? "is given" : "is not given")"]
        default:
            return [atom(expr, value)]
        }
    }

    /// One comparison or fact, with the values it read.
    private func atom(_ expr: Expr, _ value: Tri) -> String {
        let facts = factsIn(expr)
        let known = facts.compactMap { slot -> String? in
            guard let v = context.facts[slot] else { return nil }
            return "\(vocabulary.facts[slot].path) is \(v.rendered(as: vocabulary.facts[slot].type))"
        }
        let missing = facts.filter { context.facts[$0] == nil }.map { vocabulary.facts[$0].path }
        if case .fact = expr.kind {
            return known.first ?? "\(missing.first ?? expr.text) is unknown"
        }
        var phrase = "\(expr.text.trimmingSpaces) is \(value)"
        var parts: [String] = []
        if !known.isEmpty { parts.append(known.joined(separator: ", ")) }
        if !missing.isEmpty { parts.append("not given: " + missing.joined(separator: ", ")) }
        if !parts.isEmpty { phrase += " (\(parts.joined(separator: "; ")))" }
        return phrase
    }

    /// Every fact slot an expression reads, each once, in order.
    func factsIn(_ expr: Expr) -> [Int] {
        var out: [Int] = []
        func walk(_ e: Expr) {
            switch e.kind {
            case .fact(let s), .has(let s): if !out.contains(s) { out.append(s) }
            case .not(let x), .definition(_, let x): walk(x)
            case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _): xs.forEach(walk)
            case .equal(let a, let b, _), .order(_, let a, let b): walk(a); walk(b)
            case .member(let a, let xs): walk(a); xs.forEach(walk)
            case .setContains(let a, let b): walk(a); walk(b)
            case .constant, .applies: break
            }
        }
        walk(expr)
        return out
    }

    /// The facts whose absence leaves `expr` unknown: only in the parts that are unknown.
    func missingFacts(_ expr: Expr, visitedMeasures: inout Set<Int>) -> [Int] {
        guard expr.type != .bool || expr.truth(in: context) == .unknown else { return [] }
        switch expr.kind {
        case .fact(let slot):
            return context.facts[slot] == nil ? [slot] : []
        case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _):
            var out: [Int] = []
            for x in xs { out += missingFacts(x, visitedMeasures: &visitedMeasures) }
            return out
        case .not(let x), .definition(_, let x):
            return missingFacts(x, visitedMeasures: &visitedMeasures)
        case .applies(let i):
            guard visitedMeasures.insert(i).inserted, let cond = code.measures[i].appliesWhen else { return [] }
            return missingFacts(cond, visitedMeasures: &visitedMeasures)
        default:
            return factsIn(expr).filter { context.facts[$0] == nil }
        }
    }
}

extension String {
    /// The text with runs of white space (from folded YAML) made single spaces.
    var trimmingSpaces: String {
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
