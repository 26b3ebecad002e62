/// A loaded YAML file: its root node, its path, and its text (for carets and positions).
public struct YAMLDocument: Sendable {
    /// The path the file was loaded from, as given.
    public var file: String
    /// The root node.
    public var root: YAMLNode
    /// The file's text.
    public var text: SourceText
    /// Problems found while loading that did not stop the tree being built (duplicate keys,
    /// anchors, aliases, control characters). A document with any is not fit for use; it is kept
    /// only so that decoding it can report the file's other problems too.
    public var problems: [Diagnostic]

    /// Creates a document.
    public init(file: String, root: YAMLNode, text: SourceText, problems: [Diagnostic] = []) {
        self.file = file
        self.root = root
        self.text = text
        self.problems = problems
    }

    /// The location where a node starts.
    public func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.start.line, column: node.start.column)
    }

    /// The location of a mark.
    public func location(of mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }
}
