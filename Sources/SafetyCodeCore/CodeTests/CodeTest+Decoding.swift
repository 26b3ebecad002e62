import YAMLTree

extension CodeTest {
    /// Decodes a code-test file against its code (loaded through `loader`); every problem,
    /// including a measure id the code does not have, is reported into the loader. Nil when the
    /// file or its code has errors.
    public static func load(_ path: String, loader: Loader) -> CodeTest? {
        guard let document = loader.document(path) else { return nil }
        let context = DecodeContext(document)
        defer { loader.report(context.diagnostics) }
        guard let top = context.mapping(document.root, "a code-test file", allowed: topKeys) else { return nil }
        var codePath = "", asOf: Day?, asIfInForce = false
        var codeNode: YAMLNode?
        if let h = top.required("code_test"), let m = context.mapping(h, "'code_test'", allowed: headerKeys) {
            codePath = m.string("code", required: true) ?? ""
            codeNode = m.optional("code")
            if m.required("as_of") != nil { asOf = m.day("as_of") }
            asIfInForce = m.bool("as_if_in_force") ?? false
            _ = m.string("description")
        }
        guard let codeNode, !codePath.isEmpty else { return nil }
        let codeFile = Loader.resolve(codePath, relativeTo: path)
        guard let doc = loader.document(codeFile) else {
            context.error(.missingFile, "the code under test, \(codeFile), cannot be read", at: codeNode)
            return nil
        }
        guard let kind = FileKind.of(doc), kind == .code || kind == .overlay else {
            context.error(.unknownFileKind, "'\(codePath)' is not a code or overlay file", at: codeNode)
            return nil
        }
        let before = loader.diagnostics.count
        guard let code = loader.code(codeFile) else {
            if loader.diagnostics.count == before {
                context.error(.missingFile, "the code under test, \(codeFile), has errors", at: codeNode)
            }
            return nil
        }
        var cases: [Case] = []
        if let node = top.required("cases") {
            if let items = node.items {
                for item in items {
                    if let c = decodeCase(item, context, code: code, defaultDay: asOf, asIfInForce: asIfInForce) { cases.append(c) }
                }
            } else {
                context.error(.wrongType, "'cases' must be a list of test cases", at: node)
            }
        }
        guard !context.hasErrors, let asOf else { return nil }
        return CodeTest(file: path, codePath: codePath, codeFile: codeFile, asOf: asOf, cases: cases)
    }

    static func decodeCase(_ node: YAMLNode, _ context: DecodeContext, code: Code, defaultDay: Day?, asIfInForce: Bool) -> Case? {
        let nameText = node.pairs?.first { $0.keyText == "name" }?.value.scalar?.value
        let what = nameText.map { "case '\($0)'" } ?? "a case"
        guard let m = context.mapping(node, what, allowed: caseKeys) else { return nil }
        let name = m.string("name", required: true) ?? ""
        let day = m.day("as_of") ?? defaultDay
        let inForce = m.bool("as_if_in_force") ?? asIfInForce
        _ = m.string("note")
        // The partial submission, with a `submission:` header made from the case's name.
        var parts: [YAMLPair] = []
        if let s = m.optional("submission") {
            if context.mapping(s, "the submission of \(what)", allowed: submissionParts) != nil { parts = s.pairs ?? [] }
        }
        let at = node.start
        let header = YAMLNode(.mapping([YAMLPair(key: YAMLNode(.scalar(.init("service")), start: at, endOffset: at.offset),
                                                 value: YAMLNode(.scalar(.init(name.isEmpty ? "test case" : name)), start: at, endOffset: at.offset))]),
                              start: at, endOffset: at.offset)
        let root = YAMLNode(.mapping([YAMLPair(key: YAMLNode(.scalar(.init("submission")), start: at, endOffset: at.offset), value: header)] + parts),
                            start: at, endOffset: node.endOffset)
        let sub = DecodeContext(YAMLDocument(file: context.document.file, root: root, text: context.document.text))
        let submission = Submission.decode(sub, vocabulary: code.vocabulary)
        context.report(sub.diagnostics)
        var expectations: [Expectation] = []
        func measure(_ n: YAMLNode, _ key: String) -> String? {
            guard let id = context.string(n, "each measure id in '\(key)'") else { return nil }
            if code.index(of: id) == nil {
                context.error(.unknownMeasure, "no measure '\(id)' in \(code.header.id) \(code.header.version)\(Suggestion.clause(for: id, in: code.measures.map(\.id)))",
                              at: n)
                return nil
            }
            return id
        }
        for (key, value) in [("applies", Tri.yes), ("does_not_apply", .no), ("may_apply", .unknown)] {
            guard let list = m.optional(key) else { continue }
            guard let items = list.items else {
                context.error(.wrongType, "'\(key)' must be a list of measure ids", at: list)
                continue
            }
            for item in items {
                guard let id = measure(item, key) else { continue }
                if let earlier = expectations.first(where: { $0.measure == id && $0.kind != .applicability(value) && !$0.isStatus }) {
                    context.error(.duplicateId, "\(id) is expected both to \(Self.words(value)) and to \(Self.words(earlier.kind.tri ?? .unknown)) in \(what)",
                                  at: item, notes: [.init("first expected here", at: earlier.location)])
                }
                expectations.append(Expectation(measure: id, location: context.location(item), kind: .applicability(value)))
            }
        }
        if let s = m.optional("status") {
            if let pairs = s.pairs {
                for pair in pairs {
                    guard let id = measure(pair.key, "status"),
                          let status = context.choice(pair.value, "the status of \(id)", as: MeasureStatus.self) else { continue }
                    expectations.append(Expectation(measure: id, location: context.location(pair.key), kind: .status(status)))
                }
            } else {
                context.error(.wrongType, "'status' must be a mapping from measure ids to statuses", at: s)
            }
        }
        if expectations.isEmpty, !context.hasErrors {
            context.error(.missingKey, "\(what) expects nothing: give 'applies', 'does_not_apply', 'may_apply' or 'status'", at: node)
        }
        guard let submission, let day else { return nil }
        return Case(name: name, location: context.location(node), asOf: day, asIfInForce: inForce, submission: submission, expectations: expectations)
    }

    static func words(_ t: Tri) -> String {
        switch t {
        case .yes: "apply"
        case .no: "not apply"
        case .unknown: "be undecided"
        }
    }
}

extension CodeTest.Expectation {
    var isStatus: Bool { if case .status = kind { true } else { false } }
}

extension CodeTest.Kind {
    var tri: Tri? { if case .applicability(let t) = self { t } else { nil } }
}
