extension Assessor {
    /// The positions of the checks whose own in-force date is after `date` (SPEC section 2.4):
    /// they are listed apart and neither scored nor counted in the status.
    static func checksNotInForce(_ dates: [Day?], at date: Day) -> [Int] {
        dates.indices.filter { dates[$0].map { $0 > date } ?? false }
    }

    /// The checks not yet in force, in words: `check 'x' from 29 June 2026`.
    static func pendingWords(_ m: Measure, _ pending: [Int]) -> String {
        pending.filter { $0 < m.requires.count }.map { k in
            let c = m.requires[k]
            return "check '\(c.id)'" + (c.inForce.map { " from \($0.long)" } ?? "")
        }.joined(separator: ", ")
    }
}
