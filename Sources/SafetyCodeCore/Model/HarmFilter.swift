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

    /// The label every report carries: "lens child_sexual_abuse (Child sexual abuse: csea, grooming, …)".
    public func label(_ v: Vocabulary) -> String? {
        guard !isEmpty else { return nil }
        var parts: [String] = lenses.map { name in
            guard let l = v.lens(name) else { return "lens \(name)" }
            return "lens \(name) (\(l.title): \(l.harms.joined(separator: ", ")))"
        }
        if !harms.isEmpty { parts.append("harm\(harms.count == 1 ? "" : "s") \(harms.joined(separator: ", "))") }
        return "Only measures that address " + parts.joined(separator: "; ") + "."
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
