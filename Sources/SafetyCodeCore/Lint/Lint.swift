import Foundation
import YAMLTree

/// `safetycode lint`: checks vocabularies, codes, overlays and submissions, and reports every
/// problem in every file.
public enum Lint {
    /// What a lint run found.
    public struct Report: Sendable {
        /// The files checked, in order.
        public var files: [String]
        /// Every problem, sorted by place.
        public var diagnostics: [Diagnostic]
        /// The problems rendered compiler style, in the same order.
        public var rendered: [String]

        /// The number of errors.
        public var errors: Int { diagnostics.count { $0.severity == .error } }
        /// The number of warnings.
        public var warnings: Int { diagnostics.count { $0.severity == .warning } }

        /// The closing line: `checked 14 files: no problems` or `checked 14 files: 2 errors, 1 warning`.
        public var summary: String {
            let files = "checked \(self.files.count) file\(self.files.count == 1 ? "" : "s")"
            if diagnostics.isEmpty { return "\(files): no problems" }
            func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
            return "\(files): \(n(errors, "error")), \(n(warnings, "warning"))"
        }
    }

    /// The default paths: `Codes/` and `Submissions/`, and `Reviews/` where it exists.
    public static var defaultPaths: [String] {
        ["Codes", "Submissions"] + (FileManager.default.fileExists(atPath: "Reviews") ? ["Reviews"] : [])
    }
    /// Where the vocabulary is looked for when none is given or linted.
    public static let defaultVocabulary = "Codes/ofcom/vocabulary.yaml"

    /// Lints `paths` (files, or folders searched for `.yaml` and `.yml` files). Submissions are
    /// checked against `vocabulary`, or the first vocabulary among the files, or the default.
    public static func run(paths: [String], vocabulary: String? = nil, loader: Loader = Loader()) -> Report {
        var missing: [Diagnostic] = []
        let files = expand(paths, missing: &missing)
        loader.report(missing)
        var kinds: [(String, FileKind)] = []
        for file in files {
            // A file with a duplicate key is still read for its kind, so a submission's other problems show too.
            guard let doc = loader.document(file) ?? loader.flawedDocument(file) else { continue }
            guard let kind = FileKind.of(doc) else {
                loader.report([.error(.unknownFileKind,
                                      "not a safetycode file: expected top-level 'vocabulary', 'code', 'extends', 'submission', 'review', 'code_test' or 'risk_profile'",
                                      at: doc.location(of: doc.root))])
                continue
            }
            kinds.append((file, kind))
            loader.report(invisibleCharacters(in: doc))
        }
        for (file, kind) in kinds where kind == .vocabulary { _ = loader.vocabulary(file) }
        for (file, kind) in kinds where kind == .code || kind == .overlay { _ = loader.code(file) }
        for (file, kind) in kinds where kind == .codeTest { _ = CodeTest.load(file, loader: loader) }
        for (file, kind) in kinds where kind == .riskProfile { _ = loader.riskProfile(file) }
        let submissions = kinds.filter { $0.1 == .submission || $0.1 == .review }.map(\.0)
        if !submissions.isEmpty {
            let vocabularyPath = vocabulary ?? kinds.first { $0.1 == .vocabulary }?.0 ?? defaultVocabulary
            if !FileManager.default.fileExists(atPath: vocabularyPath) {
                loader.report(submissions.map {
                    .error(.missingFile, "no vocabulary to check this submission against: \(vocabularyPath) does not exist (pass --vocabulary)",
                           at: SourceLocation(file: $0, line: 1, column: 1))
                })
            } else if vocabulary != nil,
                      !loader.isReferenced(vocabularyPath, kinds: [.vocabulary], as: "a vocabulary file", key: "--vocabulary", at: nil) {
                // Named on the command line but not a vocabulary: one error, and nothing of the file shown.
            } else if let v = loader.vocabulary(vocabularyPath) {
                let codes = kinds.filter { $0.1 == .code || $0.1 == .overlay }.compactMap { loader.code($0.0) }
                for (file, kind) in kinds {
                    if kind == .submission { _ = loader.submission(file, vocabulary: v) }
                    if kind == .review, let r = loader.review(file, vocabulary: v) {
                        if !codes.isEmpty { loader.report(r.unknownMeasures(in: codes, severity: .error)) }
                        loader.report(ReviewFiles.check(r, loader: loader))
                    }
                }
            }
        }
        let sorted = loader.diagnostics.sorted(by: Diagnostic.byPlace)
        return Report(files: files, diagnostics: sorted, rendered: Diagnostic.renderAll(sorted, source: loader.sourceText))
    }

    /// A warning for each line of a file that holds a bidi control or a zero-width character
    /// (``VisibleText/invisibleFormatPlaces(in:)``: an emoji's zero-width joiner, as in 👩‍👩‍👧, is
    /// not one), at the first of them, naming every one on the line. A byte-order mark at the
    /// very start of the file is not text, and is not reported.
    public static func invisibleCharacters(in doc: YAMLDocument) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (i, line) in doc.text.lines.enumerated() {
            var first = 0
            var names: [String] = []
            for (offset, u) in VisibleText.invisibleFormatPlaces(in: String(line)) where !(i == 0 && offset == 0 && u == "\u{FEFF}") {
                if names.isEmpty { first = offset + 1 }
                let name = "<" + VisibleText.name(u) + ">"
                if !names.contains(name) { names.append(name) }
            }
            guard !names.isEmpty else { continue }
            let what = names.count == 1 ? "an invisible character, \(names[0])," : "invisible characters (\(names.joined(separator: ", ")))"
            out.append(Diagnostic(.warning, code: .invisibleCharacter,
                                  message: "this line holds \(what) which can make text read differently from what it is (bidi or zero-width); every report shows it as \(names[0])",
                                  at: SourceLocation(file: doc.file, line: i + 1, column: first)))
        }
        // The same characters written as escapes in a quoted scalar (`"\u202e"`): not in the raw
        // text, but in the value every report shows. Walked with a stack, not recursion.
        var stack: [YAMLNode] = [doc.root]
        while let node = stack.popLast() {
            if let pairs = node.pairs { for pair in pairs { stack.append(pair.key); stack.append(pair.value) } }
            if let items = node.items { stack.append(contentsOf: items) }
            guard let value = node.scalar?.value else { continue }
            let names = VisibleText.invisibleFormats(in: value).map { "<" + VisibleText.name($0) + ">" }
            guard !names.isEmpty, node.start.line >= 1 else { continue }
            let raw = doc.text.line(node.start.line).map(String.init) ?? ""
            guard VisibleText.invisibleFormats(in: raw).isEmpty else { continue }  // reported above
            out.append(Diagnostic(.warning, code: .invisibleCharacter,
                                  message: "this value holds \(names.joined(separator: ", ")) written as an escape, which can make text read differently from what it is (bidi or zero-width); every report shows it as \(names[0])",
                                  at: doc.location(of: node)))
        }
        return out.sorted(by: Diagnostic.byPlace)
    }

    /// Files named, and `.yaml`/`.yml` files under folders named, sorted within each folder
    /// (``list(_:missing:)`` as an array).
    public static func expand(_ paths: [String], missing: inout [Diagnostic]) -> [String] {
        Array(list(paths, missing: &missing))
    }
}
