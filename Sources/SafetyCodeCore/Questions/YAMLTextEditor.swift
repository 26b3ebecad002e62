import YAMLTree

/// Sets values in a YAML file's text by path, keeping every other character as it was: a value
/// that is there is replaced in place, a key that is not is added after the last key of its
/// mapping at that mapping's indentation (or inside the braces of a flow mapping), and missing
/// parents are created. Used to merge answers into a new submission version.
struct YAMLTextEditor {
    private var scalars: [Unicode.Scalar]
    private let root: YAMLNode
    /// Assignments by path, in the order made.
    private var assignments: [([String], String)] = []

    init(text: String, root: YAMLNode) {
        scalars = Array(text.unicodeScalars)
        self.root = root
    }

    /// Sets `path` to the YAML text `value`.
    mutating func set(_ path: [String], to value: String) { assignments.append((path, value)) }

    /// A tree of assignments.
    private final class Trie {
        var keys: [String] = []
        var children: [String: Trie] = [:]
        var value: String?
        func child(_ k: String) -> Trie {
            if let c = children[k] { return c }
            let c = Trie()
            keys.append(k)
            children[k] = c
            return c
        }
    }

    private struct Edit { var offset: Int; var remove: Int; var insert: String; var seq: Int }

    /// The edited text.
    var text: String {
        let trie = Trie()
        for (path, value) in assignments {
            var t = trie
            for k in path { t = t.child(k) }
            t.value = value
        }
        var edits: [Edit] = []
        apply(root, trie, indent: 0, &edits)
        var out = scalars
        for e in edits.sorted(by: { $0.offset != $1.offset ? $0.offset > $1.offset : $0.seq > $1.seq }) {
            let end = min(e.offset + e.remove, out.count)
            out.replaceSubrange(e.offset..<end, with: Array(e.insert.unicodeScalars))
        }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: out)
        return String(s)
    }

    private func isFlow(_ node: YAMLNode) -> Bool {
        node.start.offset < scalars.count && scalars[node.start.offset] == "{"
    }

    /// Block lines for a sub-trie at an indentation.
    private func block(_ t: Trie, indent: Int) -> String {
        var out = ""
        let pad = String(repeating: " ", count: indent)
        for k in t.keys {
            let c = t.children[k]!
            if let v = c.value { out += "\(pad)\(k): \(v)\n" } else { out += "\(pad)\(k):\n" + block(c, indent: indent + 2) }
        }
        return out
    }

    /// A flow mapping's text for a sub-trie.
    private func flow(_ t: Trie) -> String {
        t.keys.map { k in
            let c = t.children[k]!
            return "\(k): " + (c.value ?? "{\(flow(c))}")
        }.joined(separator: ", ")
    }

    /// The offset just past the end of the line holding `offset`.
    private func endOfLine(_ offset: Int) -> Int {
        var i = offset
        while i < scalars.count && scalars[i] != "\n" { i += 1 }
        return min(i + 1, scalars.count)
    }

    private func apply(_ node: YAMLNode, _ t: Trie, indent: Int, _ edits: inout [Edit]) {
        let pairs = node.pairs ?? []
        var missing = Trie()
        for k in t.keys {
            let c = t.children[k]!
            if let pair = pairs.first(where: { $0.keyText == k }) {
                if let v = c.value {
                    replace(pair.value, with: v, &edits)
                } else if pair.value.pairs != nil {
                    apply(pair.value, c, indent: pair.value.pairs!.first.map { $0.key.start.column - 1 } ?? indent + 2, &edits)
                } else if pair.value.isNull {
                    // `risk:` with nothing under it: the keys go on the lines after it.
                    let at = endOfLine(pair.key.start.offset)
                    let text = block(c, indent: pair.key.start.column - 1 + 2)
                    edits.append(Edit(offset: at, remove: 0, insert: (at == scalars.count && scalars.last != "\n" ? "\n" : "") + text, seq: edits.count))
                }
            } else {
                let m = missing.child(k)
                m.value = c.value
                m.children = c.children
                m.keys = c.keys
            }
        }
        guard !missing.keys.isEmpty else { return }
        if node.pairs != nil && isFlow(node) {
            // Inside the braces: before the closing one.
            var close = node.endOffset - 1
            while close > node.start.offset && scalars[close] != "}" { close -= 1 }
            edits.append(Edit(offset: close, remove: 0, insert: (pairs.isEmpty ? "" : ", ") + flow(missing), seq: edits.count))
            return
        }
        let keyIndent = pairs.first.map { $0.key.start.column - 1 } ?? indent
        let at = pairs.last.map { endOfLine(max(contentEnd($0.value) - 1, $0.key.start.offset)) } ?? scalars.count
        let needsBreak = at == scalars.count && !(scalars.last.map { $0 == "\n" } ?? true)
        edits.append(Edit(offset: at, remove: 0, insert: (needsBreak ? "\n" : "") + block(missing, indent: keyIndent), seq: edits.count))
        missing = Trie()
    }

    /// Just past a node's last character: a block collection ends where its last item does (its
    /// own end mark is at the next token, past blank lines and comments).
    private func contentEnd(_ node: YAMLNode) -> Int {
        if isFlow(node) || (node.start.offset < scalars.count && scalars[node.start.offset] == "[") { return node.endOffset }
        if let last = node.pairs?.last { return contentEnd(last.value) }
        if let last = node.items?.last { return contentEnd(last) }
        return node.endOffset
    }

    private func replace(_ value: YAMLNode, with text: String, _ edits: inout [Edit]) {
        // A block list ends at its last item, not past the comments and blank lines after it.
        let start = value.start.offset, end = max(contentEnd(value), start)
        let before = start > 0 ? scalars[start - 1] : " "
        edits.append(Edit(offset: start, remove: end - start, insert: (before == ":" ? " " : "") + text, seq: edits.count))
    }
}
