/// Finds which way a measure's applicability moved between two versions, by evaluating both
/// conditions over service profiles built from the facts and thresholds they mention, and
/// describes a profile the new version newly catches (or no longer catches) in plain words.
struct ApplicabilityProbe {
    var scope: CodeDiff.Scope = .same
    var words: String?

    /// At most this many profiles are tried: every combination when there are fewer, otherwise a
    /// fixed pseudo-random sample (the same every run).
    static let budget = 20_000

    init(from: Code, old: Measure, to: Code, new: Measure, fromIDs: [String]? = nil, toIDs: [String]? = nil) {
        let v = to.vocabulary
        let sameVocabulary = from.vocabulary.file == to.vocabulary.file
            || from.vocabulary.facts.map(\.path) == to.vocabulary.facts.map(\.path)
        guard sameVocabulary else {
            scope = .different
            words = "the vocabularies differ, so the conditions cannot be compared"
            return
        }
        // The facts each condition reads, with candidate values.
        var domains: [Int: [Value?]] = [:]
        func collect(_ e: Expr?) {
            guard let e else { return }
            // Each constant a fact is compared with, exactly (a Double would make Int.max - 1 and
            // Int.max one value, and miss a change at Int's edge).
            var thresholds: [Int: [Ordinal]] = [:]
            Self.walk(e) { node in
                switch node.kind {
                case .order(_, let a, let b), .equal(let a, let b, _):
                    for (x, y) in [(a, b), (b, a)] {
                        if case .fact(let slot) = x.kind, case .constant(let c) = y.kind, let o = c.exact {
                            thresholds[slot, default: []].append(o)
                        }
                    }
                case .fact(let slot), .has(let slot):
                    thresholds[slot, default: []].append(contentsOf: [])
                default: break
                }
            }
            for (slot, values) in thresholds {
                var d: [Value?] = domains[slot] ?? []
                switch v.facts[slot].type {
                case .bool: d = [.bool(false), .bool(true)]
                case .enumeration(let en): d = en.values.indices.map { .symbol($0) }
                case .set(let en): d = [.set(0)] + en.values.indices.map { .set(1 << UInt64($0)) }
                    + [.set(en.values.count >= 64 ? ~0 : (1 << UInt64(en.values.count)) - 1)]
                case .integer:
                    let all = Set(d.compactMap { if case .integer(let i)? = $0 { i } else { nil } }).union(values.flatMap(Self.wholeNeighbours)).union([0])
                    d = all.filter { $0 >= 0 }.sorted().map { .integer($0) }
                case .number:
                    let all = Set(d.compactMap { $0?.ordinal }).union(values.flatMap { [$0.double - 1, $0.double, $0.double + 1] }).union([0])
                    d = all.sorted().map { .number($0) }
                case .date:
                    let all = Set(d.compactMap { if case .date(let i)? = $0 { i } else { nil } }).union(values.flatMap(Self.wholeNeighbours))
                    d = all.sorted().map { .date($0) }
                case .string: d = [.string("")]
                }
                domains[slot] = d
            }
        }
        collect(old.appliesWhen)
        collect(new.appliesWhen)
        let slots = domains.keys.sorted()
        let sizes = slots.map { max(1, domains[$0]!.count) }
        let base = [Value?](repeating: nil, count: v.facts.count)
        var wider: [Value?]?, narrower: [Value?]?
        // Two contexts made once and refilled per profile: a probe costs the facts it sets, not
        // the size of the codes (the tree evaluator reads `facts`; applicability stays unknown).
        var contextA = EvaluationContext(treeFacts: base, measureCount: from.measures.count)
        var contextB = EvaluationContext(treeFacts: base, measureCount: to.measures.count)
        let slotDomains = slots.map { domains[$0]! }
        func probe(_ picks: [Int]) {
            // Only the slots the conditions read are set: a probe costs those, not the vocabulary.
            for (k, slot) in slots.enumerated() {
                let d = slotDomains[k]
                let value = d.isEmpty ? nil : d[picks[k]]
                contextA.facts[slot] = value
                contextB.facts[slot] = value
            }
            let a = old.appliesWhen?.truth(in: contextA) ?? .yes
            let b = new.appliesWhen?.truth(in: contextB) ?? .yes
            if a == .no && b == .yes && wider == nil { wider = contextA.facts }
            if a == .yes && b == .no && narrower == nil { narrower = contextA.facts }
        }
        var tried = 0
        var total = 1.0
        for s in sizes { total *= Double(s) }
        if total <= Double(Self.budget) {
            // Every combination, lowest values first.
            for n in 0..<Int(total) {
                var rest = n
                probe(sizes.map { size in defer { rest /= size }; return rest % size })
                if wider != nil && narrower != nil { break }
            }
        } else {
            // From the lowest profile, every change of one fact, then of two facts, then a fixed
            // pseudo-random sample: conditions that count kinds of harm differ on small changes.
            let lowest = sizes.map { _ in 0 }
            probe(lowest)
            outer: for i in slots.indices {
                for x in 0..<sizes[i] {
                    var p = lowest
                    p[i] = x
                    probe(p)
                    tried += 1
                }
            }
            outer2: for i in slots.indices {
                for j in (i + 1)..<slots.count {
                    for x in 1..<max(2, sizes[i]) {
                        for y in 1..<max(2, sizes[j]) {
                            if tried >= Self.budget || (wider != nil && narrower != nil) { break outer2 }
                            var p = lowest
                            p[i] = min(x, sizes[i] - 1)
                            p[j] = min(y, sizes[j] - 1)
                            probe(p)
                            tried += 1
                        }
                    }
                }
            }
            // Then every set of three and four facts raised to their highest value: conditions such
            // as "large and multi-risk" need that many facts to move together.
            func subsets(_ k: Int, from start: Int, _ chosen: inout [Int]) {
                if tried >= Self.budget * 3 / 2 || (wider != nil && narrower != nil) { return }
                if chosen.count == k {
                    var p = lowest
                    for i in chosen { p[i] = sizes[i] - 1 }
                    probe(p)
                    tried += 1
                    return
                }
                guard start < slots.count else { return }
                for i in start..<slots.count {
                    chosen.append(i)
                    subsets(k, from: i + 1, &chosen)
                    chosen.removeLast()
                }
            }
            for k in 3...4 {
                var chosen: [Int] = []
                subsets(k, from: 0, &chosen)
            }
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            while tried < 2 * Self.budget && !(wider != nil && narrower != nil) {
                probe(sizes.map { size in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return Int((state >> 33) % UInt64(size))
                })
                tried += 1
            }
        }
        let ids = toIDs ?? to.measures.map(\.id)
        let before = old.appliesWhen?.words(from.vocabulary, fromIDs ?? from.measures.map(\.id)) ?? "every service the code covers"
        let after = new.appliesWhen?.words(v, ids) ?? "every service the code covers"
        // Identical wording both ways says nothing: the change is then in a definition it uses.
        let wording = before == after ? "" : " Before: \(before). Now: \(after)."
        func describe(_ facts: [Value?], _ e: Expr?, _ code: Code) -> String {
            guard let e else { return "any service" }
            let reasoner = Reasoner(code: code, context: EvaluationContext(treeFacts: facts, measureCount: code.measures.count), plain: true)
            return reasoner.deciding(e).joined(separator: "; ")
        }
        switch (wider, narrower) {
        case (let w?, nil):
            scope = .broader
            words = "now also applies to services where \(describe(w, new.appliesWhen, to)).\(wording)"
        case (nil, let n?):
            scope = .narrower
            words = "no longer applies to services where \(describe(n, old.appliesWhen, from)).\(wording)"
        case (let w?, let n?):
            scope = .different
            words = "now also applies where \(describe(w, new.appliesWhen, to)), and no longer where \(describe(n, old.appliesWhen, from)).\(wording)"
        case (nil, nil):
            scope = .same
            words = "written differently, with the same effect on every profile tried.\(wording)"
        }
    }

    /// The whole numbers either side of a constant and the constant itself, for an integer or
    /// date fact: exact for integers (none past Int's ends, so nothing overflows), truncated
    /// for a number.
    static func wholeNeighbours(_ o: Ordinal) -> [Int] {
        switch o {
        case .int(let i): [i == .min ? nil : i - 1, i, i == .max ? nil : i + 1].compactMap { $0 }
        case .real(let d): [d - 1, d, d + 1].compactMap(Value.clampedInt)
        }
    }

    static func walk(_ e: Expr, _ visit: (Expr) -> Void) {
        visit(e)
        switch e.kind {
        case .not(let x), .definition(_, let x): walk(x, visit)
        case .and(let xs), .or(let xs), .any(let xs), .all(let xs), .count(let xs), .max(let xs, _): xs.forEach { walk($0, visit) }
        case .equal(let a, let b, _), .order(_, let a, let b), .setContains(let a, let b): walk(a, visit); walk(b, visit)
        case .member(let a, let xs): walk(a, visit); xs.forEach { walk($0, visit) }
        case .constant, .fact, .has, .applies: break
        }
    }
}
