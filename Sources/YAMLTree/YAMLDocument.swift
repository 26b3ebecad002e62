/// A loaded YAML file: its root node, its path, and its text (for carets and positions).
public struct YAMLDocument: Sendable {
    /// The path the file was loaded from, as given.
    public var file: String
    /// The root node.
    public var root: YAMLNode
    /// The file's text.
    public var text: SourceText

    /// Creates a document.
    public init(file: String, root: YAMLNode, text: SourceText) {
        self.file = file
        self.root = root
        self.text = text
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
