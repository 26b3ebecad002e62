/// A type-checked, compiled expression: names are resolved to fact slots, definitions and
/// measure indices, and enum literals to their positions, so evaluation does no lookups by name.
///
/// Each node keeps its span in the text it came from, for `explain`.
public struct Expr: Sendable {
    indirect enum Kind: Sendable {
        case constant(Value)
        case fact(slot: Int)
        case not(Expr)
        case and([Expr])
        case or([Expr])
        /// Equality of two values of one type.
        case equal(Expr, Expr, negated: Bool)
        /// Ordering of two ordered values.
        case order(CompareOperator, Expr, Expr)
        /// A value among listed values.
        case member(Expr, [Expr])
        /// A set fact holding a value: `set contains value`, `value in set`.
        case setContains(set: Expr, value: Expr)
        case count([Expr])
        case any([Expr])
        case all([Expr])
        /// The greatest of ordered values; `top` is the type's greatest possible value.
        case max([Expr], top: Double)
        case has(slot: Int)
        case applies(measure: Int)
        /// A named definition, inlined; kept as a node so `explain` can name it.
        case definition(name: String, Expr)
    }

    var kind: Kind
    /// The text this node was compiled from (a definition's own text for its body).
    public var text: String
    /// The type of the node's value.
    var type: ExprType
    /// How many nodes a walk of the expression visits, each use of a definition counting its
    /// whole body (saturating): what evaluating, flattening or explaining it costs. Definitions
    /// are shared, not copied, in memory, so a small file can still name a huge expansion; the
    /// compiler refuses one past ``ExpressionLimits/maxExpandedNodes``.
    var size: Int

    init(kind: Kind, text: String, type: ExprType) {
        self.kind = kind
        self.text = text
        self.type = type
        var total = 1
        for child in kind.children { total = Self.saturating(total, child.size) }
        size = total
    }

    static func saturating(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}

extension Expr.Kind {
    /// The node's direct sub-expressions, in order: the one traversal every walk can share. The
    /// switch has no `default:`, so a new kind of node does not compile until it says its children.
    var children: [Expr] {
        switch self {
        case .constant, .fact, .has, .applies: []
        case .not(let e): [e]
        case .and(let es), .or(let es), .count(let es), .any(let es), .all(let es): es
        case .max(let es, _): es
        case .equal(let a, let b, _): [a, b]
        case .order(_, let a, let b): [a, b]
        case .member(let a, let items): [a] + items
        case .setContains(let set, let value): [set, value]
        case .definition(_, let body): [body]
        }
    }
}

/// The type of an expression's value.
enum ExprType: Sendable, Hashable, CustomStringConvertible {
    case bool
    case integer
    case number
    case date
    case string
    case enumeration(EnumType)
    case set(EnumType)

    init(_ t: FactType) {
        switch t {
        case .bool: self = .bool
        case .integer: self = .integer
        case .number: self = .number
        case .date: self = .date
        case .string: self = .string
        case .enumeration(let e): self = .enumeration(e)
        case .set(let e): self = .set(e)
        }
    }

    var isNumeric: Bool { self == .integer || self == .number }

    var isOrdered: Bool {
        switch self {
        case .integer, .number, .date: true
        case .enumeration(let e): e.ordered
        default: false
        }
    }

    /// The fact type of the same kind (without bounds), which names itself for messages.
    var factType: FactType {
        switch self {
        case .bool: .bool
        case .integer: .integer(min: nil, max: nil)
        case .number: .number(min: nil, max: nil)
        case .date: .date
        case .string: .string
        case .enumeration(let e): .enumeration(e)
        case .set(let e): .set(e)
        }
    }

    var description: String { factType.description }

    /// Whether values of the two types can be compared with `==`.
    func isComparable(with other: ExprType) -> Bool {
        if isNumeric && other.isNumeric { return true }
        return self == other
    }
}

