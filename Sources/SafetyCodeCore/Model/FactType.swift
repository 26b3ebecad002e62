/// The type of a fact in the vocabulary, and so of the values a submission may give it.
public enum FactType: Sendable, Hashable, CustomStringConvertible {
    case bool
    case integer(min: Int?, max: Int?)
    case number(min: Double?, max: Double?)
    case date
    case string
    /// One of listed values; ordered when `<` and `>=` mean something (risk levels).
    case enumeration(EnumType)
    /// Any number of listed values.
    case set(EnumType)

    /// A short name for messages: `integer`, `risk_level`, `set of functionality`.
    public var description: String {
        switch self {
        case .bool: "bool"
        case .integer: "integer"
        case .number: "number"
        case .date: "date"
        case .string: "string"
        case .enumeration(let e): e.name ?? "enum (\(e.values.joined(separator: ", ")))"
        case .set(let e): "set of " + (e.name ?? "(\(e.values.joined(separator: ", ")))")
        }
    }
}

/// The listed values of an enum or set type.
public struct EnumType: Sendable, Hashable {
    /// The name of a named type (`risk_level`), or nil for one written inline.
    public var name: String?
    /// The values, lowest first when ordered.
    public var values: [String]
    /// Whether order means something.
    public var ordered: Bool

    /// Creates an enum type.
    public init(name: String? = nil, values: [String], ordered: Bool = false) {
        self.name = name
        self.values = values
        self.ordered = ordered
    }

    /// The position of a value, or nil when it is not one of the values.
    public func index(of value: String) -> Int? { values.firstIndex(of: value) }
}
