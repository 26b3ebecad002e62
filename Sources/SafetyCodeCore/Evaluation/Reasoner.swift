import YAMLTree

/// Turns the evaluation of a condition into a short plain-language reason naming the facts and
/// values that decided it, and finds the facts whose absence left it unknown.
struct Reasoner {
    let code: Code
    let context: EvaluationContext
    /// Facts and set members in the vocabulary's words ("the service's functionalities include
    /// image video sharing") rather than by path, for readers of a diff; a gap report's reasons
    /// name the paths, which the submission's author wrote.
    var plain = false

    /// A fact as reasons name it: its path, or in words when ``plain``.
    func name(_ path: String) -> String { plain ? Expr.label(path, vocabulary) : path }

    var vocabulary: Vocabulary { code.vocabulary }

    /// The parts that decided `expr`'s value, as short phrases naming facts and values.
    func deciding(_ expr: Expr) -> [String] {
        let value = expr.truth(in: context)
        switch expr.kind {
        case .and(let xs), .all(let xs), .or(let xs), .any(let xs):
            let isAnd: Bool = if case .and = expr.kind { true } else if case .all = expr.kind { true } else { false }
            // And: false because of its false parts, true because of all. Or: the reverse.
            let wanted: Tri = value == .unknown ? .unknown : value
            let parts = xs.filter { $0.truth(in: context) == wanted }
            if parts.count > 4 {
                let word = value == .yes ? (isAnd ? "all" : "some") : value == .no ? (isAnd ? "some" : "none") : "some"
                if value == .no && !isAnd { return ["none of \(xs.count) conditions holds"] }
                if value == .yes && isAnd { return ["all \(xs.count) conditions hold"] }
                return Array(parts.prefix(3).flatMap(deciding)) + ["and \(parts.count - 3) more (\(word))"]
            }
            return parts.flatMap(deciding)
        case .not(let e):
            return deciding(e).map { "not (\($0))" }
        case .definition(let name, let body):
            let inner = deciding(body)
            let word = title(name)
            let head = value == .yes ? word : value == .no ? "not \(word)" : "\(word) unknown"
            return inner.isEmpty ? [head] : ["\(head) (\(inner.joined(separator: "; ")))"]
        case .applies(let i):
            let id = code.measures[i].id
            return [value == .yes ? "\(id) applies" : value == .no ? "\(id) does not apply" : "whether \(id) applies is unknown"]
        case .has(let slot):
            return ["\(name(vocabulary.facts[slot].path)) \(value == .yes ? "is given" : "is not given")"]
        case .fact(let slot):
            guard let v = context.facts[slot] else { return ["\(name(vocabulary.facts[slot].path)) is not given"] }
            return ["\(name(vocabulary.facts[slot].path)) is \(v.rendered(as: vocabulary.facts[slot].type))"]
        case .order(let op, let a, let b):
            return [comparison(a, b, op.rawValue, value)]
        case .equal(let a, let b, let negated):
            return [comparison(a, b, negated ? "!=" : "==", value)]
        case .member(let a, let items):
            let list = "one of " + items.map { $0.text.trimmingSpaces }.joined(separator: ", ")
            return [phrase(subject(a), list, value)]
        case .setContains(let set, let item):
            let path: String = if case .fact(let slot) = set.kind {
                plain ? Expr.setLabel(vocabulary.facts[slot].path, vocabulary) : vocabulary.facts[slot].path
            } else { subject(set) }
            let member = plain ? vocabulary.memberWords(item.text.trimmingSpaces) : item.text.trimmingSpaces
            let plural = plain && path.hasSuffix("s")
            switch value {
            case .yes: return ["\(path) \(plural ? "include" : "includes") \(member)"]
            case .no: return ["\(path) \(plural ? "do" : "does") not include \(member)"]
            case .unknown: return ["\(path) \(plural ? "are" : "is") not given (needs \(member))"]
            }
        default:
            return ["\(expr.text.trimmingSpaces) is \(value)"]
        }
    }

    /// `risk.grooming is low, not >= medium`; `service.uk_users is 8,400,000 (> 7,000,000)`.
    private func comparison(_ a: Expr, _ b: Expr, _ op: String, _ value: Tri) -> String {
        if a.isConstant, !b.isConstant { return comparison(b, a, Self.flipped(op), value) }
        if case .count(let xs) = a.kind, b.isConstant { return countSentence(xs, op, literal(b)) }
        let other = b.isConstant ? literal(b) : subject(b)
        if op == "==" {
            switch value {
            case .yes: return subject(a)
            case .no: return "\(subject(a)), not \(other)"
            case .unknown: return "\(subject(a)) (needs \(other))"
            }
        }
        return phrase(subject(a), "\(op) \(other)", value)
    }

    /// A count read as a sentence: "6 of 17 hold, 1 unknown: at least 2 needed (…)".
    private func countSentence(_ xs: [Expr], _ op: String, _ bound: String) -> String {
        let yes = xs.filter { $0.truth(in: context) == .yes }
        let unknown = xs.count { $0.truth(in: context) == .unknown }
        let need: String
        switch op {
        case ">=": need = "at least \(bound) needed"
        case ">": need = "more than \(bound) needed"
        case "<=": need = "at most \(bound) allowed"
        case "<": need = "fewer than \(bound) allowed"
        case "!=": need = "any number but \(bound)"
        default: need = "exactly \(bound) needed"
        }
        let listed = yes.prefix(3).flatMap(deciding).joined(separator: "; ")
        let more = yes.count > 3 ? "; and \(yes.count - 3) more" : ""
        let tally = "\(yes.count) of \(xs.count) hold" + (unknown > 0 ? ", \(unknown) unknown" : "") + ": \(need)"
        return yes.isEmpty ? tally : "\(tally) (\(listed)\(more))"
    }

    private func phrase(_ subject: String, _ rule: String, _ value: Tri) -> String {
        switch value {
        case .yes: "\(subject) (\(rule))"
        case .no: "\(subject), not \(rule)"
        case .unknown: "\(subject) (needs \(rule))"
        }
    }

    private static func flipped(_ op: String) -> String {
        switch op {
        case "<": ">"
        case "<=": ">="
        case ">": "<"
        case ">=": "<="
        default: op
        }
    }

    private func literal(_ e: Expr) -> String {
        if case .constant(let v) = e.kind { return v.rendered(as: e.factType).replacingOccurrences(of: "\"", with: "") }
        return e.text.trimmingSpaces
    }

    /// What a value-side expression is, in words: a fact and its value, a count, a maximum.
    private func subject(_ e: Expr) -> String {
        switch e.kind {
        case .fact(let slot):
            let f = vocabulary.facts[slot]
            guard let v = context.facts[slot] else { return "\(name(f.path)) is not given" }
            return "\(name(f.path)) is \(v.rendered(as: f.type))"
        case .count(let xs):
            let yes = xs.filter { $0.truth(in: context) == .yes }
            let unknown = xs.count { $0.truth(in: context) == .unknown }
            let listed = yes.prefix(3).flatMap(deciding).joined(separator: "; ")
            let more = yes.count > 3 ? "; and \(yes.count - 3) more" : ""
            let tally = unknown == 0 ? "\(yes.count) of \(xs.count) hold" : "\(yes.count) of \(xs.count) hold and \(unknown) are unknown"
            return yes.isEmpty ? tally : "\(tally): \(listed)\(more)"
        case .max(let xs, _):
            let names = xs.map { $0.text.trimmingSpaces }
            let shown = names.count > 3 ? names.prefix(3).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
            return "the highest of \(shown) is \(e.describe(e.outcome(in: context), vocabulary: vocabulary))"
        case .definition(let name, _):
            return title(name)
        default:
            return "\(e.text.trimmingSpaces) is \(e.describe(e.outcome(in: context), vocabulary: vocabulary))"
        }
    }

    /// A definition as reasons name it: its title, or its name in words.
    func title(_ name: String) -> String {
        code.definitionTitles[name] ?? name.replacingOccurrences(of: "_", with: " ")
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
    /// The text with runs of white space (from folded YAML) made single spaces, ends trimmed. By
    /// Unicode scalars: "\r\n" is one Character, which a test for "\n" or "\r" misses.
    public var trimmingSpaces: String {
        unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\t" || VisibleText.isLineBreak($0) })
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }
}
