/// A known value of a fact, in the form the evaluator works on.
///
/// Enum values are kept as their position in the type's list (so order is integer order), sets
/// as a bit mask over the type's values (at most 64), dates as `yyyymmdd`.
public enum Value: Sendable, Hashable {
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case date(Int)
    case string(String)
    /// The position of the value in its enum type.
    case symbol(Int)
    /// Bit `i` set when the type's value `i` is in the set.
    case set(UInt64)

    /// The value as a number, for ordering: integers, numbers, dates and enum positions.
    var ordinal: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        case .date(let d): Double(d)
        case .symbol(let s): Double(s)
        default: nil
        }
    }

    /// The value as the files write it, for reasons and reports.
    public func rendered(as type: FactType) -> String {
        switch (self, type) {
        case (.bool(let b), _): b ? "true" : "false"
        case (.integer(let i), _): Value.grouped(i)
        case (.number(let d), _): d == d.rounded() && abs(d) < 1e15 ? Value.grouped(Int(d)) : String(d)
        case (.date(let d), _): Day(year: d / 10000, month: d / 100 % 100, day: d % 100)?.description ?? String(d)
        case (.string(let s), _): "\"\(s)\""
        case (.symbol(let i), .enumeration(let e)): i < e.values.count ? e.values[i] : String(i)
        case (.set(let mask), .set(let e)):
            "[" + e.values.enumerated().filter { mask & (1 << UInt64($0.offset)) != 0 }.map(\.element)
                .joined(separator: ", ") + "]"
        case (.symbol(let i), _): String(i)
        case (.set(let m), _): String(m)
        }
    }

    /// `8400000` as `8,400,000`.
    /// A whole number for a Double, clamped to Int's range (Int(Double) traps past it), or nil
    /// for NaN and infinities.
    public static func clampedInt(_ d: Double) -> Int? {
        guard d.isFinite else { return nil }
        if d >= 9_223_372_036_854_775_807.0 { return Int.max }
        if d <= -9_223_372_036_854_775_808.0 { return Int.min }
        return Int(d.rounded(.towardZero))
    }

    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
