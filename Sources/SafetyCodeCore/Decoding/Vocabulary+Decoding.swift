import YAMLTree

extension Vocabulary {
    static let topKeys = ["vocabulary", "types", "facts", "lenses"]
    static let factKeys = ["type", "values", "ordered", "min", "max", "question", "help", "unit", "example"]
    static let typeKeys = ["type", "values", "ordered", "min", "max", "help"]
    static let builtinTypes = ["bool", "integer", "number", "date", "string", "enum", "set"]

    /// Decodes a vocabulary file, reporting every problem into the context.
    static func decode(_ context: DecodeContext) -> Vocabulary? {
        guard let top = context.mapping(context.document.root, "a vocabulary file", allowed: topKeys) else { return nil }
        var id = "", title = "", version: String?
        if let headerNode = top.required("vocabulary"),
           let header = context.mapping(headerNode, "'vocabulary'", allowed: ["id", "title", "version", "description"]) {
            id = header.string("id", required: true) ?? ""
            title = header.string("title", required: true) ?? ""
            version = header.string("version")
            _ = header.string("description")
        }
        var named: [String: FactType] = [:]
        if let typesNode = top.optional("types"), let types = context.mapping(typesNode, "'types'", allowed: typesNode.pairs?.map(\.keyText) ?? []) {
            for pair in types.pairs {
                let name = pair.keyText
                if builtinTypes.contains(name) {
                    context.error(.badValue, "type name '\(name)' is a built-in type", at: pair.key)
                    continue
                }
                if let t = decodeType(pair.value, context, what: "type '\(name)'", allowed: typeKeys, named: [:], name: name) {
                    named[name] = t
                }
            }
        }
        var facts: [Fact] = []
        var slots: [String: Int] = [:]
        if let factsNode = top.required("facts"), let pairs = factsNode.pairs {
            for pair in pairs {
                let path = pair.keyText
                let parts = path.split(separator: ".", omittingEmptySubsequences: false)
                let wellFormed = parts.count >= 2 && parts.allSatisfy { p in
                    !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
                }
                if !wellFormed {
                    context.error(.badValue, "fact path '\(path)' must be dotted snake_case words, like service.uk_users", at: pair.key)
                }
                let roots = ["service", "risk", "children_risk", "controls"]
                if wellFormed, !roots.contains(String(parts[0])) {
                    context.error(.badValue, "fact path '\(path)' must start with one of \(roots.joined(separator: ", "))", at: pair.key)
                }
                guard let t = decodeType(pair.value, context, what: "fact '\(path)'", allowed: factKeys, named: named, name: nil),
                      let m = context.mapping(pair.value, "fact '\(path)'", allowed: factKeys + ["__"]) else { continue }
                let question = m.string("question", required: true) ?? ""
                let example = m.optional("example").map { n in n.scalar?.value ?? "" }
                guard slots[path] == nil else { continue }  // duplicate keys were reported by the loader
                slots[path] = facts.count
                facts.append(Fact(path: path, type: t, question: question, help: m.string("help"), unit: m.string("unit"),
                                  example: example, slot: facts.count, location: context.location(pair.key)))
            }
            // A path may not be both a fact and a group of facts.
            // Every proper prefix of every path, once: linear in the vocabulary's size.
            var groups: Set<Substring> = []
            for f in facts {
                var i = f.path.startIndex
                while let dot = f.path[i...].firstIndex(of: ".") {
                    groups.insert(f.path[..<dot])
                    i = f.path.index(after: dot)
                }
            }
            for f in facts where groups.contains(Substring(f.path)) {
                context.report(.error(.badValue, "'\(f.path)' is both a fact and the start of other facts' paths",
                                      at: f.location))
            }
        } else if let factsNode = top.optional("facts") {
            context.error(.wrongType, "'facts' must be a mapping of fact paths", at: factsNode)
        }
        var vocabulary = Vocabulary(id: id, title: title, version: version, file: context.file, facts: facts, slots: slots)
        if let lensesNode = top.optional("lenses") {
            vocabulary.lenses = decodeLenses(lensesNode, context, harmNames: vocabulary.harmNames)
        }
        return vocabulary
    }

    /// Decodes `lenses:`, a mapping of lens name to its title, kinds of harm and note.
    static func decodeLenses(_ node: YAMLNode, _ context: DecodeContext, harmNames: Set<String>) -> [Lens] {
        guard let pairs = node.pairs else {
            context.error(.wrongType, "'lenses' must be a mapping of lens names", at: node)
            return []
        }
        var lenses: [Lens] = []
        for pair in pairs {
            let name = pair.keyText
            if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
                context.error(.badValue, "lens name '\(name)' must be snake_case, like child_sexual_abuse", at: pair.key)
            }
            guard let m = context.mapping(pair.value, "lens '\(name)'", allowed: ["title", "harms", "note"]) else { continue }
            let title = m.string("title", required: true) ?? name
            var harms: [String] = []
            if let h = m.required("harms") {
                if let items = h.items {
                    for item in items {
                        guard let harm = context.string(item, "each harm of lens '\(name)'") else { continue }
                        if harmNames.contains(harm) {
                            harms.append(harm)
                        } else {
                            context.error(.badValue, "'\(harm)' in lens '\(name)' is not a kind of harm in the vocabulary\(Suggestion.clause(for: harm, in: harmNames))", at: item)
                        }
                    }
                    if items.isEmpty { context.error(.badValue, "lens '\(name)' lists no kinds of harm", at: h) }
                } else {
                    context.error(.wrongType, "'harms' of lens '\(name)' must be a list of kinds of harm", at: h)
                }
            }
            lenses.append(Lens(name: name, title: title, harms: harms, note: m.string("note")))
        }
        return lenses
    }

    /// Decodes a type: a built-in with its options, or a named type.
    static func decodeType(
        _ node: YAMLNode, _ context: DecodeContext, what: String, allowed: [String],
        named: [String: FactType], name: String?
    ) -> FactType? {
        guard let pairs = node.pairs else {
            context.error(.wrongType, "\(what) must be a mapping with at least 'type'", at: node)
            return nil
        }
        // Unknown keys are reported by the caller's mapping() for facts; here only for named types.
        let m: MappingReader
        if name != nil {
            guard let r = context.mapping(node, what, allowed: allowed) else { return nil }
            m = r
        } else {
            m = MappingReader(context: context, node: node, pairs: pairs, what: what)
        }
        guard let typeName = m.string("type", required: true) else { return nil }
        func enumType() -> EnumType? {
            guard let values = m.strings("values") else {
                context.error(.missingKey, "\(what) is a \(typeName) and needs 'values'", at: m.keyNode("type") ?? node)
                return nil
            }
            if values.isEmpty { context.error(.badValue, "\(what) lists no values", at: node) }
            if Set(values).count != values.count { context.error(.badValue, "\(what) lists a value twice", at: m.optional("values") ?? node) }
            if typeName == "set", values.count > 64 { context.error(.badValue, "\(what) has more than 64 values", at: node) }
            return EnumType(name: name, values: values, ordered: m.bool("ordered") ?? false)
        }
        switch typeName {
        case "bool": return .bool
        case "integer": return .integer(min: m.integer("min"), max: m.integer("max"))
        case "number": return .number(min: m.number("min"), max: m.number("max"))
        case "date": return .date
        case "string": return .string
        case "enum": return enumType().map { .enumeration($0) }
        case "set": return enumType().map { .set($0) }
        default:
            if let t = named[typeName] { return t }
            let candidates = builtinTypes + named.keys.sorted()
            context.error(.badValue, "unknown type '\(typeName)' in \(what)\(Suggestion.clause(for: typeName, in: candidates))",
                          at: m.optional("type") ?? node)
            return nil
        }
    }
}
