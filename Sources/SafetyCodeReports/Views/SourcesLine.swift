import SafetyCodeCore

/// How sure we are of a code's encoding: the measures counted by the confidence of their source,
/// in one sentence, with a legend (SPEC section 5; issue 13).
struct SourcesLine {
    struct Entry {
        var label: String
        var key: String
        var meaning: String
        var count: Int
    }

    /// "Sources: of 41 measures, none checked against the Code text, 38 taken from …".
    var sentence: String
    var legend: [Entry]

    init(_ measures: [Measure]) {
        legend = Confidence.allCases.map { c in
            Entry(label: c.words, key: c.rawValue, meaning: SourcesLine.meaning(c), count: measures.count { $0.source.confidence == c })
        }
        var parts: [String] = []
        for e in legend {
            let c = Confidence(rawValue: e.key)!
            if e.count == 0 && c != .codeText { continue }
            parts.append(SourcesLine.phrase(c, e.count))
        }
        let n = measures.count
        sentence = "Sources: of \(n) measure\(n == 1 ? "" : "s"), " + parts.joined(separator: ", ") + "."
    }

    static func phrase(_ c: Confidence, _ n: Int) -> String {
        let count = n == 0 ? "none" : "\(n)"
        switch c {
        case .codeText: return "\(count) checked against the Code text"
        case .officialSummary: return "\(count) taken from the regulator's official summaries"
        case .secondary: return "\(count) from secondary sources"
        case .operatorRecord: return "\(count) taken from third-party compliance records that quote the Code"
        case .unconfirmed: return "\(count) unconfirmed"
        }
    }

    /// What each label means, for the legend.
    static func meaning(_ c: Confidence) -> String {
        switch c {
        case .codeText: "checked against the text of the Code itself"
        case .officialSummary: "taken from the regulator's own summary of the Code"
        case .secondary: "taken from a law firm's, researcher's or journalist's account of the Code"
        case .operatorRecord: "taken from a compliance record published by another service (not the one assessed) that quotes the Code's paragraphs"
        case .unconfirmed: "not yet checked against any source: treat with care"
        }
    }
}
