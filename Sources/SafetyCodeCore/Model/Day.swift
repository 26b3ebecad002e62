/// A calendar date without a time of day, as written in the files: `2026-09-30`.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to 31.
    public let day: Int

    /// Creates a date; nil when the date does not exist (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.length(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else.
    public init?(_ text: some StringProtocol) {
        guard let (y, m, d) = Self.fields(text) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The year, month and day of text written `YYYY-MM-DD` (digits only), whether or not
    /// they make a date.
    private static func fields(_ text: some StringProtocol) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return (y, m, d)
    }

    /// The number of days in a month (1 to 12) of a year.
    static func length(month: Int, year: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Why text written `YYYY-MM-DD` names no day, for a message ("February 2025 has 28 days");
    /// nil for a date, or for text not written so.
    public static func problem(_ text: some StringProtocol) -> String? {
        guard Day(text) == nil, let (y, m, d) = fields(text) else { return nil }
        if y < 1 { return "years run from 0001" }
        if !(1...12).contains(m) { return "a year has 12 months, not \(m)" }
        if d < 1 { return "days of the month run from 01" }
        return "\(monthNames[m - 1]) \(y) has \(length(month: m, year: y)) days"
    }

    /// The date as one sortable number, `yyyymmdd`.
    public var ordinal: Int { year * 10000 + month * 100 + day }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// A long form for reports: `30 September 2026`.
    public var long: String {
        "\(day) \(Self.monthNames[month - 1]) \(year)"
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
}
