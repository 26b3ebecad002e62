/// An expression compiled into a flat array of plain nodes, evaluated without reference counting
/// or lookups: the assessment's hot path. ``Expr`` stays the form for explanations; the tests
/// check that both give the same value on every measure of every shipped code.
struct Program: Sendable {
    enum Op: UInt8, Sendable {
        // Truth-valued.
        case constTrue, constFalse, boolFact, not, and, or, has, applies
        case numEq, numNe, lt, le, gt, ge, boolEq, boolNe, strEq, strNe, setEq, setNe, setContains
        // Value-valued.
        case numConst, numFact, count, max, strConst, strFact, setConst, setFact
    }

    struct Node: Sendable {
        var op: Op
        /// First operand: a slot, a measure index, a child node, or the start of a child list.
        var a: Int32 = 0
        /// Second operand: a child node, or the length of a child list.
        var b: Int32 = 0
        /// A numeric constant, or the greatest value of `max` (exact for integers).
        var k: Ordinal = .int(0)
    }

    var nodes: [Node] = []
    var lists: [Int32] = []
    var strings: [String] = []
    var masks: [UInt64] = []

    /// Compiles an expression; returns the index of its root node.
    mutating func add(_ e: Expr) -> Int32 {
        func push(_ n: Node) -> Int32 {
            nodes.append(n)
            return Int32(nodes.count - 1)
        }
        func list(_ xs: [Expr]) -> (Int32, Int32) {
            let children = xs.map { add($0) }
            let start = Int32(lists.count)
            lists.append(contentsOf: children)
            return (start, Int32(children.count))
        }
        switch e.kind {
        case .constant(let v):
            switch v {
            case .bool(let b): return push(Node(op: b ? .constTrue : .constFalse))
            case .string(let s):
                strings.append(s)
                return push(Node(op: .strConst, a: Int32(strings.count - 1)))
            case .set(let m):
                masks.append(m)
                return push(Node(op: .setConst, a: Int32(masks.count - 1)))
            default: return push(Node(op: .numConst, k: v.exact ?? .int(0)))
            }
        case .fact(let slot):
            switch e.type {
            case .bool: return push(Node(op: .boolFact, a: Int32(slot)))
            case .string: return push(Node(op: .strFact, a: Int32(slot)))
            case .set: return push(Node(op: .setFact, a: Int32(slot)))
            default: return push(Node(op: .numFact, a: Int32(slot)))
            }
        case .not(let x): return push(Node(op: .not, a: add(x)))
        case .and(let xs), .all(let xs):
            let (s, n) = list(xs)
            return push(Node(op: .and, a: s, b: n))
        case .or(let xs), .any(let xs):
            let (s, n) = list(xs)
            return push(Node(op: .or, a: s, b: n))
        case .equal(let x, let y, let negated):
            let l = add(x), r = add(y)
            let op: Op = switch x.type {
            case .bool: negated ? .boolNe : .boolEq
            case .string: negated ? .strNe : .strEq
            case .set: negated ? .setNe : .setEq
            default: negated ? .numNe : .numEq
            }
            return push(Node(op: op, a: l, b: r))
        case .order(let op, let x, let y):
            let l = add(x), r = add(y)
            let o: Op = switch op {
            case .less: .lt
            case .lessOrEqual: .le
            case .greater: .gt
            case .greaterOrEqual: .ge
            case .equal: .numEq
            case .notEqual: .numNe
            }
            return push(Node(op: o, a: l, b: r))
        case .member(let x, let items):
            // x in [a, b] is (x == a) or (x == b).
            let equalities = items.map { Expr(kind: .equal(x, $0, negated: false), text: "", type: .bool) }
            let (s, n) = list(equalities)
            return push(Node(op: .or, a: s, b: n))
        case .setContains(let set, let value):
            let l = add(set), r = add(value)
            return push(Node(op: .setContains, a: l, b: r))
        case .count(let xs):
            let (s, n) = list(xs)
            return push(Node(op: .count, a: s, b: n))
        case .max(let xs, let top):
            let (s, n) = list(xs)
            return push(Node(op: .max, a: s, b: n, k: .real(top)))
        case .has(let slot): return push(Node(op: .has, a: Int32(slot)))
        case .applies(let i): return push(Node(op: .applies, a: Int32(i)))
        case .definition(_, let body): return add(body)
        }
    }
}

/// A submission's facts resolved once into plain arrays by slot: what programs read.
public struct FactTable: Sendable {
    var known: [Bool]
    /// Numbers, integers, dates and enum positions exactly; booleans as 0 and 1.
    var number: [Ordinal]
    var mask: [UInt64]
    var text: [String?]

    /// Resolves a submission's facts.
    public init(_ facts: [Value?]) {
        let n = facts.count
        known = [Bool](repeating: false, count: n)
        number = [Ordinal](repeating: .int(0), count: n)
        mask = [UInt64](repeating: 0, count: n)
        text = [String?](repeating: nil, count: n)
        for (i, v) in facts.enumerated() {
            guard let v else { continue }
            known[i] = true
            switch v {
            case .bool(let b): number[i] = .int(b ? 1 : 0)
            case .set(let m): mask[i] = m
            case .string(let s): text[i] = s
            default: number[i] = v.exact ?? .int(0)
            }
        }
    }
}

extension Program {
    /// A value: known when `lo == hi`; `known == false` for unknown.
    struct Interval {
        var lo: Ordinal
        var hi: Ordinal
        var known: Bool
        static let unknown = Interval(lo: .int(0), hi: .int(0), known: false)
    }

    func truth(_ i: Int32, _ f: FactTable, _ applicability: [Tri]) -> Tri {
        let n = nodes[Int(i)]
        switch n.op {
        case .constTrue: return .yes
        case .constFalse: return .no
        case .boolFact:
            let s = Int(n.a)
            return f.known[s] ? (f.number[s] != .int(0) ? .yes : .no) : .unknown
        case .not: return !truth(n.a, f, applicability)
        case .and:
            var unknown = false
            for k in Int(n.a)..<Int(n.a + n.b) {
                switch truth(lists[k], f, applicability) {
                case .no: return .no
                case .unknown: unknown = true
                case .yes: break
                }
            }
            return unknown ? .unknown : .yes
        case .or:
            var unknown = false
            for k in Int(n.a)..<Int(n.a + n.b) {
                switch truth(lists[k], f, applicability) {
                case .yes: return .yes
                case .unknown: unknown = true
                case .no: break
                }
            }
            return unknown ? .unknown : .no
        case .has: return f.known[Int(n.a)] ? .yes : .no
        case .applies: return applicability[Int(n.a)]
        case .numEq, .numNe:
            let x = value(n.a, f, applicability), y = value(n.b, f, applicability)
            guard x.known, y.known else { return .unknown }
            let r: Tri
            if x.hi < y.lo || y.hi < x.lo { r = .no } else if x.lo == x.hi && y.lo == y.hi { r = .yes } else { r = .unknown }
            return n.op == .numEq ? r : !r
        case .lt, .le, .gt, .ge:
            let x = value(n.a, f, applicability), y = value(n.b, f, applicability)
            guard x.known, y.known else { return .unknown }
            switch n.op {
            case .lt: return x.hi < y.lo ? .yes : x.lo >= y.hi ? .no : .unknown
            case .le: return x.hi <= y.lo ? .yes : x.lo > y.hi ? .no : .unknown
            case .gt: return x.lo > y.hi ? .yes : x.hi <= y.lo ? .no : .unknown
            default: return x.lo >= y.hi ? .yes : x.hi < y.lo ? .no : .unknown
            }
        case .boolEq, .boolNe:
            let x = truth(n.a, f, applicability), y = truth(n.b, f, applicability)
            guard x != .unknown, y != .unknown else { return .unknown }
            return (x == y) == (n.op == .boolEq) ? .yes : .no
        case .strEq, .strNe:
            guard let x = string(n.a, f), let y = string(n.b, f) else { return .unknown }
            return (x == y) == (n.op == .strEq) ? .yes : .no
        case .setEq, .setNe:
            guard let x = set(n.a, f), let y = set(n.b, f) else { return .unknown }
            return (x == y) == (n.op == .setEq) ? .yes : .no
        case .setContains:
            guard let m = set(n.a, f) else { return .unknown }
            let v = value(n.b, f, applicability)
            guard v.known, v.lo == v.hi, case .int(let bit) = v.lo, bit >= 0 else { return .unknown }
            return m & (1 << UInt64(bit)) != 0 ? .yes : .no
        case .numConst, .numFact, .count, .max, .strConst, .strFact, .setConst, .setFact:
            return .unknown
        }
    }

    func value(_ i: Int32, _ f: FactTable, _ applicability: [Tri]) -> Interval {
        let n = nodes[Int(i)]
        switch n.op {
        case .numConst: return Interval(lo: n.k, hi: n.k, known: true)
        case .numFact:
            let s = Int(n.a)
            return f.known[s] ? Interval(lo: f.number[s], hi: f.number[s], known: true) : .unknown
        case .count:
            var yes = 0, unknown = 0
            for k in Int(n.a)..<Int(n.a + n.b) {
                switch truth(lists[k], f, applicability) {
                case .yes: yes += 1
                case .unknown: unknown += 1
                case .no: break
                }
            }
            return Interval(lo: .int(yes), hi: .int(yes + unknown), known: true)
        case .max:
            var best: Ordinal?
            var sawUnknown = false
            for k in Int(n.a)..<Int(n.a + n.b) {
                let v = value(lists[k], f, applicability)
                if v.known { best = best.map { Swift.max($0, v.lo) } ?? v.lo } else { sawUnknown = true }
                if v.known && v.lo != v.hi { sawUnknown = true }
            }
            guard let best else { return .unknown }
            return Interval(lo: best, hi: sawUnknown ? n.k : best, known: true)
        default:
            return .unknown
        }
    }

    func string(_ i: Int32, _ f: FactTable) -> String? {
        let n = nodes[Int(i)]
        switch n.op {
        case .strConst: return strings[Int(n.a)]
        case .strFact: return f.text[Int(n.a)]
        default: return nil
        }
    }

    func set(_ i: Int32, _ f: FactTable) -> UInt64? {
        let n = nodes[Int(i)]
        switch n.op {
        case .setConst: return masks[Int(n.a)]
        case .setFact: return f.known[Int(n.a)] ? f.mask[Int(n.a)] : nil
        default: return nil
        }
    }
}

/// The compiled form of a code: one program for its conditions, and per version of each measure
/// the roots of its applicability and checks and the plain facts the assessment loop needs, so
/// the loop never copies a ``Measure`` or walks an expression tree.
///
/// Each version is a row. Rows `0..<count` are the measures' latest versions, in the code's
/// order; the earlier versions an overlay replaced (still assessed while their replacement is not
/// in force) follow, each measure's in the order the version that binds is looked for (the first
/// in force binds). Lists per row (checks, weights, dates, dependencies) are kept flat, each row
/// a range of one array: reading them allocates nothing and retains nothing.
struct Plan: Sendable {
    var program = Program()
    /// The number of measures: rows `0..<count` are their latest versions.
    var count = 0
    /// Root of each row's `applies_when`, or -1 when it always applies.
    var applies: [Int32] = []
    /// Row `r`'s checks are `checkStart[r]..<checkStart[r + 1]` of `checkRoots`, `weights` and
    /// `checkInForce`.
    var checkStart: [Int] = [0]
    var checkRoots: [Int32] = []
    var weights: [Int] = []
    /// Each check's own in-force date.
    var checkInForce: [Day?] = []
    /// Whether any of a row's checks has its own in-force date.
    var checkDated: [Bool] = []
    /// Row `r`'s `depends_on` measures are `dependsStart[r]..<dependsStart[r + 1]` of `dependsOn`.
    var dependsStart: [Int] = [0]
    var dependsOn: [Int] = []
    var optional: [Bool] = []
    var critical: [Bool] = []
    var status: [Code.Status?] = []
    var inForce: [Day?] = []
    var ids: [String] = []
    /// Measure `i`'s earlier versions are rows `earlierStart[i]..<earlierStart[i + 1]`.
    var earlierStart: [Int] = [0]

    init() {}

    init(_ measures: [Measure]) {
        count = measures.count
        for m in measures { addRow(m) }
        // The earlier versions' rows follow the latest versions'.
        earlierStart = [measures.count]
        for m in measures {
            // Depth first, each version before the versions it replaced: the order of the search
            // for the version in force (``Assessor/inForceVersion(of:at:)``).
            var stack = Array(m.replaces.reversed())
            while let version = stack.popLast() {
                addRow(version)
                stack += version.replaces.reversed()
            }
            earlierStart.append(ids.count)
        }
    }

    private mutating func addRow(_ m: Measure) {
        applies.append(m.appliesWhen.map { program.add($0) } ?? -1)
        for c in m.requires {
            checkRoots.append(program.add(c.check))
            weights.append(c.weight)
            checkInForce.append(c.inForce)
        }
        checkStart.append(checkRoots.count)
        checkDated.append(m.requires.contains { $0.inForce != nil })
        dependsOn += m.dependsOnIndices
        dependsStart.append(dependsOn.count)
        optional.append(m.optional)
        critical.append(m.severity == .critical)
        status.append(m.status)
        inForce.append(m.inForce)
        ids.append(m.id)
    }

    /// The positions of row `r`'s checks in `checkRoots`, `weights` and `checkInForce`.
    func checks(_ r: Int) -> Range<Int> { checkStart[r]..<checkStart[r + 1] }

    /// Row `r`'s check weights, in order.
    func rowWeights(_ r: Int) -> ArraySlice<Int> { weights[checks(r)] }

    /// The rows of measure `i`'s earlier versions.
    func earlier(_ i: Int) -> Range<Int> { earlierStart[i]..<earlierStart[i + 1] }

    /// The value of each of row `r`'s checks.
    func checkValues(_ r: Int, _ table: FactTable, _ applicability: [Tri]) -> [Tri] {
        checks(r).map { program.truth(checkRoots[$0], table, applicability) }
    }

    /// Row `r`'s applicability once the measures it depends on are decided.
    func applicability(_ r: Int, _ table: FactTable, _ applicability: [Tri]) -> Tri {
        let root = applies[r]
        var a = root < 0 ? Tri.yes : program.truth(root, table, applicability)
        for k in dependsStart[r]..<dependsStart[r + 1] { a = a && applicability[dependsOn[k]] }
        return a
    }
}
