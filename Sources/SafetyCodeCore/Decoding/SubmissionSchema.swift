/// Byte strings to small integers: the keys a submission may use, looked up straight from the
/// parser's bytes without making a `String` (open addressing on an FNV-1a hash).
struct KeyTable: Sendable {
    private var keys: [[UInt8]] = []
    private var values: [Int] = []
    /// Index + 1 into `keys`, 0 for an empty bucket.
    private var buckets: [Int32] = [0, 0]

    init(_ pairs: [(String, Int)]) {
        var capacity = 4
        while capacity < pairs.count * 2 { capacity <<= 1 }
        buckets = [Int32](repeating: 0, count: capacity)
        for (key, value) in pairs {
            let bytes = Array(key.utf8)
            var b = bytes.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & (capacity - 1)
            while buckets[b] != 0 { b = (b + 1) & (capacity - 1) }
            keys.append(bytes)
            values.append(value)
            buckets[b] = Int32(keys.count)
        }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in bytes { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h
    }

    /// The value of `bytes`, or nil.
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = buckets.count - 1
        var b = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let k = Int(buckets[b])
            if k == 0 { return nil }
            let key = keys[k - 1]
            if key.count == bytes.count, key.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return values[k - 1] }
            b = (b + 1) & mask
        }
    }
}

/// A vocabulary's fact paths as a tree of key tables, for ``SubmissionReader/decodeEvents(_:file:schema:limits:)``:
/// built once per vocabulary and shared by every worker of a run.
public final class SubmissionSchema: Sendable {
    /// One mapping of fact groups or one fact.
    struct Node: Sendable {
        /// The fact's slot, or -1 for a group.
        var slot: Int
        /// For a group: its keys, to the index of the child node.
        var children: KeyTable
    }

    let vocabulary: Vocabulary
    let nodes: [Node]
    /// The node of each fact part at the top (`service`, `risk`, `children_risk`, `controls`).
    let parts: [Int]
    /// Fact paths, as evidence names them, to slots.
    let evidence: KeyTable
    /// Each slot's enum values, for enumerations and sets.
    let enumValues: [KeyTable?]
    /// Each slot's type.
    let types: [FactType]

    static let top = KeyTable(Submission.topKeys.enumerated().map { ($1, $0) })
    static let header = KeyTable(["service", "provider", "date", "note"].enumerated().map { ($1, $0) })
    static let evidenceKeys = KeyTable(["document", "url", "note"].enumerated().map { ($1, $0) })
    static let alternativeKeys = KeyTable(["description", "rationale"].enumerated().map { ($1, $0) })

    /// Builds the tables of a vocabulary.
    public init(_ vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        var nodes: [Node] = []
        func add(_ tree: PathTree) -> Int {
            let index = nodes.count
            nodes.append(Node(slot: tree.slot ?? -1, children: KeyTable([])))
            // A fact is a leaf: the tree decoder reads its value and never walks below it.
            guard tree.slot == nil else { return index }
            var pairs: [(String, Int)] = []
            for key in tree.children.keys.sorted() { pairs.append((key, add(tree.children[key]!))) }
            nodes[index].children = KeyTable(pairs)
            return index
        }
        parts = ["service", "risk", "children_risk", "controls"].map { add(vocabulary.tree.children[$0] ?? PathTree()) }
        self.nodes = nodes
        evidence = KeyTable(vocabulary.facts.map { ($0.path, $0.slot) })
        types = vocabulary.facts.map(\.type)
        enumValues = vocabulary.facts.map { fact in
            switch fact.type {
            case .enumeration(let e), .set(let e):
                // The first of equal values wins, as `EnumType.index(of:)` gives.
                var pairs: [(String, Int)] = []
                for (i, v) in e.values.enumerated() where !pairs.contains(where: { $0.0 == v }) { pairs.append((v, i)) }
                return KeyTable(pairs)
            default: return nil
            }
        }
    }
}
