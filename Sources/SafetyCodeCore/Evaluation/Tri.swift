/// A three-valued truth: true, false or unknown, combined by Kleene's rules.
public enum Tri: Sendable, Hashable, CustomStringConvertible {
    case yes, no, unknown

    /// Wraps a known truth.
    public init(_ b: Bool) { self = b ? .yes : .no }

    /// `false and unknown` is false; `true and unknown` is unknown.
    public static func && (a: Tri, b: @autoclosure () -> Tri) -> Tri {
        if a == .no { return .no }
        let r = b()
        if r == .no { return .no }
        return a == .yes && r == .yes ? .yes : .unknown
    }

    /// `true or unknown` is true; `false or unknown` is unknown.
    public static func || (a: Tri, b: @autoclosure () -> Tri) -> Tri {
        if a == .yes { return .yes }
        let r = b()
        if r == .yes { return .yes }
        return a == .no && r == .no ? .no : .unknown
    }

    /// `not unknown` is unknown.
    public static prefix func ! (a: Tri) -> Tri {
        switch a {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    /// The value as JSON writes it: true, false or null.
    public var json: String {
        switch self {
        case .yes: "true"
        case .no: "false"
        case .unknown: "null"
        }
    }

    /// `true`, `false` or `unknown`.
    public var description: String {
        switch self {
        case .yes: "true"
        case .no: "false"
        case .unknown: "unknown"
        }
    }
}
