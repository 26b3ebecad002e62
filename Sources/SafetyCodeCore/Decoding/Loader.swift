import Crypto
import Foundation
import YAMLTree

/// Loads vocabularies, codes (through their overlay chains) and submissions, caching what
/// several files share, and collecting every problem found.
///
/// One loader serves one run: codes are loaded and compiled once, then shared by every
/// submission.
public final class Loader {
    /// Limits on YAML files.
    public var yamlLimits: YAMLLimits
    /// Limits on expressions.
    public var expressionLimits: ExpressionLimits
    /// Every problem found so far, without repeats, in the order found.
    public private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<String> = []
    private var documents: [String: YAMLDocument?] = [:]
    /// Documents built despite problems (see `YAMLDocument.problems`), decoded only to find a
    /// submission's other problems.
    private var flawed: [String: YAMLDocument] = [:]
    private var vocabularies: [String: Vocabulary?] = [:]
    /// Each file's draft, and whether the file itself has errors (kept with the draft, so a code
    /// loaded second through an overlay fails exactly as it does when loaded first).
    private var drafts: [String: (draft: CodeDraft?, failed: Bool)] = [:]
    private var codes: [String: Code?] = [:]
    private var digests: [String: String] = [:]
    /// Risk profiles by path (nil when one has errors).
    var riskProfileCache: [String: RiskProfile?] = [:]

    /// The longest chain of overlays, each extending the next.
    public static let maxOverlayDepth = 64

    /// Creates a loader.
    public init(yamlLimits: YAMLLimits = .default, expressionLimits: ExpressionLimits = .init()) {
        self.yamlLimits = yamlLimits
        self.expressionLimits = expressionLimits
    }

    /// True when any error has been found.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Records problems, dropping exact repeats (a base code's problem seen again through an overlay).
    public func report(_ more: [Diagnostic]) {
        for d in more where seen.insert(d.description).inserted { diagnostics.append(d) }
    }

    /// The path as a key for caches: absolute and standardized.
    static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `base`'s folder joined with a relative `path`, kept relative when `base` is.
    static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        let dir = (base as NSString).deletingLastPathComponent
        return normalize(dir.isEmpty ? path : dir + "/" + path)
    }

    /// A path with `.` and `name/..` steps removed, kept relative when it is:
    /// `Codes/campaigners/../ofcom/v1.yaml` is `Codes/ofcom/v1.yaml`.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    // MARK: Documents

    /// Loads a YAML file once; nil after reporting its problems.
    public func document(_ path: String) -> YAMLDocument? {
        let k = Self.key(path)
        if let cached = documents[k] { return cached }
        do {
            let bytes = try YAMLLoader.read(path: path, maxBytes: yamlLimits.maxFileBytes)
            digests[k] = SubmissionReader.hex(SHA256.hash(data: bytes))
            let d = try YAMLLoader(limits: yamlLimits).load(bytes: bytes, file: path)
            documents[k] = d
            return d
        } catch {
            report(error.diagnostics)
            documents[k] = .some(nil)
            flawed[k] = error.document
            return nil
        }
    }

    /// A document built despite problems that `document(_:)` reported (a duplicate key, say): not
    /// fit for use, but decoding it finds the file's other problems.
    func flawedDocument(_ path: String) -> YAMLDocument? { flawed[Self.key(path)] }

    /// Whether a file named by another (a code's `vocabulary:`, an overlay's `extends:`) is a
    /// safetycode file of the kind expected, loading it if so. When it is not (`vocabulary:
    /// /etc/passwd`), or cannot be read or parsed, one error is reported at the naming node, and
    /// nothing of the named file is shown: no line of it, no message quoting it. A file that is
    /// what it should be is then read as any other, with all its problems reported.
    func isReferenced(_ path: String, kinds: Set<FileKind>, as what: String, key: String, at place: SourceLocation?) -> Bool {
        let k = Self.key(path)
        func refuse(_ why: String) -> Bool {
            report([.error(.unknownFileKind, "'\(key)' names \(path), which is not \(what): \(why)", at: place)])
            return false
        }
        let doc: YAMLDocument
        if let cached = documents[k] {
            guard let cached else { return true }  // already reported as a file of its own
            doc = cached
        } else {
            let bytes: [UInt8]
            do {
                bytes = try YAMLLoader.read(path: path, maxBytes: yamlLimits.maxFileBytes)
            } catch {
                return refuse("it cannot be read as a file of safetycode's")
            }
            do {
                doc = try YAMLLoader(limits: yamlLimits).load(bytes: bytes, file: path)
            } catch {
                return refuse("it is not well-formed YAML within safetycode's limits (lint it on its own to see why)")
            }
            guard let kind = FileKind.of(doc), kinds.contains(kind) else {
                return refuse("it has none of the top-level keys such a file has")
            }
            documents[k] = doc
            digests[k] = SubmissionReader.hex(SHA256.hash(data: bytes))
            return true
        }
        guard let kind = FileKind.of(doc), kinds.contains(kind) else {
            return refuse("it has none of the top-level keys such a file has")
        }
        return true
    }

    // MARK: Vocabularies

    /// Loads a vocabulary once; nil when it has errors (they are reported).
    public func vocabulary(_ path: String) -> Vocabulary? {
        let k = Self.key(path)
        if let cached = vocabularies[k] { return cached }
        var result: Vocabulary?
        if let doc = document(path) {
            if FileKind.of(doc) != .vocabulary {
                report([.error(.unknownFileKind, "expected a vocabulary file (with a top-level 'vocabulary' key)", at: doc.location(of: doc.root))])
            } else {
                let context = DecodeContext(doc)
                result = Vocabulary.decode(context)
                report(context.diagnostics)
                if context.hasErrors { result = nil }
            }
        }
        vocabularies[k] = .some(result)
        return result
    }

    // MARK: Submissions

    /// Loads a submission against a vocabulary; nil when it has errors (they are reported).
    public func submission(_ path: String, vocabulary: Vocabulary) -> Submission? {
        // A file with a duplicate key is still decoded, so that its other problems are reported too.
        guard let doc = document(path) ?? flawedDocument(path) else { return nil }
        let (submission, diagnostics) = SubmissionReader.decode(doc, vocabulary: vocabulary)
        report(diagnostics)
        return submission
    }

    // MARK: Reviews

    /// Loads a review against a vocabulary; nil when it has errors (they are reported). Measure
    /// ids are checked with ``Review/unknownMeasures(in:)`` against the codes in hand.
    public func review(_ path: String, vocabulary: Vocabulary) -> Review? {
        guard let doc = document(path) ?? flawedDocument(path) else { return nil }
        guard FileKind.of(doc) == .review else {
            report([.error(.unknownFileKind, "expected a review file (with top-level 'review' and 'findings' keys)", at: doc.location(of: doc.root))])
            return nil
        }
        let context = DecodeContext(doc)
        let r = Review.decode(context, vocabulary: vocabulary)
        report(doc.problems + context.diagnostics)
        return context.hasErrors || doc.problems.contains { $0.severity == .error } ? nil : r
    }

    // MARK: Codes

    /// Loads a code or overlay, resolves its chain, and compiles it; nil when anything in it is
    /// wrong (every problem is reported).
    public func code(_ path: String) -> Code? {
        let k = Self.key(path)
        if let cached = codes[k] { return cached }
        // Failure is decided from this code's own problems (its chain, its vocabulary, its
        // expressions), never from how many new problems the loader has seen: the loader drops
        // repeats, so a problem first seen through another code would otherwise go unnoticed.
        var result: Code?
        if let resolved = resolveChain(path, visiting: []) {
            // A code with other problems (an unknown key, a bad date) still has its expressions
            // checked, so one run shows their mistakes too; it yields no code.
            let compiled = compile(resolved, expressionsOnly: resolved.failed)
            result = resolved.failed ? nil : compiled
        }
        codes[k] = .some(result)
        return result
    }

    private func draft(_ path: String) -> (draft: CodeDraft?, failed: Bool) {
        let k = Self.key(path)
        if let cached = drafts[k] { return cached }
        var result: CodeDraft?
        var failed = true
        if let doc = document(path) {
            let kind = FileKind.of(doc)
            if kind != .code && kind != .overlay {
                report([.error(.unknownFileKind, "expected a code file (with 'code' and 'measures') or an overlay (with 'extends')",
                               at: doc.location(of: doc.root))])
            } else {
                let context = DecodeContext(doc)
                result = CodeDraft.decode(context)
                report(context.diagnostics)
                failed = context.hasErrors || result == nil
            }
        }
        drafts[k] = (result, failed)
        return (result, failed)
    }

    /// A code with its chain applied, not yet compiled.
    struct Resolved {
        var header: Code.Header
        var vocabularyPath: String?
        var vocabularyNode: (YAMLNode, YAMLDocument)?
        var definitions: [Compiler.Definition]
        var sections: [Code.Section]
        var measures: [CodeDraft.MeasureDraft]
        var files: [String]
        /// True when any file of the chain has an error: such a code yields no report.
        var failed = false
    }

    private func resolveChain(_ path: String, visiting: [String]) -> Resolved? {
        let (decoded, draftFailed) = draft(path)
        guard let d = decoded else { return nil }
        let vocabNode = d.document.root.pairs?.first { $0.keyText == "code" }?.value.pairs?.first { $0.keyText == "vocabulary" }?.value
        let ownVocabulary = d.header.vocabularyPath.map { Self.resolve($0, relativeTo: path) }
        guard let (basePath, extendsNode) = d.extends else {
            var seenIDs: [String: SourceLocation] = [:]
            var failed = draftFailed
            for m in d.measures where !m.id.isEmpty {
                if let first = seenIDs[m.id] {
                    failed = true
                    report([.error(.duplicateId, "measure '\(m.id)' is defined twice", at: d.document.location(of: m.idNode),
                                   notes: [.init("first defined here", at: first)])])
                } else {
                    seenIDs[m.id] = m.location
                }
            }
            return Resolved(header: d.header, vocabularyPath: ownVocabulary, vocabularyNode: vocabNode.map { ($0, d.document) },
                            definitions: d.definitions, sections: d.sections, measures: d.measures, files: [path], failed: failed)
        }
        let base = Self.resolve(basePath, relativeTo: path)
        let here = d.document.location(of: extendsNode)
        if let start = visiting.firstIndex(of: Self.key(base)) {
            var cycle: [String] = []
            for k in visiting[start...] + [Self.key(path), Self.key(base)] where cycle.last != k { cycle.append(k) }
            let names = cycle.map { ($0 as NSString).lastPathComponent }
            report([.error(.cycle, names.count == 1 ? "\(names[0]) extends itself"
                                                    : "overlays extend each other in a circle: \(names.joined(separator: " -> "))", at: here)])
            return nil
        }
        guard FileManager.default.fileExists(atPath: base) else {
            report([.error(.missingFile, "'extends' names \(basePath), which does not exist (looked for \(base))", at: here)])
            return nil
        }
        // Checked before going deeper, so a long chain never exhausts the stack.
        guard visiting.count < Self.maxOverlayDepth else {
            report([.error(.expressionLimit, "overlays extend overlays more than \(Self.maxOverlayDepth) deep here; the chain starts at \(visiting.first.map { ($0 as NSString).lastPathComponent } ?? path)", at: here)])
            return nil
        }
        guard isReferenced(base, kinds: [.code, .overlay], as: "a code or an overlay", key: "extends", at: here),
              var r = resolveChain(base, visiting: visiting + [Self.key(path)]) else { return nil }
        if draftFailed { r.failed = true }
        // Measures carried over keep the status and in-force date of the version they came from.
        for i in r.measures.indices where r.measures[i].status == nil {
            if r.measures[i].inForce == nil { r.measures[i].inForce = r.header.inForce }
            r.measures[i].status = r.header.status
        }
        // Header: the overlay's own keys override the base's.
        let h = d.header
        for key in d.headerKeys {
            switch key {
            case "id": r.header.id = h.id
            case "version": r.header.version = h.version
            case "title": r.header.title = h.title
            case "short_title": r.header.shortTitle = h.shortTitle
            case "publisher": r.header.publisher = h.publisher
            case "status": r.header.status = h.status
            case "published": r.header.published = h.published
            case "laid": r.header.laid = h.laid
            case "issued": r.header.issued = h.issued
            case "in_force": r.header.inForce = h.inForce
            case "description": r.header.description = h.description
            case "source": r.header.sourceURL = h.sourceURL; r.header.sourceTitle = h.sourceTitle
            case "vocabulary":
                r.vocabularyPath = ownVocabulary
                r.vocabularyNode = vocabNode.map { ($0, d.document) }
            default: break
            }
        }
        // A new version with no in-force date of its own is not in force yet.
        if !d.headerKeys.contains("in_force") { r.header.inForce = nil }
        // The base's short title names the base, not this version.
        if !d.headerKeys.contains("short_title") { r.header.shortTitle = nil }
        // Redefinitions take effect with the overlay: every measure carried over gets a new
        // version compiled with the new definitions, replacing one that keeps the old ones (it
        // collapses back at compile time when the measure uses none of the names redefined).
        let redefined = d.definitions.contains { def in
            r.definitions.contains { $0.name == def.name && $0.source.text != def.source.text }
        }
        if redefined {
            for i in r.measures.indices where r.measures[i].definitions == nil {
                var earlier = r.measures[i]
                earlier.definitions = r.definitions
                var next = r.measures[i]
                next.status = nil
                next.inForce = nil
                next.replaces = [earlier]
                next.throughRedefinition = true
                r.measures[i] = next
            }
        }
        for def in d.definitions {
            if let i = r.definitions.firstIndex(where: { $0.name == def.name }) {
                // A redefinition without a title keeps the title it overrides.
                var new = def
                if new.title == nil { new.title = r.definitions[i].title }
                r.definitions[i] = new
            } else {
                r.definitions.append(def)
            }
        }
        for s in d.sections {
            if let i = r.sections.firstIndex(where: { $0.id == s.id }) { r.sections[i] = s } else { r.sections.append(s) }
        }
        let chainNote = Diagnostic.Note("the chain starts at \(r.files.first ?? base)")
        for (id, node) in d.remove {
            guard let i = r.measures.firstIndex(where: { $0.id == id }) else {
                r.failed = true
                report([.error(.unknownMeasure, "'remove' names '\(id)', which the code it extends does not have\(Suggestion.clause(for: id, in: r.measures.map(\.id)))",
                               at: d.document.location(of: node), notes: [chainNote])])
                continue
            }
            r.measures.remove(at: i)
        }
        for m in d.replace {
            guard let i = r.measures.firstIndex(where: { $0.id == m.id }) else {
                r.failed = true
                report([.error(.unknownMeasure, "'replace' names '\(m.id)', which the code it extends does not have\(Suggestion.clause(for: m.id, in: r.measures.map(\.id)))",
                               at: d.document.location(of: m.idNode), notes: [chainNote])])
                continue
            }
            var replacement = m
            // A version made only by a redefinition in this same overlay is not a version of its own.
            replacement.replaces = r.measures[i].throughRedefinition ? r.measures[i].replaces : [r.measures[i]]
            r.measures[i] = replacement
        }
        for m in d.add {
            if let existing = r.measures.first(where: { $0.id == m.id }) {
                r.failed = true
                report([.error(.duplicateId, "'add' names '\(m.id)', which the code already has (use 'replace' to change it)",
                               at: d.document.location(of: m.idNode), notes: [.init("already defined here", at: existing.location)])])
                continue
            }
            // Keep sections together: after the last measure of the same section.
            if let last = r.measures.lastIndex(where: { $0.section == m.section }) {
                r.measures.insert(m, at: last + 1)
            } else {
                r.measures.append(m)
            }
        }
        r.files.append(path)
        return r
    }

    /// Compiles a resolved code. With `expressionsOnly` (a code that already has errors) it
    /// reports only the mistakes an expression makes in its own text (its syntax, a limit, a type
    /// or a call) and yields no code: a definition, section or measure its errors left out would
    /// otherwise make every use of it an error too.
    private func compile(_ r: Resolved, expressionsOnly: Bool = false) -> Code? {
        guard let vocabularyPath = r.vocabularyPath else { return nil }
        guard FileManager.default.fileExists(atPath: vocabularyPath) else {
            let at = r.vocabularyNode.map { $0.1.location(of: $0.0) }
            report([.error(.missingFile, "the vocabulary \(vocabularyPath) does not exist", at: at)])
            return nil
        }
        let at = r.vocabularyNode.map { $0.1.location(of: $0.0) }
        guard isReferenced(vocabularyPath, kinds: [.vocabulary], as: "a vocabulary file", key: "vocabulary", at: at) else { return nil }
        guard let vocabulary = vocabulary(vocabularyPath) else {
            report([Diagnostic(.error, code: .missingFile, message: "the vocabulary \(vocabularyPath) has errors, so this code cannot be checked", at: at)])
            return nil
        }
        var index: [String: Int] = [:]
        for (i, m) in r.measures.enumerated() where index[m.id] == nil { index[m.id] = i }
        let codeCompiler = Compiler(vocabulary: vocabulary, definitions: r.definitions, measureIndex: index, limits: expressionLimits)
        codeCompiler.compileAllDefinitions()
        // Earlier versions kept with the definitions of their own layer: one compiler per layer.
        var layers: [String: Compiler] = [:]
        func layerCompiler(_ definitions: [Compiler.Definition]?) -> Compiler {
            guard let definitions else { return codeCompiler }
            let key = definitions.map { $0.name + "\u{0}" + $0.source.text }.joined(separator: "\u{1}")
            if let c = layers[key] { return c }
            let c = Compiler(vocabulary: vocabulary, definitions: definitions, measureIndex: index, limits: expressionLimits)
            layers[key] = c
            return c
        }
        var measures: [Measure] = []
        var dependencies: [[Int]] = []
        var failed = false
        // What a code with errors could be missing (a section, a measure) is not said again.
        let reportStructure: ([Diagnostic]) -> Void = expressionsOnly ? { _ in } : report
        let sectionIDs = r.sections.map(\.id)
        let harmNames = vocabulary.harmNames
        func build(_ m: CodeDraft.MeasureDraft, dependencies deps: inout Set<Int>) -> Measure {
            func at(_ node: YAMLNode?) -> SourceLocation { node.map { m.document.location(of: $0) } ?? m.location }
            let compiler = layerCompiler(m.definitions)
            var redefined: [String] = []
            var usedDefinitions: Set<String> = []
            var applies: Expr?
            if let a = m.appliesWhen {
                applies = compiler.compileCondition(a, what: "'applies_when' of \(m.id)")
                if applies == nil { failed = true }
                deps.formUnion(compiler.referencedMeasures)
                usedDefinitions.formUnion(compiler.referencedDefinitions)
            }
            var checks: [Measure.Check] = []
            for c in m.requires {
                guard let source = c.check else { failed = true; continue }
                guard let e = compiler.compileCondition(source, what: "check '\(c.id)' of \(m.id)") else { failed = true; continue }
                usedDefinitions.formUnion(compiler.referencedDefinitions)
                checks.append(.init(id: c.id, text: c.text, check: e, weight: c.weight, inForce: c.inForce))
            }
            if m.throughRedefinition, let earlierDraft = m.replaces.first {
                // Keep the new version only when a definition it uses (in either version) was redefined.
                let before = layerCompiler(earlierDraft.definitions)
                var usedBefore: Set<String> = []
                if let a = earlierDraft.appliesWhen, before.compileCondition(a, what: "'applies_when' of \(m.id)") != nil {
                    usedBefore.formUnion(before.referencedDefinitions)
                }
                for c in earlierDraft.requires {
                    if let source = c.check, before.compileCondition(source, what: "check '\(c.id)' of \(m.id)") != nil {
                        usedBefore.formUnion(before.referencedDefinitions)
                    }
                }
                let changed: Bool = usedDefinitions.union(usedBefore).contains { (name: String) -> Bool in
                    before.definitionText(name) != compiler.definitionText(name)
                }
                if changed == false { return build(earlierDraft, dependencies: &deps) }
                redefined = usedDefinitions.union(usedBefore).filter { (name: String) -> Bool in
                    before.definitionText(name) != compiler.definitionText(name)
                }.sorted()
            }
            if !sectionIDs.contains(m.section), !m.section.isEmpty {
                failed = true
                reportStructure([.error(.unknownSection, "\(m.id) is in section '\(m.section)', which the code does not define\(Suggestion.clause(for: m.section, in: sectionIDs))",
                               at: at(m.sectionNode))])
            }
            for (harm, node) in m.harms where !harmNames.contains(harm) {
                failed = true
                reportStructure([.error(.badValue, "'\(harm)' is not a kind of harm in the vocabulary\(Suggestion.clause(for: harm, in: harmNames))",
                               at: at(node))])
            }
            var dependsOn: [Int] = []
            for (id, node) in m.dependsOn {
                if let i = index[id] { dependsOn.append(i) } else {
                    failed = true
                    reportStructure([.error(.unknownMeasure, "\(m.id) depends on '\(id)', which this code does not have\(Suggestion.clause(for: id, in: index.keys))",
                                   at: at(node))])
                }
            }
            deps.formUnion(dependsOn)
            var replaced: [Measure] = []
            for old in m.replaces { replaced.append(build(old, dependencies: &deps)) }
            return Measure(
                id: m.id, section: m.section, title: m.title, summary: m.summary, harms: m.harms.map(\.0), severity: m.severity,
                optional: m.optional, provisionalID: m.provisionalID, status: m.status, inForce: m.inForce, dependsOn: m.dependsOn.map(\.0),
                appliesWhen: applies, requires: checks, source: m.source, location: m.location,
                dependsOnIndices: dependsOn, replaces: replaced, redefined: redefined)
        }
        for m in r.measures {
            var deps: Set<Int> = []
            measures.append(build(m, dependencies: &deps))
            dependencies.append(deps.sorted())
        }
        if expressionsOnly {
            let own: Set<DiagnosticCode> = [.expressionSyntax, .expressionLimit, .typeMismatch, .badCall]
            report((codeCompiler.diagnostics + layers.values.flatMap(\.diagnostics)).filter { own.contains($0.code) })
            return nil
        }
        report(codeCompiler.diagnostics)
        for layer in layers.values where !layer.diagnostics.isEmpty {
            failed = true
            report(layer.diagnostics)
        }
        guard let order = evaluationOrder(dependencies, measures) else { return nil }
        if failed || !codeCompiler.diagnostics.isEmpty { return nil }
        var digests: [String: String] = [:]
        let (profiles, broken) = riskProfilesBeside(vocabulary.file)
        // A report without its risk challenges would read as if no declaration were in doubt:
        // a code whose risk profile has errors yields no report, like any code with an error.
        if !broken.isEmpty {
            let at = r.vocabularyNode.map { $0.1.location(of: $0.0) }
            report([.error(.missingFile, "the risk profile \(broken.joined(separator: ", ")) beside the vocabulary has errors, so this code cannot be assessed (its reports would leave out the risk declarations to challenge)", at: at)])
            return nil
        }
        for file in r.files + [vocabulary.file] + profiles.map(\.file) { digests[file] = sha256(file) ?? "" }
        var code = Code(header: r.header, sections: r.sections, measures: measures, vocabulary: vocabulary, files: r.files,
                        evaluationOrder: order, digests: digests, plan: Plan(measures), riskProfiles: profiles)
        for def in r.definitions { if let title = def.title { code.definitionTitles[def.name] = title } }
        return code
    }

    /// Orders measures so each comes after those it depends on; reports a cycle naming all of it.
    private func evaluationOrder(_ deps: [[Int]], _ measures: [Measure]) -> [Int]? {
        var state = [UInt8](repeating: 0, count: deps.count)  // 0 new, 1 visiting, 2 done
        var order: [Int] = []
        var path: [Int] = []
        var ok = true
        func visit(_ i: Int) {
            if state[i] == 2 || !ok { return }
            if state[i] == 1 {
                let start = path.firstIndex(of: i)!
                let cycle = path[start...] + [i]
                let names = cycle.map { measures[$0].id }.joined(separator: " -> ")
                report([.error(.cycle, "measures depend on each other's applicability in a circle: \(names)", at: measures[i].location,
                               notes: cycle.dropLast().dropFirst().map { .init("\(measures[$0].id) is here", at: measures[$0].location) })])
                ok = false
                return
            }
            state[i] = 1
            path.append(i)
            for d in deps[i] { visit(d) }
            path.removeLast()
            state[i] = 2
            order.append(i)
        }
        for i in deps.indices { visit(i) }
        return ok ? order : nil
    }
}

extension Loader {
    /// The text of a file this loader has read (for rendering diagnostics), or the file from disk.
    public func sourceText(_ file: String) -> SourceText? {
        if let doc = documents[Self.key(file)] ?? nil { return doc.text }
        return Diagnostic.readSource(file)
    }

    /// The SHA-256 of a file this loader has read, in hex.
    public func sha256(_ file: String) -> String? { digests[Self.key(file)] }

    /// Diagnostics sorted by place, rendered compiler style, one block each.
    public func renderedDiagnostics() -> [String] {
        Diagnostic.renderAll(diagnostics.sorted(by: Diagnostic.byPlace), source: sourceText)
    }
}
