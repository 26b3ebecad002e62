import SafetyCodeCore
import YAMLTree

/// `safetycode template`: a blank submission holding every fact a code asks about, each with
/// its question as a comment and `~` (unknown) as its value. It lints clean as it is.
public enum SubmissionTemplate {
    /// The template's YAML text.
    public static func make(for code: Code) -> String {
        let v = code.vocabulary
        var out = """
            # Submission template for \(comment(code.header.title)) (\(comment(code.header.id)) \(comment(code.header.version))).
            # Every fact this code asks about, with the question to answer. Replace each ~ with the
            # service's answer; a fact left as ~ is unknown, and the report will ask for it.
            submission:
              service: Name of the service
              provider: ~
              date: ~

            """
        var previous: [Substring] = []
        for slot in v.grouped(code.factsUsed) {
            let fact = v.facts[slot]
            let parts = fact.path.split(separator: ".")
            // Open the mappings this path needs that are not already open.
            var common = 0
            while common < min(previous.count, parts.count) - 1, previous[common] == parts[common] { common += 1 }
            if common == 0 { out += "\n" }
            for level in common..<(parts.count - 1) {
                out += String(repeating: "  ", count: level) + parts[level] + ":\n"
            }
            let indent = String(repeating: "  ", count: parts.count - 1)
            out += "\(indent)# \(comment(fact.question))\n"
            switch fact.type {
            case .enumeration(let e): out += "\(indent)# one of: \(comment(e.values.joined(separator: ", ")))\n"
            case .set(let e): out += "\(indent)# a list of any of: \(comment(e.values.joined(separator: ", ")))\n"
            case .integer: out += fact.unit.map { "\(indent)# a whole number (\(comment($0)))\n" } ?? "\(indent)# a whole number\n"
            case .date: out += "\(indent)# a date, YYYY-MM-DD\n"
            default: break
            }
            out += "\(indent)\(parts.last!): ~\n"
            previous = parts
        }
        return out
    }

    /// Text from a code for a comment: on one line whatever line breaks it holds (YAML 1.1, as
    /// libyaml reads it, also ends a line at NEL, LS and PS), hidden characters shown, so the
    /// text after the `#` can never become live YAML.
    static func comment(_ text: String) -> String {
        VisibleText.reveal(VisibleText.oneLine(text))
    }
}
