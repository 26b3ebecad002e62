/// The open questions of one submission across every code it was assessed against (SPEC
/// section 8): one entry per unknown fact, asked once however many codes need it, ordered by the
/// most severe measure waiting on it.
public struct Questionnaire: Sendable {
    /// A measure waiting on a fact.
    public struct Waiting: Sendable, Equatable {
        /// "ofcom-icu-u2u v1".
        public var code: String
        public var measure: String
        public var title: String
        public var severity: Severity
    }

    /// One question.
    public struct Entry: Sendable {
        public var fact: Vocabulary.Fact
        /// The measures waiting on it, most severe first, then in code order.
        public var measures: [Waiting]
        /// The most severe of them.
        public var severity: Severity { measures.map(\.severity).min() ?? .low }
    }

    /// The submission asked.
    public var submission: Submission
    /// The entries, in the order to ask them.
    public var entries: [Entry]

    /// Gathers the questions of one submission's assessments (one per code).
    public init(_ assessments: [Assessment]) {
        submission = assessments.first?.submission ?? Submission(file: "", service: "", facts: [], evidence: [:], alternatives: [],
                                                                 location: .init(file: "", line: 1, column: 1))
        var byPath: [String: (Vocabulary.Fact, [Waiting])] = [:]
        var order: [String] = []
        for a in assessments {
            let code = "\(a.code.header.id) \(a.code.header.version)"
            for r in a.results where !r.missingFacts.isEmpty {
                let m = r.measure
                for slot in r.missingFacts {
                    let fact = a.code.vocabulary.facts[slot]
                    if byPath[fact.path] == nil { byPath[fact.path] = (fact, []); order.append(fact.path) }
                    let w = Waiting(code: code, measure: m.id, title: m.title, severity: m.severity)
                    if !byPath[fact.path]!.1.contains(w) { byPath[fact.path]!.1.append(w) }
                }
            }
        }
        entries = order.map { p in
            let (fact, ms) = byPath[p]!
            let sorted = ms.enumerated().sorted { x, y in
                x.element.severity != y.element.severity ? x.element.severity < y.element.severity : x.offset < y.offset
            }.map(\.element)
            return Entry(fact: fact, measures: sorted)
        }.sorted { x, y in
            if x.severity != y.severity { return x.severity < y.severity }
            if x.measures.count != y.measures.count { return x.measures.count > y.measures.count }
            return x.fact.slot < y.fact.slot
        }
    }
}
