/// The facts a template or questionnaire asks for several codes sharing one vocabulary: every
/// fact any of their measures reads, then the facts only their risk profiles read, each once, in
/// the vocabulary's grouping (SPEC section 2.1). `safetycode template` and the workbench's
/// questionnaire ask exactly this set, in this order.
public struct AskedFacts: Sendable {
    /// The slots, grouped as nested YAML writes them (``Vocabulary/grouped(_:)``).
    public var slots: [Int]
    /// Per slot, the codes (`"ID VERSION"`) that ask it, in the order given; for a slot only a
    /// risk profile reads, one entry naming the profile.
    public var askedBy: [Int: [String]]
    /// Slots that no measure reads, asked so the declared risk levels can be checked.
    public var profileOnly: Set<Int>

    /// The facts `codes` ask about; empty for no codes. The codes must share one vocabulary
    /// (the first code's is used).
    public init(codes: [Code]) {
        guard let first = codes.first else {
            slots = []
            askedBy = [:]
            profileOnly = []
            return
        }
        var askedBy: [Int: [String]] = [:]
        var order: [Int] = []
        for code in codes {
            let name = "\(code.header.id) \(code.header.version)"
            for slot in code.factsUsed {
                if askedBy[slot] == nil { order.append(slot) }
                if askedBy[slot]?.contains(name) != true { askedBy[slot, default: []].append(name) }
            }
        }
        // Facts only the risk profiles read (service kinds, network-expansion prompts...): asked too,
        // so the declared risk levels can be checked against the guidance.
        var profileOnly: Set<Int> = []
        for p in first.riskProfiles {
            for slot in p.factsUsed where askedBy[slot] == nil {
                order.append(slot)
                profileOnly.insert(slot)
                askedBy[slot] = ["the risk profile \(p.id) (to check the declared risk levels)"]
            }
        }
        self.slots = first.vocabulary.grouped(order)
        self.askedBy = askedBy
        self.profileOnly = profileOnly
    }
}
