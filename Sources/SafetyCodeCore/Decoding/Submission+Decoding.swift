import YAMLTree

extension Submission {
    static let topKeys = ["submission", "service", "risk", "children_risk", "controls", "evidence", "alternative_measures"]

    /// Decodes a submission against a vocabulary, reporting every problem into the context.
    /// Absent and null facts are unknown, never errors.
    static func decode(_ context: DecodeContext, vocabulary: Vocabulary) -> Submission? {
        guard let top = context.mapping(context.document.root, "a submission file", allowed: topKeys) else { return nil }
        var name = "", provider: String?, date: Day?, note: String?
        var location = context.location(context.document.root)
        if let s = top.required("submission"),
           let m = context.mapping(s, "'submission'", allowed: ["service", "provider", "date", "note"]) {
            name = m.string("service", required: true, max: DecodeContext.maxName) ?? ""
            provider = m.string("provider", max: DecodeContext.maxName)
            date = m.day("date")
            note = m.string("note")
            location = context.location(m.keyNode("service") ?? s)
        }
        var facts = [Value?](repeating: nil, count: vocabulary.facts.count)
        for part in ["service", "risk", "children_risk", "controls"] {
            guard let node = top.optional(part) else { continue }
            walk(node, prefix: part, tree: vocabulary.tree.children[part] ?? PathTree(), context, vocabulary, &facts)
        }
        var evidence: [String: Evidence] = [:]
        if let e = top.optional("evidence") {
            if let pairs = e.pairs {
                for pair in pairs {
                    let path = pair.keyText
                    if vocabulary.fact(path) == nil {
                        context.error(.unknownReference, "evidence for '\(path)', which is not a fact in the vocabulary\(Suggestion.clause(for: path, in: vocabulary.facts.map(\.path)))",
                                      at: pair.key)
                    }
                    guard let m = context.mapping(pair.value, "evidence for '\(path)'", allowed: ["document", "url", "note"]) else { continue }
                    evidence[path] = Evidence(document: m.string("document"), url: m.string("url"), note: m.string("note"))
                }
            } else {
                context.error(.wrongType, "'evidence' must be a mapping from fact paths to where each claim is backed up", at: e)
            }
        }
        var alternatives: [Alternative] = []
        if let a = top.optional("alternative_measures") {
            if let pairs = a.pairs {
                for pair in pairs {
                    guard let m = context.mapping(pair.value, "the alternative to '\(pair.keyText)'", allowed: ["description", "rationale"]) else { continue }
                    // An alternative is a claim a reviewer must weigh: it needs both what the service
                    // does instead and why that achieves the measure's aim, in words.
                    var texts: [String] = []
                    for (key, what) in [("description", "what the service does instead"), ("rationale", "why it achieves the measure's aim")] {
                        let text = m.string(key, required: true)
                        if let text, text.allSatisfy({ $0.isWhitespace }) {
                            context.error(.badValue, "the alternative to '\(pair.keyText)' needs a \(key): \(what); it is empty",
                                          at: m.optional(key) ?? pair.key)
                        }
                        texts.append(text ?? "")
                    }
                    alternatives.append(Alternative(measureID: pair.keyText, description: texts[0],
                                                    rationale: texts[1], location: context.location(pair.key)))
                }
            } else {
                context.error(.wrongType, "'alternative_measures' must be a mapping from measure ids to alternatives", at: a)
            }
        }
        return Submission(file: context.file, service: name, provider: provider, date: date, note: note, facts: facts,
                          evidence: evidence, alternatives: alternatives, location: location)
    }

    private static func walk(
        _ node: YAMLNode, prefix: String, tree: PathTree, _ context: DecodeContext, _ vocabulary: Vocabulary,
        _ facts: inout [Value?]
    ) {
        if node.isNull { return }
        guard let pairs = node.pairs else {
            context.error(.wrongType, "'\(prefix)' must be a mapping, not \(node.kindDescription)", at: node)
            return
        }
        for pair in pairs {
            if let child = tree.children[pair.keyText] {
                if let slot = child.slot {
                    if let value = decodeValue(pair.value, vocabulary.facts[slot], context) { facts[slot] = value }
                } else {
                    walk(pair.value, prefix: prefix + "." + pair.keyText, tree: child, context, vocabulary, &facts)
                }
                continue
            }
            let path = prefix + "." + pair.keyText
            let siblings = vocabulary.facts.map(\.path).filter { $0.hasPrefix(prefix + ".") }
            let groups = Set(siblings.map { p -> String in
                let rest = p.dropFirst(prefix.count + 1)
                return prefix + "." + (rest.split(separator: ".").first.map(String.init) ?? "")
            })
            context.error(.unknownFact, "no fact '\(path)' in the vocabulary\(Suggestion.clause(for: path, in: siblings + groups))",
                          at: pair.key)
        }
    }

    /// Decodes one fact's value by its type; nil for null (unknown) or after reporting a problem.
    static func decodeValue(_ node: YAMLNode, _ fact: Vocabulary.Fact, _ context: DecodeContext) -> Value? {
        if node.isNull { return nil }
        let what = "'\(fact.path)'"
        switch fact.type {
        case .bool:
            return context.bool(node, what).map { .bool($0) }
        case .integer(let lo, let hi):
            guard let n = context.integer(node, what) else { return nil }
            if let lo, n < lo { context.error(.badValue, "\(what) must be at least \(lo), not \(n)", at: node); return nil }
            if let hi, n > hi { context.error(.badValue, "\(what) must be at most \(hi), not \(n)", at: node); return nil }
            return .integer(n)
        case .number(let lo, let hi):
            guard let n = context.number(node, what) else { return nil }
            if let lo, n < lo { context.error(.badValue, "\(what) must be at least \(lo), not \(n)", at: node); return nil }
            if let hi, n > hi { context.error(.badValue, "\(what) must be at most \(hi), not \(n)", at: node); return nil }
            return .number(n)
        case .date:
            return context.day(node, what).map { .date($0.ordinal) }
        case .string:
            return context.string(node, what).map { .string($0) }
        case .enumeration(let e):
            guard let s = node.scalar else {
                context.error(.wrongType, "\(what) must be one of \(e.values.joined(separator: ", ")), not \(node.kindDescription)", at: node)
                return nil
            }
            guard let i = e.index(of: s.value) else {
                context.error(.badValue, "\(what) must be one of \(e.values.joined(separator: ", ")), not '\(s.value)'\(Suggestion.clause(for: s.value, in: e.values))",
                              at: node)
                return nil
            }
            return .symbol(i)
        case .set(let e):
            guard let items = node.items else {
                context.error(.wrongType, "\(what) must be a list of values from: \(e.values.joined(separator: ", ")); not \(node.kindDescription)", at: node)
                return nil
            }
            var mask: UInt64 = 0
            var ok = true
            for item in items {
                guard let s = item.scalar, let i = e.index(of: s.value) else {
                    let text = item.scalar?.value ?? item.kindDescription
                    context.error(.badValue, "'\(text)' is not one of the values of \(what)\(Suggestion.clause(for: text, in: e.values))", at: item)
                    ok = false
                    continue
                }
                mask |= 1 << UInt64(i)
            }
            return ok ? .set(mask) : nil
        }
    }
}
