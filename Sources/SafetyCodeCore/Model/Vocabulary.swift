import YAMLTree

/// The facts a regulator's codes may ask about: each with its dotted path, type and question.
///
/// Each fact has a slot number; submissions are resolved into an array indexed by slot, so
/// evaluation never looks a fact up by name.
public struct Vocabulary: Sendable {
    /// One fact.
    public struct Fact: Sendable {
        /// The dotted path, such as `service.uk_users`.
        public var path: String
        /// Its type.
        public var type: FactType
        /// The one-line question a policy team would put to the platform.
        public var question: String
        /// Optional explanation.
        public var help: String?
        /// Optional unit (`users`).
        public var unit: String?
        /// Optional example value, as written.
        public var example: String?
        /// The slot number: the fact's position in the vocabulary.
        public var slot: Int
        /// Where it is defined.
        public var location: SourceLocation
    }

    /// The vocabulary's id (`ofcom`).
    public var id: String
    /// Its title.
    public var title: String
    /// Its version.
    public var version: String?
    /// The file it was read from.
    public var file: String
    /// Every fact, in the order written (index = slot).
    public var facts: [Fact]
    /// Slot by path.
    public var slots: [String: Int]

    /// The fact at `path`, or nil.
    public func fact(_ path: String) -> Fact? { slots[path].map { facts[$0] } }

    /// True when some fact's path starts with `prefix.` (a group such as `controls.csam_hash_matching`).
    public func isGroup(_ prefix: String) -> Bool {
        let p = prefix + "."
        return facts.contains { $0.path.hasPrefix(p) }
    }

    /// The names of the kinds of harm: the last parts of `risk.*` and `children_risk.*` facts.
    public var harmNames: Set<String> {
        Set(facts.compactMap { f in
            if f.path.hasPrefix("risk.") { return String(f.path.dropFirst(5)) }
            if f.path.hasPrefix("children_risk.") { return String(f.path.dropFirst(14)) }
            return nil
        })
    }
}
