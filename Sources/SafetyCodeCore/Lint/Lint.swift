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

    /// The default paths: `Codes/` and `Submissions/`.
    public static let defaultPaths = ["Codes", "Submissions"]
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
                                      "not a safetycode file: expected top-level 'vocabulary', 'code', 'extends', 'submission', 'code_test' or 'risk_profile'",
                                      at: doc.location(of: doc.root))])
                continue
            }
            kinds.append((file, kind))
        }
        for (file, kind) in kinds where kind == .vocabulary { _ = loader.vocabulary(file) }
        for (file, kind) in kinds where kind == .code || kind == .overlay { _ = loader.code(file) }
        for (file, kind) in kinds where kind == .codeTest { _ = CodeTest.load(file, loader: loader) }
        for (file, kind) in kinds where kind == .riskProfile { _ = loader.riskProfile(file) }
        let submissions = kinds.filter { $0.1 == .submission }.map(\.0)
        if !submissions.isEmpty {
            let vocabularyPath = vocabulary ?? kinds.first { $0.1 == .vocabulary }?.0 ?? defaultVocabulary
            if !FileManager.default.fileExists(atPath: vocabularyPath) {
                loader.report(submissions.map {
                    .error(.missingFile, "no vocabulary to check this submission against: \(vocabularyPath) does not exist (pass --vocabulary)",
                           at: SourceLocation(file: $0, line: 1, column: 1))
                })
            } else if let v = loader.vocabulary(vocabularyPath) {
                for file in submissions { _ = loader.submission(file, vocabulary: v) }
            }
        }
        let sorted = loader.diagnostics.sorted(by: Diagnostic.byPlace)
        return Report(files: files, diagnostics: sorted, rendered: Diagnostic.renderAll(sorted, source: loader.sourceText))
    }

    /// Files named, and `.yaml`/`.yml` files under folders named, sorted within each folder.
    public static func expand(_ paths: [String], missing: inout [Diagnostic]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(.error(.missingFile, "no such file or folder", at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            guard isDirectory.boolValue else {
                out.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (fm.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .sorted()
            if found.isEmpty {
                missing.append(.error(.missingFile, "the folder holds no .yaml files", at: SourceLocation(file: path, line: 1, column: 1)))
            }
            out += found.map { base + "/" + $0 }
        }
        return out
    }
}
