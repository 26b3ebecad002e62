import YAMLTree

/// A regulator's risk profiles and risk-level guidance (SPEC section 9): for each kind of harm,
/// the service characteristics that are risk factors for it, and the rules that say when a
/// declared level below medium or high is hard to defend.
///
/// Conditions are compiled against the same vocabulary as the codes; within a kind of harm,
/// each factor's id names its condition, so a rule can read `child_users and direct_messaging`.
public struct RiskProfile: Sendable {
    /// The profile's id (`ofcom-u2u-illegal-content`).
    public var id: String
    /// Its version.
    public var version: String
    /// Its title.
    public var title: String
    /// Who published the guidance it encodes.
    public var publisher: String?
    /// The guidance document's address.
    public var sourceURL: String?
    /// The guidance document's title.
    public var sourceTitle: String?
    /// What the profile covers, in a sentence or two.
    public var description: String?
    /// The file it was read from.
    public var file: String
    /// The kinds of harm, in the file's order.
    public var harms: [Harm]

    /// One kind of harm: its risk factors and its level guidance.
    public struct Harm: Sendable {
        /// The declared level's fact path, such as `risk.grooming`.
        public var path: String
        /// The fact's slot in the vocabulary.
        public var slot: Int
        /// A plain-language name (`grooming`), from the file or the path.
        public var title: String
        /// The characteristics that are risk factors for this harm.
        public var factors: [Factor]
        /// The rules, each naming a level the guidance expects at least.
        public var guidance: [Rule]
        /// Where it is written.
        public var location: SourceLocation
    }

    /// A service characteristic that is a risk factor for a kind of harm.
    public struct Factor: Sendable {
        /// A snake_case id, usable as a name in the harm's rules.
        public var id: String
        /// What it is, in words (`Users can send direct messages`).
        public var text: String
        /// When the service has it.
        public var when: Expr
        /// Where the guidance says so, and how sure that is.
        public var source: Measure.Provenance
        /// Where it is written.
        public var location: SourceLocation
    }

    /// A level-guidance rule: when `when` holds, the guidance expects at least `atLeast`.
    public struct Rule: Sendable {
        /// A short id for the rule (`grooming-high`).
        public var id: String
        /// The level expected at least, as a position in the risk level type.
        public var atLeast: Int
        /// The level's name (`high`).
        public var level: String
        /// When it applies.
        public var when: Expr
        /// What the guidance says, in words.
        public var text: String
        /// Where the guidance says so, and how sure that is.
        public var source: Measure.Provenance
        /// Where it is written.
        public var location: SourceLocation
    }

    /// The kind of harm at `path`, if the profile has it.
    public func harm(_ path: String) -> Harm? { harms.first { $0.path == path } }
}

extension RiskProfile {
    /// The slots of every fact the profile's factors and rules read, in slot order: what a
    /// submission must answer for its declared levels to be checked.
    public var factsUsed: [Int] {
        var used = Set<Int>()
        func walk(_ e: Expr) {
            switch e.kind {
            case .fact(let s), .has(let s): used.insert(s)
            case .not(let x), .definition(_, let x): walk(x)
            case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _): xs.forEach(walk)
            case .equal(let a, let b, _), .order(_, let a, let b), .setContains(let a, let b): walk(a); walk(b)
            case .member(let a, let xs): walk(a); xs.forEach(walk)
            case .constant, .applies: break
            }
        }
        for h in harms {
            h.factors.forEach { walk($0.when) }
            h.guidance.forEach { walk($0.when) }
        }
        return used.sorted()
    }
}
