import Foundation
import SafetyCodeCore
import YAMLTree

/// `safetycode template`: a blank submission holding every fact the codes ask about, each with
/// its question as a comment and `~` (unknown) as its value, then the `evidence:` and
/// `alternative_measures:` sections as commented examples. It lints clean as it is.
public enum SubmissionTemplate {
    /// Loads the codes (files, or folders searched for codes and overlays, as `assess --code`
    /// takes them) and makes their template: the YAML text as standard output, or every problem
    /// found and exit code 2.
    public static func run(codes arguments: [String], loader: Loader = Loader()) -> Assess.Outcome {
        let paths = Assess.codeFiles(arguments, loader: loader)
        if paths.isEmpty, !loader.hasErrors {
            loader.report([.error(.missingFile, "no code to make a template for: give --code with a code file", at: nil)])
        }
        // The same file named twice (`X` and `./X`) is one code.
        var seen: Set<String> = []
        let unique = paths.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
        let codes = unique.compactMap { loader.code($0) }
        if let first = codes.first, let other = codes.first(where: { $0.vocabulary.file != first.vocabulary.file }) {
            loader.report([.error(.badValue,
                                  "\(other.header.id) \(other.header.version) uses the vocabulary \(other.vocabulary.file), "
                                      + "but \(first.header.id) \(first.header.version) uses \(first.vocabulary.file): "
                                      + "one template answers one vocabulary's facts",
                                  at: nil)])
        }
        let text = loader.hasErrors || codes.count < unique.count ? nil : make(for: codes)
        var outcome = Assess.finish(loader, written: [], stdout: text, lines: [], failed: false)
        if text == nil { outcome.exitCode = 2 }
        return outcome
    }

    /// The template's YAML text for one code.
    public static func make(for code: Code) -> String { make(for: [code]) }

    /// The template's YAML text for several codes sharing one vocabulary: the union of the facts
    /// they ask about, each once, in the vocabulary's grouping. With more than one code, each fact
    /// says which of the codes ask it.
    public static func make(for codes: [Code]) -> String {
        guard let first = codes.first else { return "" }
        let v = first.vocabulary
        let names = codes.map { "\($0.header.id) \($0.header.version)" }
        let asked = AskedFacts(codes: codes)
        let askedBy = asked.askedBy, profileOnly = asked.profileOnly
        let title = codes.count == 1
            ? "\(first.header.title) (\(names[0]))"
            : "\(codes.count) codes: \(names.joined(separator: ", "))"
        var out = """
            # Submission template for \(comment(title)).
            # Every fact \(codes.count == 1 ? "this code asks" : "these codes ask") about, with the question to answer. Replace each ~ with the
            # service's answer; a fact left as ~ is unknown, and the report will ask for it.
            submission:
              service: Name of the service
              provider: ~
              date: ~

            """
        var previous: [Substring] = []
        for slot in asked.slots {
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
            if profileOnly.contains(slot), let who = askedBy[slot]?.first {
                out += "\(indent)# asked by \(who)\n"
            } else if codes.count > 1, let who = askedBy[slot] {
                out += "\(indent)# asked by \(who.count < codes.count ? who.joined(separator: ", ") : codes.count == 2 ? "both codes" : "all \(codes.count) codes")\n"
            }
            out += "\(indent)\(parts.last!): ~\n"
            previous = parts
        }
        let example = asked.slots.first.map { v.facts[$0].path } ?? "controls.example"
        let measure = codes.flatMap(\.measures).first?.id ?? "ICU F1"
        out += """

            # Evidence for the answers above, keyed by the fact's dotted path (optional):
            # evidence:
            #   \(example):
            #     document: Transparency report 2026, section 4
            #     url: https://example.org/transparency
            #     note: What the document shows.

            # Measures the service meets another way, keyed by the measure's id (optional; each is
            # reported as "alternative" and needs a reviewer's judgement):
            # alternative_measures:
            #   \(measure):
            #     description: What the service does instead.
            #     rationale: Why it achieves the same outcome.

            """
        return out
    }

    /// Text from a code for a comment: on one line whatever line breaks it holds (YAML 1.1, as
    /// libyaml reads it, also ends a line at NEL, LS and PS), hidden characters shown, so the
    /// text after the `#` can never become live YAML.
    static func comment(_ text: String) -> String {
        VisibleText.reveal(VisibleText.oneLine(text))
    }
}
