/// Byte strings to small integers: the keys a submission may use, looked up straight from the
/// parser's bytes without making a `String` (open addressing on an FNV-1a hash).
struct KeyTable: Sendable {
    /// Every key's bytes, one after another: key `i` is `bytes[starts[i]..<starts[i + 1]]`. One
    /// flat array, so a lookup reads the keys in place and retains nothing (the workers of a
    /// batch share the tables, and a retained key would have its count written from every core).
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var values: [Int] = []
    /// Index + 1 into the keys, 0 for an empty bucket.
    private var buckets: [Int32] = [0, 0]

    init(_ pairs: [(String, Int)]) {
        var capacity = 4
        while capacity < pairs.count * 2 { capacity <<= 1 }
        buckets = [Int32](repeating: 0, count: capacity)
        for (key, value) in pairs {
            let keyBytes = Array(key.utf8)
            var b = keyBytes.withUnsafeBufferPointer { Int(truncatingIfNeeded: Self.hash($0)) } & (capacity - 1)
            while buckets[b] != 0 { b = (b + 1) & (capacity - 1) }
            bytes += keyBytes
            starts.append(bytes.count)
            values.append(value)
            buckets[b] = Int32(values.count)
        }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in bytes { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h
    }

    /// The value of `key`, or nil.
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = buckets.count - 1
        var b = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let k = Int(buckets[b])
                if k == 0 { return nil }
                let start = starts[k - 1], end = starts[k]
                if end - start == key.count, UnsafeBufferPointer(rebasing: all[start..<end]).elementsEqual(key) { return values[k - 1] }
                b = (b + 1) & mask
            }
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
    /// Each slot's type, without the enumerations' values (those are in `enumValues`): copying
    /// one for every value decoded retains nothing.
    let types: [SlotType]

    /// A fact type with only what the decoder reads of it.
    enum SlotType: Sendable {
        case bool
        case integer(min: Int?, max: Int?)
        case number(min: Double?, max: Double?)
        case date, string, enumeration, set

        init(_ type: FactType) {
            switch type {
            case .bool: self = .bool
            case .integer(let lo, let hi): self = .integer(min: lo, max: hi)
            case .number(let lo, let hi): self = .number(min: lo, max: hi)
            case .date: self = .date
            case .string: self = .string
            case .enumeration: self = .enumeration
            case .set: self = .set
            }
        }
    }

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
        types = vocabulary.facts.map { SlotType($0.type) }
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
