import Foundation
import YAMLTree

extension RiskProfile {
    static let topKeys = ["risk_profile", "definitions", "harms"]
    static let headerKeys = ["id", "version", "title", "publisher", "vocabulary", "description", "source"]
    static let harmKeys = ["title", "factors", "guidance"]
    static let factorKeys = ["id", "text", "when", "source"]
    static let ruleKeys = ["id", "at_least", "when", "text", "source"]
    static let sourceKeys = ["paragraph", "url", "confidence", "note"]

    /// The header's `vocabulary` as written, or nil.
    static func vocabularyPath(_ document: YAMLDocument) -> (String, YAMLNode)? {
        guard let node = document.root.pairs?.first(where: { $0.keyText == "risk_profile" })?.value
            .pairs?.first(where: { $0.keyText == "vocabulary" })?.value,
              let text = node.scalar?.value, !(node.scalar?.isNull ?? true) else { return nil }
        return (text, node)
    }

    /// Decodes and compiles a risk profile against its vocabulary; nil when it has errors (all
    /// reported into `context`, or as the compiler's diagnostics).
    static func decode(_ context: DecodeContext, vocabulary: Vocabulary, limits: ExpressionLimits) -> (RiskProfile?, [Diagnostic]) {
        let root = context.document.root
        guard let top = context.mapping(root, "a risk profile file", allowed: topKeys) else { return (nil, []) }
        var profile = RiskProfile(id: "", version: "", title: "", file: context.file, harms: [])
        if let h = top.required("risk_profile"), let m = context.mapping(h, "'risk_profile'", allowed: headerKeys) {
            profile.id = m.string("id", required: true) ?? ""
            profile.version = m.string("version", required: true) ?? ""
            profile.title = m.string("title", required: true, max: DecodeContext.maxName) ?? ""
            profile.publisher = m.string("publisher")
            profile.description = m.string("description")
            _ = m.string("vocabulary", required: true)
            if let s = m.optional("source"), let sm = context.mapping(s, "'source'", allowed: ["url", "title"]) {
                profile.sourceURL = sm.string("url")
                profile.sourceTitle = sm.string("title")
            }
        }
        var definitions: [Compiler.Definition] = []
        if let d = top.optional("definitions") {
            if let pairs = d.pairs {
                for pair in pairs {
                    guard let text = context.string(pair.value, "definition '\(pair.keyText)'") else { continue }
                    if !isName(pair.keyText) { context.error(.badValue, "definition name '\(pair.keyText)' must be a snake_case word", at: pair.key) }
                    definitions.append(.init(name: pair.keyText, source: ExpressionSource(text: text, node: pair.value, document: context.document),
                                             keyLocation: context.location(pair.key)))
                }
            } else {
                context.error(.wrongType, "'definitions' must be a mapping of names to conditions", at: d)
            }
        }
        var diagnostics: [Diagnostic] = []
        var compiled = true
        if let hs = top.required("harms") {
            guard let pairs = hs.pairs else {
                context.error(.wrongType, "'harms' must be a mapping from a declared level's fact (such as risk.grooming) to its factors and guidance", at: hs)
                return (nil, [])
            }
            let levelFacts = vocabulary.facts.filter { f in
                if case .enumeration(let e) = f.type, e.ordered, f.path.hasPrefix("risk.") || f.path.hasPrefix("children_risk.") { return true }
                return false
            }.map(\.path)
            for pair in pairs {
                let path = pair.keyText
                guard let fact = vocabulary.fact(path), levelFacts.contains(path), case .enumeration(let levels) = fact.type else {
                    context.error(.unknownFact, "'\(path)' is not a declared risk level in the vocabulary\(Suggestion.clause(for: path, in: levelFacts))", at: pair.key)
                    continue
                }
                let what = "the guidance for \(path)"
                guard let hm = context.mapping(pair.value, what, allowed: harmKeys) else { continue }
                var harm = Harm(path: path, slot: fact.slot, title: hm.string("title", max: DecodeContext.maxName) ?? Self.words(path),
                                factors: [], guidance: [], location: context.location(pair.key))
                // Factors first: their ids become names the rules can use.
                var factorDrafts: [(id: String, text: String, when: ExpressionSource, source: Measure.Provenance, node: YAMLNode)] = []
                if let fs = hm.required("factors") {
                    if let items = fs.items {
                        if items.isEmpty { context.error(.badValue, "\(what) must list at least one risk factor", at: fs) }
                        for item in items {
                            guard let f = context.mapping(item, "a risk factor of \(path)", allowed: factorKeys) else { continue }
                            let idNode = f.required("id")
                            let id = idNode.flatMap { context.string($0, "'id'") } ?? ""
                            if let idNode, !id.isEmpty, !isName(id) {
                                context.error(.badValue, "a factor's id '\(id)' must be a snake_case word (rules use it as a name)", at: idNode)
                            }
                            if let idNode, factorDrafts.contains(where: { $0.id == id }) {
                                context.error(.duplicateId, "factor '\(id)' appears twice in \(what)", at: idNode)
                            }
                            if let idNode, definitions.contains(where: { $0.name == id }) {
                                context.error(.duplicateId, "factor '\(id)' has the name of a definition of this file; give it another id", at: idNode)
                            }
                            let text = f.string("text", required: true, max: DecodeContext.maxName) ?? ""
                            let source = provenance(f, context, "factor '\(id)' of \(path)")
                            guard let w = f.required("when") else { continue }
                            guard let s = w.scalar else { context.error(.wrongType, "'when' must be a condition, not \(w.kindDescription)", at: w); continue }
                            factorDrafts.append((id, text, ExpressionSource(text: s.value, node: w, document: context.document), source, item))
                        }
                    } else {
                        context.error(.wrongType, "'factors' must be a list of risk factors", at: fs)
                    }
                }
                // Factors read facts and the file's definitions (a factor named like a value, such as
                // `direct_messaging`, would otherwise hide the value); rules read the factors too.
                let factorCompiler = Compiler(vocabulary: vocabulary, definitions: definitions, measureIndex: [:], limits: limits)
                let compiler = Compiler(vocabulary: vocabulary, definitions: definitions, measureIndex: [:], limits: limits)
                for f in factorDrafts {
                    guard let e = factorCompiler.compileCondition(f.when, what: "'when' of factor '\(f.id)' of \(path)") else {
                        // The factor's error is reported; rules naming it fail quietly (no second error).
                        compiler.predefineFailed(.init(name: f.id, source: f.when, keyLocation: context.location(f.node)))
                        compiled = false
                        continue
                    }
                    harm.factors.append(.init(id: f.id, text: f.text, when: e, source: f.source, location: context.location(f.node)))
                    compiler.predefine(.init(name: f.id, source: f.when, keyLocation: context.location(f.node)), as: e)
                }
                if let gs = hm.required("guidance") {
                    if let items = gs.items {
                        var seen: Set<String> = []
                        for item in items {
                            guard let r = context.mapping(item, "a rule of \(what)", allowed: ruleKeys) else { continue }
                            let id = r.string("id", required: true) ?? ""
                            if !id.isEmpty, !seen.insert(id).inserted, let n = r.optional("id") {
                                context.error(.duplicateId, "rule '\(id)' appears twice in \(what)", at: n)
                            }
                            var level = 0, levelName = ""
                            if let l = r.required("at_least"), let name = context.string(l, "'at_least'") {
                                if let i = levels.index(of: name) { level = i; levelName = name } else {
                                    context.error(.badValue, "'at_least' must be one of \(levels.values.joined(separator: ", ")), not '\(name)'\(Suggestion.clause(for: name, in: levels.values))", at: l)
                                }
                            }
                            let text = r.string("text", required: true) ?? ""
                            let source = provenance(r, context, "rule '\(id)' of \(path)")
                            guard let w = r.required("when") else { continue }
                            guard let s = w.scalar else { context.error(.wrongType, "'when' must be a condition, not \(w.kindDescription)", at: w); continue }
                            let src = ExpressionSource(text: s.value, node: w, document: context.document)
                            guard let e = compiler.compileCondition(src, what: "'when' of rule '\(id)' of \(path)") else { compiled = false; continue }
                            // A rule must rest on this harm's factors: a service with none of them is never challenged.
                            let factorIDs = Set(harm.factors.map(\.id))
                            if compiler.referencedDefinitions.isDisjoint(with: factorIDs) {
                                context.error(.badValue, "rule '\(id)' of \(path) uses none of its risk factors (\(factorIDs.sorted().joined(separator: ", "))): name at least one in 'when'", at: w)
                            }
                            harm.guidance.append(.init(id: id, atLeast: level, level: levelName, when: e, text: text, source: source,
                                                       location: context.location(item)))
                        }
                    } else {
                        context.error(.wrongType, "'guidance' must be a list of rules", at: gs)
                    }
                }
                diagnostics += factorCompiler.diagnostics + compiler.diagnostics
                profile.harms.append(harm)
            }
        }
        if !compiled || context.hasErrors || diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (profile, diagnostics)
    }

    static func provenance(_ m: MappingReader, _ context: DecodeContext, _ what: String) -> Measure.Provenance {
        var source = Measure.Provenance(paragraph: nil, url: nil, confidence: .unconfirmed, note: nil)
        if let s = m.required("source"), let sm = context.mapping(s, "'source' of \(what)", allowed: sourceKeys) {
            source.paragraph = sm.string("paragraph")
            source.url = sm.string("url", required: true)
            source.confidence = sm.choice("confidence", as: Confidence.self, required: true) ?? .unconfirmed
            source.note = sm.string("note")
        }
        return source
    }

    static func isName(_ s: String) -> Bool {
        s.first?.isLetter == true && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }

    /// `risk.harassment_stalking_threats_abuse` as `harassment stalking threats abuse`.
    static func words(_ path: String) -> String {
        String(path[path.index(after: path.firstIndex(of: ".") ?? path.startIndex)...]).replacingOccurrences(of: "_", with: " ")
    }
}

extension Loader {
    /// Loads a risk profile once, with its vocabulary; nil when anything in it is wrong (every
    /// problem is reported).
    public func riskProfile(_ path: String) -> RiskProfile? {
        let k = Self.key(path)
        if let cached = riskProfileCache[k] { return cached }
        var result: RiskProfile?
        defer { riskProfileCache[k] = .some(result) }
        guard let doc = document(path) else { return nil }
        guard FileKind.of(doc) == .riskProfile else {
            report([.error(.unknownFileKind, "expected a risk profile file (with a top-level 'risk_profile' key)", at: doc.location(of: doc.root))])
            return nil
        }
        guard let (written, node) = RiskProfile.vocabularyPath(doc) else {
            let context = DecodeContext(doc)
            _ = context.mapping(doc.root, "a risk profile file", allowed: RiskProfile.topKeys)
            report(context.diagnostics)
            report([.error(.missingKey, "'risk_profile' is missing the required key 'vocabulary'", at: doc.location(of: doc.root))])
            return nil
        }
        let vocabularyPath = Self.resolve(written, relativeTo: path)
        guard FileManager.default.fileExists(atPath: vocabularyPath) else {
            report([.error(.missingFile, "the vocabulary \(vocabularyPath) does not exist", at: doc.location(of: node))])
            return nil
        }
        guard let vocabulary = vocabulary(vocabularyPath) else {
            report([.error(.missingFile, "the vocabulary \(vocabularyPath) has errors, so this risk profile cannot be checked", at: doc.location(of: node))])
            return nil
        }
        let context = DecodeContext(doc)
        let (profile, compiled) = RiskProfile.decode(context, vocabulary: vocabulary, limits: expressionLimits)
        report(context.diagnostics)
        report(compiled)
        result = profile
        return result
    }

    /// The risk profiles kept beside a vocabulary (`risk-profiles/*.yaml` in its folder) that are
    /// written against it, in file order; those with errors are reported and left out.
    public func riskProfiles(besideVocabulary vocabularyFile: String) -> [RiskProfile] {
        riskProfilesBeside(vocabularyFile).profiles
    }

    /// The risk profiles beside a vocabulary, with the files among them that have errors.
    func riskProfilesBeside(_ vocabularyFile: String) -> (profiles: [RiskProfile], broken: [String]) {
        let folder = ((vocabularyFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent("risk-profiles")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else { return ([], []) }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        let target = Self.key(vocabularyFile)
        var broken: [String] = []
        let profiles: [RiskProfile] = files.compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            guard let doc = document(path), FileKind.of(doc) == .riskProfile,
                  let (written, _) = RiskProfile.vocabularyPath(doc), Self.key(Self.resolve(written, relativeTo: path)) == target else { return nil }
            let profile = riskProfile(path)
            if profile == nil { broken.append(path) }
            return profile
        }
        return (profiles, broken)
    }
}
