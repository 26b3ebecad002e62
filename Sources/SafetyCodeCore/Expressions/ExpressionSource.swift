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
}

/// A text with where each of its Unicode scalars starts: the text of a span of scalars is copied
/// out in one go, not walked to from the start (the compiler asks for the text of every node) nor
/// built scalar by scalar (the standard library's generic path, which made the lexer's names a
/// tenth of starting a run against the six codes).
struct ScalarSpans {
    /// The text's scalars, in order.
    let scalars: [Unicode.Scalar]
    private let view: String.UnicodeScalarView
    /// Each scalar's start, then the text's end.
    private let starts: [String.Index]

    init(_ text: String) {
        view = text.unicodeScalars
        var scalars: [Unicode.Scalar] = [], starts: [String.Index] = []
        for i in view.indices {
            scalars.append(view[i])
            starts.append(i)
        }
        starts.append(view.endIndex)
        (self.scalars, self.starts) = (scalars, starts)
    }

    /// The text of `length` scalars from `offset`, both clamped to the text.
    func text(_ offset: Int, _ length: Int) -> String {
        let last = starts.count - 1
        let a = min(max(0, offset), last)
        let b = a + min(max(0, length), last - a)
        return String(view[starts[a]..<starts[b]])
    }
}
