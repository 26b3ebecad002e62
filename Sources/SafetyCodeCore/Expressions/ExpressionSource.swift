import YAMLTree

/// An expression's text with the YAML scalar it was written in, so problems can be placed
/// exactly: a caret under the token, whatever the scalar's style.
public struct ExpressionSource: Sendable {
    /// The text.
    public var text: String
    /// The scalar node holding it.
    public var node: YAMLNode
    /// The file the node is in.
    public var document: YAMLDocument

    /// Creates a source.
    public init(text: String, node: YAMLNode, document: YAMLDocument) {
        self.text = text
        self.node = node
        self.document = document
    }

    /// The place in the file of the character at `offset` in the text.
    public func location(at offset: Int) -> SourceLocation {
        document.location(of: document.text.mark(ofValueOffset: offset, in: node))
    }

    /// The text of a span.
    /// Offsets count Unicode scalars, clamped to the text; walked to, not copied out (the compiler
    /// asks for a span of every node, so copying the whole text each time made compiling quadratic).
    func slice(_ offset: Int, _ length: Int) -> String {
        let u = text.unicodeScalars
        let a = u.index(u.startIndex, offsetBy: max(0, offset), limitedBy: u.endIndex) ?? u.endIndex
        let b = u.index(a, offsetBy: max(0, length), limitedBy: u.endIndex) ?? u.endIndex
        return String(u[a..<b])
    }
}
