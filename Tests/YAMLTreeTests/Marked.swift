/// Test input with expected places marked inline: `⟨name⟩` marks where a diagnostic must point.
/// The markers are stripped; `places[name]` gives the 1-based line and column of each.
struct Marked {
    let text: String
    let places: [String: (line: Int, column: Int)]

    init(_ source: String) {
        var out = ""
        var places: [String: (Int, Int)] = [:]
        var line = 1
        var column = 1
        var scalars = source.unicodeScalars.makeIterator()
        while let u = scalars.next() {
            if u == "⟨" {
                var name = ""
                while let c = scalars.next(), c != "⟩" { name.unicodeScalars.append(c) }
                places[name] = (line, column)
                continue
            }
            out.unicodeScalars.append(u)
            if u == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        text = out
        self.places = places
    }

    var bytes: [UInt8] { Array(text.utf8) }
}
