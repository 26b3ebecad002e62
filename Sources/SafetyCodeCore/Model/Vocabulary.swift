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
    /// Every proper prefix of a fact path (`controls`, `controls.csam_hash_matching`).
    public var groups: Set<String>
    /// The lenses: named groups of kinds of harm a reader thinks in (SPEC section 10).
    public var lenses: [Lens] = []
    /// The facts as a tree of path parts, so a submission's nested keys are looked up one part
    /// at a time, without building dotted paths.
    let tree: PathTree

    /// Creates a vocabulary.
    public init(id: String, title: String, version: String?, file: String, facts: [Fact], slots: [String: Int]) {
        self.id = id
        self.title = title
        self.version = version
        self.file = file
        self.facts = facts
        self.slots = slots
        var groups = Set<String>()
        for f in facts {
            var path = Substring(f.path)
            while let dot = path.lastIndex(of: ".") {
                path = path[..<dot]
                groups.insert(String(path))
            }
        }
        self.groups = groups
        var tree = PathTree()
        for f in facts { tree.insert(f.path.split(separator: ".").map(String.init), slot: f.slot) }
        self.tree = tree
    }

    /// The fact at `path`, or nil.
    public func fact(_ path: String) -> Fact? { slots[path].map { facts[$0] } }

    /// True when some fact's path starts with `prefix.` (a group such as `controls.csam_hash_matching`).
    public func isGroup(_ prefix: String) -> Bool { groups.contains(prefix) }

    /// Slots reordered so facts of one group (`controls.moderation.*`) stand together, groups in
    /// the order they first appear: the order to write them as nested YAML without repeating a key.
    public func grouped(_ slots: [Int]) -> [Int] {
        var firstSeen: [String: Int] = [:]
        func group(_ slot: Int) -> String {
            let path = facts[slot].path
            return String(path[..<(path.lastIndex(of: ".") ?? path.endIndex)])
        }
        for (i, slot) in slots.enumerated() {
            let parts = group(slot).split(separator: ".")
            // Every enclosing group too, so that `controls` stays together around its groups.
            for k in 1...parts.count {
                let prefix = parts.prefix(k).joined(separator: ".")
                if firstSeen[prefix] == nil { firstSeen[prefix] = i }
            }
        }
        return slots.enumerated().sorted { a, b in
            let pa = group(a.element).split(separator: "."), pb = group(b.element).split(separator: ".")
            for k in 1...max(pa.count, pb.count) {
                let x = firstSeen[pa.prefix(k).joined(separator: ".")] ?? a.offset
                let y = firstSeen[pb.prefix(k).joined(separator: ".")] ?? b.offset
                if x != y { return x < y }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// A named group of kinds of harm, such as `child_sexual_abuse`.
    public struct Lens: Sendable {
        public var name: String
        public var title: String
        public var harms: [String]
        /// What the lens covers and where a harm that sits in two lenses belongs.
        public var note: String?
    }

    /// The lens called `name`, or nil.
    public func lens(_ name: String) -> Lens? { lenses.first { $0.name == name } }

    /// The names of the kinds of harm: the last parts of `risk.*` and `children_risk.*` facts.
    public var harmNames: Set<String> {
        Set(facts.compactMap { f in
            if f.path.hasPrefix("risk.") { return String(f.path.dropFirst(5)) }
            if f.path.hasPrefix("children_risk.") { return String(f.path.dropFirst(14)) }
            return nil
        })
    }
}

/// The facts of a vocabulary as a tree: each part of a dotted path is a step.
struct PathTree: Sendable {
    /// The slot when this node is a fact.
    var slot: Int?
    var children: [String: PathTree] = [:]

    mutating func insert(_ parts: some Collection<String>, slot: Int) {
        guard let first = parts.first else {
            self.slot = slot
            return
        }
        children[first, default: PathTree()].insert(parts.dropFirst(), slot: slot)
    }
}
