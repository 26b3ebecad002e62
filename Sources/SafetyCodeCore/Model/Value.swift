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

    /// The value's place in its ordering, exact: integers, dates and enum positions as Int,
    /// numbers as Double. What the evaluators compare (a Double would round integers past 2^53).
    var exact: Ordinal? {
        switch self {
        case .integer(let i), .date(let i), .symbol(let i): .int(i)
        case .number(let d): .real(d)
        default: nil
        }
    }

    /// The value as a number, for ordering: integers, numbers, dates and enum positions. Rounded
    /// past 2^53: the evaluators compare ``exact`` instead.
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

/// A number as the evaluators order it: an integer (a count, a date, an enum position) kept as
/// Int, a number as Double, the two compared exactly, so 2^53 + 1 stays above 2^53 and Int.max
/// below 2^63.
enum Ordinal: Sendable, Comparable {
    case int(Int)
    case real(Double)

    static func == (a: Ordinal, b: Ordinal) -> Bool { compare(a, b) == 0 }
    static func < (a: Ordinal, b: Ordinal) -> Bool { compare(a, b) < 0 }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`.
    static func compare(_ a: Ordinal, _ b: Ordinal) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.real(let x), .real(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.int(let x), .real(let y)): compare(x, y)
        case (.real(let x), .int(let y)): -compare(y, x)
        }
    }

    /// An Int against a Double, exactly: the Double's whole part is exact below 2^63, so the two
    /// are compared as integers and then by the Double's fraction. (NaN, which no fact or
    /// constant can be, counts as equal rather than trapping.)
    private static func compare(_ i: Int, _ d: Double) -> Int {
        if d.isNaN { return 0 }
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = d.rounded(.down)
        let w = Int(whole)
        if i != w { return i < w ? -1 : 1 }
        return whole < d ? -1 : 0
    }

    /// The number as a Double (rounded past 2^53), for the probe's number facts.
    var double: Double {
        switch self {
        case .int(let i): Double(i)
        case .real(let d): d
        }
    }
}
