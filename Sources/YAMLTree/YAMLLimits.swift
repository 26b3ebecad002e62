/// The limits the loader enforces on one file (SPEC section 6); each can be overridden.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file accepted, in bytes; checked before parsing. Default 16 MiB.
    public var maxFileBytes: Int
    /// Deepest nesting of sequences and mappings. Default 64.
    public var maxDepth: Int
    /// Most nodes (scalars, sequences, mappings) in one file. Default 1,000,000.
    public var maxNodes: Int

    /// Creates limits; the defaults are the SPEC's.
    public init(maxFileBytes: Int = 16 << 20, maxDepth: Int = 64, maxNodes: Int = 1_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
    }

    /// The SPEC's defaults.
    public static let `default` = YAMLLimits()
}
