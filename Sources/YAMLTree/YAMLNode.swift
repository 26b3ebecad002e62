/// A node of a YAML document: a scalar, a sequence or a mapping, with the place it starts.
///
/// The tree holds no aliases and no anchors (the loader refuses them), so it is always a tree.
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// A scalar with its text, style and tag.
        case scalar(YAMLScalar)
        /// A sequence of nodes, in order.
        case sequence([YAMLNode])
        /// A mapping: key-value pairs in the order written.
        case mapping([YAMLPair])
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts.
    public var start: YAMLMark
    private var storedEnd: UInt32

    /// The Unicode scalar offset just past the node's end in the file.
    public var endOffset: Int { Int(storedEnd) }

    /// Creates a node.
    public init(_ content: Content, start: YAMLMark, endOffset: Int) {
        self.content = content
        self.start = start
        self.storedEnd = UInt32(clamping: endOffset)
    }

    /// The scalar, if the node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The pairs, if the node is a mapping.
    public var pairs: [YAMLPair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    /// The items, if the node is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let i) = content { return i }
        return nil
    }

    /// True for `~`, `null`, `Null`, `NULL` and an empty plain scalar: the YAML spellings of nothing.
    public var isNull: Bool { scalar?.isNull ?? false }

    /// A word for the node's kind, for messages: "a mapping", "a list", "a text value".
    public var kindDescription: String {
        switch content {
        case .scalar(let s): s.isNull ? "null" : "a scalar value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// A key-value pair of a mapping.
public struct YAMLPair: Sendable {
    /// The key node (always a scalar: the loader refuses other keys).
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }

    /// The key's text.
    public var keyText: String { key.scalar?.value ?? "" }
}

/// A scalar's text, the style it was written in, and its explicit tag, if any.
public struct YAMLScalar: Sendable, Hashable {
    /// How a scalar was written.
    public enum Style: String, Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The scalar's value after YAML's folding and escapes.
    public var value: String
    /// How it was written.
    public var style: Style
    /// The explicit tag (`!!str`), or nil.
    public var tag: String?

    /// Creates a scalar.
    public init(_ value: String, style: Style = .plain, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    /// True for a plain, untagged `~`, `null`, `Null`, `NULL` or empty scalar.
    public var isNull: Bool {
        guard style == .plain, tag == nil else { return false }
        switch value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }
}

/// A place in the file as libyaml marks it, made 1-based. Stored compactly (trees of a million
/// nodes are built from these).
public struct YAMLMark: Sendable, Hashable {
    private var storedLine: UInt32
    private var storedColumn: UInt32
    private var storedOffset: UInt32

    /// 1-based line.
    public var line: Int { Int(storedLine) }
    /// 1-based column, in Unicode scalars.
    public var column: Int { Int(storedColumn) }
    /// 0-based offset from the start of the file, in Unicode scalars.
    public var offset: Int { Int(storedOffset) }

    /// Creates a mark (values beyond 4 billion are clamped: files are limited far below that).
    public init(line: Int, column: Int, offset: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
        storedOffset = UInt32(clamping: offset)
    }
}
