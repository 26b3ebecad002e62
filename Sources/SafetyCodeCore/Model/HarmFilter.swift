import YAMLTree

/// `--lens NAME` and `--harm KIND` (SPEC section 10): which measures a report shows. A measure
/// is shown when one of its `harms` is among the kinds named, directly or through a lens;
/// cross-cutting measures (no harms) are not.
public struct HarmFilter: Sendable, Equatable {
    public var lenses: [String]
    public var harms: [String]

    public init(lenses: [String] = [], harms: [String] = []) {
        self.lenses = lenses
        self.harms = harms
    }

    /// True when no lens or harm was given: every measure is shown.
    public var isEmpty: Bool { lenses.isEmpty && harms.isEmpty }

    /// The kinds of harm named, lenses expanded.
    public func kinds(_ v: Vocabulary) -> Set<String> {
        Set(harms).union(lenses.flatMap { v.lens($0)?.harms ?? [] })
    }

    /// True when the report shows `m`.
    public func matches(_ m: Measure, _ v: Vocabulary) -> Bool {
        isEmpty || !kinds(v).isDisjoint(with: m.harms)
    }

    /// The label every report carries, in the vocabulary's words (the lens's title, each kind of
    /// harm as its risk question names it; the ids stay in JSON): "Only measures that address
    /// Child sexual abuse (child sexual exploitation and abuse; grooming; …)."
    public func label(_ v: Vocabulary) -> String? {
        guard !isEmpty else { return nil }
        var parts: [String] = lenses.map { name in
            guard let l = v.lens(name) else { return name.replacingOccurrences(of: "_", with: " ") }
            return "\(l.title) (\(l.harms.map(v.harmWords).joined(separator: "; ")))"
        }
        parts += harms.map(v.harmWords)
        let said = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " or " + parts[parts.count - 1]
        return "Only measures that address " + said + "."
    }

    /// An error for each lens or harm the vocabulary does not have (exit 2).
    public func problems(_ v: Vocabulary) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let names = v.lenses.map(\.name)
        for l in lenses where v.lens(l) == nil {
            out.append(.error(.badOption, "--lens '\(l)' is not a lens in the vocabulary \(v.file)\(Suggestion.clause(for: l, in: names)); lenses: \(names.joined(separator: ", "))", at: nil))
        }
        let kinds = v.harmNames
        for h in harms where !kinds.contains(h) {
            out.append(.error(.badOption, "--harm '\(h)' is not a kind of harm in the vocabulary \(v.file)\(Suggestion.clause(for: h, in: kinds))", at: nil))
        }
        return out
    }
}

extension Vocabulary {
    /// A kind of harm in words, as the vocabulary's risk questions name it: `image_based_csam` is
    /// "image-based child sexual abuse material" (from "What level of risk of image-based child
    /// sexual abuse material (CSEA sub-kind) did …"); `hate`, both an illegal-content kind and a
    /// children's one, is "hate offences and content inciting hatred". A kind no question names
    /// in that form is its id with spaces.
    public func harmWords(_ kind: String) -> String {
        var names: [String] = []
        for f in facts where f.path == "risk." + kind || f.path == "children_risk." + kind {
            guard let name = Self.harmPhrase(f.question), !names.contains(name) else { continue }
            names.append(name)
        }
        return names.isEmpty ? kind.replacingOccurrences(of: "_", with: " ") : names.joined(separator: " and ")
    }

    /// "What level of risk of X (note) did …" and "What level of risk to children from X did …": X.
    static func harmPhrase(_ question: String) -> String? {
        for lead in ["risk of ", "risk to children from "] {
            guard let start = question.range(of: lead) else { continue }
            var rest = question[start.upperBound...]
            guard let end = rest.range(of: " did ") else { return nil }
            rest = rest[..<end.lowerBound]
            if let note = rest.range(of: " (") { rest = rest[..<note.lowerBound] }
            return rest.isEmpty ? nil : String(rest)
        }
        return nil
    }
}

extension Assessment {
    /// The assessment with only the measures `filter` shows; the summary follows.
    public func filtered(_ filter: HarmFilter) -> Assessment {
        guard !filter.isEmpty else { return self }
        var a = self
        a.results = results.filter { filter.matches($0.measure, code.vocabulary) }
        a.lens = filter.label(code.vocabulary)
        return a
    }

    /// For each kind of harm the code's measures address (vocabulary order), the measures that
    /// address it, how many apply and how many are met: the "by harm" table.
    public var byHarm: [(harm: String, measures: [String], applicable: Int, met: Int)] {
        var order: [String] = []
        for f in code.vocabulary.facts {
            let name = f.path.split(separator: ".").last.map(String.init) ?? f.path
            if (f.path.hasPrefix("risk.") || f.path.hasPrefix("children_risk.")) && !order.contains(name) { order.append(name) }
        }
        return order.compactMap { harm in
            let rs = results.filter { $0.measure.harms.contains(harm) }
            guard !rs.isEmpty else { return nil }
            return (harm, rs.map(\.id), rs.filter { $0.status.isScored || $0.status == .alternative }.count,
                    rs.filter { $0.status == .met }.count)
        }
    }
}
