/// The parsed, not yet type-checked form of an expression, with the place of every part.
///
/// Offsets count Unicode scalars from the start of the expression's text; the YAML layer maps
/// them back to a line and column in the file.
struct Syntax: Sendable {
    indirect enum Kind: Sendable {
        case integer(Int)
        case number(Double)
        case string(String)
        case bool(Bool)
        case date(Day)
        /// A fact path, a definition name or a bare enum value: which one is decided by the checker.
        case name(String)
        case list([Syntax])
        case call(String, [Syntax])
        case not(Syntax)
        case and(Syntax, Syntax)
        case or(Syntax, Syntax)
        case compare(CompareOperator, Syntax, Syntax)
        case inList(Syntax, Syntax)
        case contains(Syntax, Syntax)
        case group(Syntax)
    }

    var kind: Kind
    /// Offset of the first character, in Unicode scalars.
    var offset: Int
    /// Length in Unicode scalars.
    var length: Int

    var end: Int { offset + length }
}

/// The comparison operators.
public enum CompareOperator: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    var isOrdering: Bool { self != .equal && self != .notEqual }
}
