/// The decision of an expression laid open: each sub-expression with its value, for `explain`
/// and for the plain-language reasons in reports.
public struct Explanation: Sendable {
    /// The sub-expression's text.
    public var text: String
    /// Its value: `true`, `false`, `unknown`, or a value such as `8,400,000` or `medium`.
    public var value: String
    /// Its parts.
    public var children: [Explanation]

    /// Renders the tree, one sub-expression a line, indented by depth.
    public func rendered(indent: String = "") -> String {
        var shown: Set<String> = []
        return rendered(indent: indent, shown: &shown)
    }

    /// Renders the tree as `rendered(indent:)` does, but a fact with a long value (a list of
    /// functionalities, say) already printed in `shown` reads "(as above)", so one explanation
    /// over many conditions prints each long value once.
    public func rendered(indent: String, shown: inout Set<String>) -> String {
        var line = "\(indent)\(text)  =>  \(value)"
        if children.isEmpty, value.count > Self.longValue, !shown.insert(text + "\u{0}" + value).inserted {
            line = "\(indent)\(text)  =>  (as above)"
        }
        var lines = [line]
        for c in children { lines.append(c.rendered(indent: indent + "    ", shown: &shown)) }
        return lines.joined(separator: "\n")
    }

    /// Values longer than this many characters are printed once per explanation.
    static let longValue = 40
}

extension Expr {
    /// Explains this expression's value against a context, naming facts by the vocabulary.
    public func explain(in context: EvaluationContext, vocabulary: Vocabulary, measureIDs: [String]) -> Explanation {
        let value: String
        switch type {
        case .bool:
            value = truth(in: context).description
        default:
            value = describe(outcome(in: context), vocabulary: vocabulary)
        }
        var children: [Explanation] = []
        switch kind {
        case .not(let e): children = [e.explain(in: context, vocabulary: vocabulary, measureIDs: measureIDs)]
        case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _):
            children = xs.map { $0.explain(in: context, vocabulary: vocabulary, measureIDs: measureIDs) }
        case .equal(let a, let b, _), .order(_, let a, let b):
            children = [a, b].filter { !$0.isConstant }.map { $0.explain(in: context, vocabulary: vocabulary, measureIDs: measureIDs) }
        case .member(let a, _):
            children = a.isConstant ? [] : [a.explain(in: context, vocabulary: vocabulary, measureIDs: measureIDs)]
        case .setContains(let set, _):
            children = [set.explain(in: context, vocabulary: vocabulary, measureIDs: measureIDs)]
        case .definition(_, let body):
            children = [body.explain(in: context, vocabulary: vocabulary, measureIDs: measureIDs)]
        case .applies(let i):
            return Explanation(text: "applies(\"\(measureIDs[i])\")", value: value, children: [])
        case .fact(let slot):
            return Explanation(text: vocabulary.facts[slot].path, value: value, children: [])
        default: break
        }
        // A comparison whose one side is a fact reads better as one line.
        if children.count == 1, children[0].children.isEmpty, case .equal = kind { children = [] }
        if children.count == 1, children[0].children.isEmpty, case .order = kind { children = [] }
        return Explanation(text: text.trimmingSpaces, value: value, children: children)
    }

    var isConstant: Bool {
        if case .constant = kind { return true }
        return false
    }

    func describe(_ o: Outcome, vocabulary: Vocabulary) -> String {
        switch o {
        case .unknown: return "unknown"
        case .range(let lo, let hi):
            let h = hi == .real(.infinity) ? "…" : rangeEnd(hi)
            return "between \(rangeEnd(lo)) and \(h)"
        case .known(let v):
            return v.rendered(as: factType)
        }
    }

    private func rangeEnd(_ o: Ordinal) -> String {
        let d: Double
        switch o {
        case .int(let i):
            if case .enumeration(let e) = type, i >= 0, i < e.values.count { return e.values[i] }
            return Value.grouped(i)
        case .real(let x): d = x
        }
        if case .enumeration(let e) = type, let i = Int(exactly: d), i >= 0, i < e.values.count { return e.values[i] }
        guard let n = Value.clampedInt(d) else { return d > 0 ? "no upper limit" : "no lower limit" }
        return d == d.rounded() && abs(d) < 9e15 ? Value.grouped(n) : String(d)
    }

    /// The fact type matching this node's expression type, for rendering values.
    var factType: FactType { type.factType }
}
