/// The facts of one submission, resolved into slots, and the applicability of the measures
/// decided so far: everything an expression can read.
public struct EvaluationContext: Sendable {
    /// The value of each fact by slot; nil is unknown.
    public var facts: [Value?]
    /// The applicability of each measure by index, filled in dependency order.
    public var applicability: [Tri]
    /// The same facts resolved into plain arrays, for compiled programs.
    var table: FactTable

    /// Creates a context.
    public init(facts: [Value?], measureCount: Int) {
        self.facts = facts
        self.applicability = Array(repeating: .unknown, count: measureCount)
        self.table = FactTable(facts)
    }

    /// A context for the expression tree alone (the diff probe, reasons): no table for compiled
    /// programs is built, so making one costs nothing past the facts it is given.
    init(treeFacts facts: [Value?], measureCount: Int) {
        self.facts = facts
        self.applicability = Array(repeating: .unknown, count: measureCount)
        self.table = FactTable([])
    }
}

/// The value of a non-boolean expression: known, unknown, or a range (from `count` and `max`
/// over unknowns), its bounds exact for integers.
enum Outcome: Sendable, Equatable {
    case known(Value)
    case unknown
    case range(Ordinal, Ordinal)
}

extension Expr {
    /// Evaluates a condition in three-valued logic.
    public func truth(in context: EvaluationContext) -> Tri {
        switch kind {
        case .constant(.bool(let b)):
            return Tri(b)
        case .fact(let slot):
            if case .bool(let b)? = context.facts[slot] { return Tri(b) }
            return .unknown
        case .not(let e):
            return !e.truth(in: context)
        case .and(let xs), .all(let xs):
            var sawUnknown = false
            for x in xs {
                switch x.truth(in: context) {
                case .no: return .no
                case .unknown: sawUnknown = true
                case .yes: break
                }
            }
            return sawUnknown ? .unknown : .yes
        case .or(let xs), .any(let xs):
            var sawUnknown = false
            for x in xs {
                switch x.truth(in: context) {
                case .yes: return .yes
                case .unknown: sawUnknown = true
                case .no: break
                }
            }
            return sawUnknown ? .unknown : .no
        case .equal(let a, let b, let negated):
            let r = Self.equal(a.outcome(in: context), b.outcome(in: context))
            return negated ? !r : r
        case .order(let op, let a, let b):
            return Self.order(op, a.outcome(in: context), b.outcome(in: context))
        case .member(let a, let items):
            let v = a.outcome(in: context)
            var result = Tri.no
            for item in items {
                result = result || Self.equal(v, item.outcome(in: context))
                if result == .yes { return .yes }
            }
            return result
        case .setContains(let set, let value):
            guard case .known(.set(let mask)) = set.outcome(in: context),
                  case .known(.symbol(let i)) = value.outcome(in: context) else { return .unknown }
            return Tri(mask & (1 << UInt64(i)) != 0)
        case .has(let slot):
            return Tri(context.facts[slot] != nil)
        case .applies(let index):
            return context.applicability[index]
        case .definition(_, let body):
            return body.truth(in: context)
        case .constant, .count, .max:
            return .unknown
        }
    }

    /// Evaluates a value.
    func outcome(in context: EvaluationContext) -> Outcome {
        switch kind {
        case .constant(let v):
            return .known(v)
        case .fact(let slot):
            return context.facts[slot].map { .known($0) } ?? .unknown
        case .count(let xs):
            var yes = 0, unknown = 0
            for x in xs {
                switch x.truth(in: context) {
                case .yes: yes += 1
                case .unknown: unknown += 1
                case .no: break
                }
            }
            return unknown == 0 ? .known(.integer(yes)) : .range(.int(yes), .int(yes + unknown))
        case .max(let xs, let top):
            var best: Value?
            var bestOrdinal: Ordinal?
            var sawUnknown = false
            for x in xs {
                switch x.outcome(in: context) {
                case .known(let v):
                    if let o = v.exact, bestOrdinal.map({ o > $0 }) ?? true { best = v; bestOrdinal = o }
                case .range(let lo, _):
                    sawUnknown = true
                    bestOrdinal = bestOrdinal.map { Swift.max($0, lo) } ?? lo
                case .unknown:
                    sawUnknown = true
                }
            }
            if !sawUnknown, let best { return .known(best) }
            guard let bestOrdinal else { return .unknown }
            return .range(bestOrdinal, .real(top))
        default:
            switch truth(in: context) {
            case .yes: return .known(.bool(true))
            case .no: return .known(.bool(false))
            case .unknown: return .unknown
            }
        }
    }

    private static func bounds(_ o: Outcome) -> (Ordinal, Ordinal)? {
        switch o {
        case .known(let v): v.exact.map { ($0, $0) }
        case .range(let lo, let hi): (lo, hi)
        case .unknown: nil
        }
    }

    static func equal(_ a: Outcome, _ b: Outcome) -> Tri {
        switch (a, b) {
        case (.unknown, _), (_, .unknown): return .unknown
        case (.known(let x), .known(let y)):
            if let p = x.exact, let q = y.exact { return Tri(p == q) }
            return Tri(x == y)
        default:
            guard let (alo, ahi) = bounds(a), let (blo, bhi) = bounds(b) else { return .unknown }
            if ahi < blo || bhi < alo { return .no }
            if alo == ahi && blo == bhi && alo == blo { return .yes }
            return .unknown
        }
    }

    static func order(_ op: CompareOperator, _ a: Outcome, _ b: Outcome) -> Tri {
        guard let (alo, ahi) = bounds(a), let (blo, bhi) = bounds(b) else { return .unknown }
        switch op {
        case .less:
            if ahi < blo { return .yes }
            if alo >= bhi { return .no }
        case .lessOrEqual:
            if ahi <= blo { return .yes }
            if alo > bhi { return .no }
        case .greater:
            if alo > bhi { return .yes }
            if ahi <= blo { return .no }
        case .greaterOrEqual:
            if alo >= bhi { return .yes }
            if ahi < blo { return .no }
        case .equal, .notEqual:
            let r = equal(a, b)
            return op == .equal ? r : !r
        }
        return .unknown
    }
}
