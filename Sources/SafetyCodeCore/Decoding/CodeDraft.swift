import YAMLTree

/// A code or overlay file as decoded, before its chain is resolved and its expressions compiled.
struct CodeDraft {
    struct MeasureDraft {
        var id: String
        var idNode: YAMLNode
        var section: String
        var sectionNode: YAMLNode?
        var title: String
        var summary: String?
        var harms: [(String, YAMLNode)]
        var severity: Severity
        var optional: Bool
        var provisionalID: Bool
        var status: Code.Status?
        var inForce: Day?
        var dependsOn: [(String, YAMLNode)]
        var appliesWhen: ExpressionSource?
        var requires: [CheckDraft]
        var source: Measure.Provenance
        var location: SourceLocation
        /// The file the measure is written in.
        var document: YAMLDocument
        /// The version an overlay's `replace` put this one in place of (at most one).
        var replaces: [MeasureDraft] = []
        /// The definitions this version is compiled with; nil for the resolved code's own. A
        /// measure carried over from a base keeps the base's definitions in its earlier version
        /// when an overlay redefines them.
        var definitions: [Compiler.Definition]? = nil
        /// True for a version made only because an overlay redefined definitions; it collapses
        /// into its earlier version when it uses none of the redefined names.
        var throughRedefinition = false
    }

    struct CheckDraft {
        var id: String
        var text: String
        var check: ExpressionSource?
        var weight: Int
        var inForce: Day? = nil
    }

    var file: String
    var document: YAMLDocument
    var header: Code.Header
    /// Which header keys the file gave, so an overlay's header can inherit the rest.
    var headerKeys: Set<String>
    var definitions: [Compiler.Definition]
    var sections: [Code.Section]
    var measures: [MeasureDraft]
    var extends: (path: String, node: YAMLNode)?
    var add: [MeasureDraft]
    var replace: [MeasureDraft]
    var remove: [(String, YAMLNode)]

    static let codeKeys = ["code", "definitions", "sections", "measures"]
    static let overlayKeys = ["code", "extends", "definitions", "sections", "add", "replace", "remove"]
    static let headerAllowed = ["id", "version", "title", "short_title", "publisher", "status", "published", "laid", "issued",
                                "in_force", "vocabulary", "description", "source"]
    static let measureKeys = ["id", "section", "title", "summary", "harms", "severity", "optional", "provisional_id",
                              "status", "in_force", "depends_on", "applies_when", "requires", "source"]

    /// Decodes a code or overlay file.
    static func decode(_ context: DecodeContext) -> CodeDraft? {
        let root = context.document.root
        let isOverlay = root.pairs?.contains { $0.keyText == "extends" } ?? false
        guard let top = context.mapping(root, isOverlay ? "an overlay file" : "a code file",
                                        allowed: isOverlay ? overlayKeys : codeKeys) else { return nil }
        var header = Code.Header(id: "", version: "", title: "", status: .proposed)
        var keys: Set<String> = []
        if let h = top.required("code"), let m = context.mapping(h, "'code'", allowed: headerAllowed) {
            keys = Set(m.pairs.filter { !$0.value.isNull }.map(\.keyText))
            header.id = m.string("id", required: !isOverlay) ?? ""
            header.version = m.string("version", required: true) ?? ""
            header.title = m.string("title", required: !isOverlay, max: DecodeContext.maxName) ?? ""
            header.shortTitle = m.string("short_title", max: 40)
            header.publisher = m.string("publisher")
            header.status = m.choice("status", as: Code.Status.self, required: !isOverlay) ?? .proposed
            header.published = m.day("published")
            header.laid = m.day("laid")
            header.issued = m.day("issued")
            header.inForce = m.day("in_force")
            header.description = m.string("description")
            header.vocabularyPath = m.string("vocabulary", required: !isOverlay)
            if let s = m.optional("source"), let sm = context.mapping(s, "'source'", allowed: ["url", "title"]) {
                header.sourceURL = sm.string("url")
                header.sourceTitle = sm.string("title")
            }
        }
        var definitions: [Compiler.Definition] = []
        if let d = top.optional("definitions") {
            if let pairs = d.pairs {
                for pair in pairs {
                    let name = pair.keyText
                    if !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) || name.first?.isLetter != true {
                        context.error(.badValue, "definition name '\(name)' must be a snake_case word", at: pair.key)
                    }
                    // A condition, or {title, when}: the title is what reasons say instead of the name.
                    var node = pair.value
                    var title: String?
                    if pair.value.pairs != nil {
                        guard let m = context.mapping(pair.value, "definition '\(name)'", allowed: ["title", "when"]) else { continue }
                        title = m.string("title", required: true, max: DecodeContext.maxName)
                        guard let when = m.required("when") else { continue }
                        node = when
                    }
                    guard let text = context.string(node, "definition '\(name)'") else { continue }
                    definitions.append(.init(name: name, source: ExpressionSource(text: text, node: node, document: context.document),
                                             keyLocation: context.location(pair.key), title: title))
                }
            } else {
                context.error(.wrongType, "'definitions' must be a mapping of names to conditions", at: d)
            }
        }
        var sections: [Code.Section] = []
        if let s = top.optional("sections") {
            if let items = s.items {
                for item in items {
                    guard let m = context.mapping(item, "a section", allowed: ["id", "title"]) else { continue }
                    if let id = m.string("id", required: true), let title = m.string("title", required: true) {
                        if sections.contains(where: { $0.id == id }) {
                            context.error(.duplicateId, "section '\(id)' is defined twice", at: item)
                        }
                        sections.append(.init(id: id, title: title))
                    }
                }
            } else {
                context.error(.wrongType, "'sections' must be a list", at: s)
            }
        }
        func measureList(_ key: String) -> [MeasureDraft] {
            guard let node = top.optional(key) else { return [] }
            guard let items = node.items else {
                context.error(.wrongType, "'\(key)' must be a list of measures", at: node)
                return []
            }
            return items.compactMap { decodeMeasure($0, context) }
        }
        var extends: (String, YAMLNode)?
        if isOverlay, let e = top.required("extends"), let path = context.string(e, "'extends'") { extends = (path, e) }
        var remove: [(String, YAMLNode)] = []
        if let r = top.optional("remove") {
            if let items = r.items {
                remove = items.compactMap { n in context.string(n, "an id in 'remove'").map { ($0, n) } }
            } else {
                context.error(.wrongType, "'remove' must be a list of measure ids", at: r)
            }
        }
        let measures = isOverlay ? [] : (top.required("measures") != nil ? measureList("measures") : [])
        return CodeDraft(file: context.file, document: context.document, header: header, headerKeys: keys,
                         definitions: definitions, sections: sections, measures: measures,
                         extends: extends, add: measureList("add"), replace: measureList("replace"), remove: remove)
    }

    static func decodeMeasure(_ node: YAMLNode, _ context: DecodeContext) -> MeasureDraft? {
        let idText = node.pairs?.first { $0.keyText == "id" }?.value.scalar?.value
        let what = idText.map { "measure '\($0)'" } ?? "a measure"
        guard let m = context.mapping(node, what, allowed: measureKeys) else { return nil }
        let idNode = m.required("id")
        let id = idNode.flatMap { context.string($0, "'id'") } ?? ""
        let sectionNode = m.required("section")
        let section = sectionNode.flatMap { context.string($0, "'section'") } ?? ""
        let title = m.string("title", required: true, max: DecodeContext.maxName) ?? ""
        let severity = m.choice("severity", as: Severity.self, required: true) ?? .medium
        var harms: [(String, YAMLNode)] = []
        if let h = m.optional("harms") {
            if let items = h.items {
                harms = items.compactMap { n in context.string(n, "each harm").map { ($0, n) } }
            } else {
                context.error(.wrongType, "'harms' must be a list of kinds of harm", at: h)
            }
        }
        var dependsOn: [(String, YAMLNode)] = []
        if let d = m.optional("depends_on") {
            if let items = d.items {
                dependsOn = items.compactMap { n in context.string(n, "each id in 'depends_on'").map { ($0, n) } }
            } else {
                context.error(.wrongType, "'depends_on' must be a list of measure ids", at: d)
            }
        }
        var appliesWhen: ExpressionSource?
        if let a = m.optional("applies_when") {
            if let s = a.scalar {
                appliesWhen = ExpressionSource(text: s.value, node: a, document: context.document)
            } else {
                context.error(.wrongType, "'applies_when' must be a condition, not \(a.kindDescription)", at: a)
            }
        }
        var requires: [CheckDraft] = []
        if let r = m.required("requires") {
            if let items = r.items {
                if items.isEmpty { context.error(.badValue, "\(what) must require at least one check", at: r) }
                if items.count > 5 {
                    context.report(Diagnostic(.warning, code: .badValue, message: "\(what) has \(items.count) checks; keep to five or fewer",
                                              at: context.location(r)))
                }
                var seen: Set<String> = []
                for item in items {
                    guard let c = context.mapping(item, "a check of \(what)", allowed: ["id", "text", "check", "weight", "in_force"]) else { continue }
                    let cid = c.string("id", required: true) ?? ""
                    if !cid.isEmpty, !seen.insert(cid).inserted {
                        context.error(.duplicateId, "check '\(cid)' appears twice in \(what)", at: c.optional("id") ?? item)
                    }
                    let text = c.string("text", required: true) ?? ""
                    var check: ExpressionSource?
                    if let cn = c.required("check") {
                        if let s = cn.scalar { check = ExpressionSource(text: s.value, node: cn, document: context.document) }
                        else { context.error(.wrongType, "'check' must be a condition, not \(cn.kindDescription)", at: cn) }
                    }
                    var weight = 1
                    if let w = c.optional("weight") {
                        if let n = context.integer(w, "'weight'") {
                            if n < 1 || n > 100 { context.error(.badValue, "'weight' must be from 1 to 100", at: w) } else { weight = n }
                        }
                    }
                    let checkInForce = c.day("in_force")
                    if let day = checkInForce, let own = m.optional("in_force").flatMap({ Day($0.scalar?.value ?? "") }), day <= own {
                        context.report(Diagnostic(.warning, code: .badValue,
                                                  message: "check '\(cid)' of \(what) is in force from \(day), not after the measure itself (\(own)): its date changes nothing",
                                                  at: context.location(c.optional("in_force")!)))
                    }
                    requires.append(.init(id: cid, text: text, check: check, weight: weight, inForce: checkInForce))
                }
            } else {
                context.error(.wrongType, "'requires' must be a list of checks", at: r)
            }
        }
        var source = Measure.Provenance(paragraph: nil, url: nil, confidence: .unconfirmed, note: nil)
        if let s = m.required("source"), let sm = context.mapping(s, "'source' of \(what)", allowed: ["paragraph", "url", "confidence", "note"]) {
            source.paragraph = sm.string("paragraph")
            source.url = sm.string("url", required: true)
            source.confidence = sm.choice("confidence", as: Confidence.self, required: true) ?? .unconfirmed
            source.note = sm.string("note")
        }
        return MeasureDraft(
            id: id, idNode: idNode ?? node, section: section, sectionNode: sectionNode, title: title,
            summary: m.string("summary"), harms: harms, severity: severity, optional: m.bool("optional") ?? false,
            provisionalID: m.bool("provisional_id") ?? false, status: m.choice("status", as: Code.Status.self),
            inForce: m.day("in_force"), dependsOn: dependsOn, appliesWhen: appliesWhen, requires: requires,
            source: source, location: context.location(node), document: context.document)
    }
}
