import YAMLTree

/// An expression's text with the YAML scalar it was written in, so problems can be placed
/// exactly: a caret under the token, whatever the scalar's style.
public struct ExpressionSource: Sendable {
    /// The text.
    public let text: String
    /// The scalar node holding it.
    public var node: YAMLNode
    /// The file the node is in.
    public var document: YAMLDocument
    /// Where each Unicode scalar of the text starts, and the text's end: a span's text is then
    /// copied out, not walked to from the start for every node.
    private let starts: [String.Index]

    /// Creates a source.
    public init(text: String, node: YAMLNode, document: YAMLDocument) {
        self.text = text
        var starts = Array(text.unicodeScalars.indices)
        starts.append(text.unicodeScalars.endIndex)
        self.starts = starts
        self.node = node
        self.document = document
    }

    /// The place in the file of the character at `offset` in the text.
    public func location(at offset: Int) -> SourceLocation {
        document.location(of: document.text.mark(ofValueOffset: offset, in: node))
    }

    /// The text of a span.
    /// Offsets count Unicode scalars, clamped to the text.
    func slice(_ offset: Int, _ length: Int) -> String {
        let last = starts.count - 1
        let a = min(max(0, offset), last)
        let b = a + min(max(0, length), last - a)
        return String(text.unicodeScalars[starts[a]..<starts[b]])
    }
}
