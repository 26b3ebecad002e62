/// Test input with places marked inline as `⟨name⟩`, as swift-format's tests mark where a finding
/// must point. The markers are stripped; `places[name]` gives the 1-based line and column of each.
public struct Marked {
    /// The text without its markers.
    public let text: String
    /// The place of each marker, by name.
    public let places: [String: (line: Int, column: Int)]

    /// Strips the markers from `source`, noting where each stood.
    public init(_ source: String) {
        var out = ""
        var places: [String: (Int, Int)] = [:]
        var line = 1, column = 1
        var it = source.unicodeScalars.makeIterator()
        while let u = it.next() {
            if u == "⟨" {
                var name = ""
                while let c = it.next(), c != "⟩" { name.unicodeScalars.append(c) }
                places[name] = (line, column)
                continue
            }
            out.unicodeScalars.append(u)
            if u == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        text = out
        self.places = places
    }

    /// The text's UTF-8 bytes.
    public var bytes: [UInt8] { Array(text.utf8) }
}
