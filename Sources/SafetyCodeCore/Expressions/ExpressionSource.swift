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
    func slice(_ offset: Int, _ length: Int) -> String {
        let u = Array(text.unicodeScalars)
        let a = max(0, min(offset, u.count)), b = max(a, min(offset + length, u.count))
        return String(String.UnicodeScalarView(u[a..<b]))
    }
}
