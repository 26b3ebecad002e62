import YAMLTree

extension QuestionnaireForm {
    /// The submission a questionnaire for a new version of an existing service starts from:
    /// the service's STEM and the SHA-256 of that submission's bytes as the form was shown.
    /// Never a path: the server finds the file through its own workspace list (the service's
    /// latest version) and passes its bytes to `QuestionnairePost.handle`, which refuses the
    /// submission when they are no longer the ones shown.
    ///
    /// In the page: hidden fields ``serviceFieldName`` (the STEM) and ``shaFieldName`` (the SHA-256);
    /// in a draft: `draft: base: {service: STEM, sha256: HEX}`.
    public struct Base: Sendable, Hashable {
        /// The service's STEM (the report name of its top-level submission file).
        public var service: String
        /// The SHA-256 of the base submission's bytes, 64 lowercase hex digits.
        public var sha256: String

        /// Creates a base reference.
        public init(service: String, sha256: String) {
            self.service = service
            self.sha256 = sha256
        }

        /// The posted name of the hidden field holding the service's STEM.
        public static let serviceFieldName = "base_service"
        /// The posted name of the hidden field holding the base file's SHA-256.
        public static let shaFieldName = "base"

        /// Why a posted or saved reference cannot be one (an empty or over-long STEM, a STEM with
        /// a `/` or a control character, a SHA-256 that is not 64 lowercase hex digits), or nil.
        public var problem: String? {
            if service.isEmpty || service.utf8.count > 300 || service.contains("/")
                || service.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return "the service this new version starts from is not a service name the workbench gives"
            }
            if sha256.utf8.count != 64 || !sha256.utf8.allSatisfy({ ("0"..."9").contains(UnicodeScalar($0)) || ("a"..."f").contains(UnicodeScalar($0)) }) {
                return "the SHA-256 of the submission this new version starts from is not 64 hexadecimal digits"
            }
            return nil
        }
    }

    /// A new version of a service: the answers of its latest submission (`bytes`, read from the
    /// workspace file `file`, decoded against the form's vocabulary), dated `date`, and the base
    /// reference to carry in the form (``Base``, with the SHA-256 of exactly these bytes). For a
    /// submission that does not decode: no answers, no base, its located problems among the general errors.
    public func newVersion(of stem: String, bytes: [UInt8], file: String, date: Day?) -> (answers: FormAnswers, base: Base?, errors: FormErrors) {
        var errors = FormErrors()
        let read = SubmissionReader.parse(bytes: bytes, file: file)
        guard let document = read.document else {
            for d in read.diagnostics { errors.add(d, field: nil) }
            return (FormAnswers(), nil, errors)
        }
        let (submission, problems) = SubmissionReader.decode(document, vocabulary: vocabulary)
        guard let submission else {
            for d in problems { errors.add(d, field: nil) }
            return (FormAnswers(), nil, errors)
        }
        return (answers(from: submission, date: date), Base(service: stem, sha256: read.sha256), errors)
    }

    /// Makes a new version of the submission `base` (its bytes; `baseFile` names it in
    /// diagnostics) from `answers`, as `safetycode questions --merge` does: the base's text with
    /// every fact and header field whose answer differs from the base's own answer
    /// (``answers(from:date:)``) set (an answer changed to "don't know" becomes `~`), and
    /// `submission.date` set; every other character (comments, evidence, alternative measures,
    /// the note, facts the form does not ask) kept. Then validated like ``check(_:file:)``: the
    /// answers first, then the merged text with the CLI's decoder, each problem at the field
    /// whose value is on its line, the others (in the kept parts) among the general errors.
    public func check(_ answers: FormAnswers, file: String, base: [UInt8], baseFile: String) -> Check {
        // The answers alone first: a half-typed answer gets its error at its field.
        let fresh = check(answers, file: file)
        guard let made = fresh.submission else { return fresh }
        var errors = FormErrors()
        let read = SubmissionReader.parse(bytes: base, file: baseFile)
        guard let document = read.document else {
            for d in read.diagnostics { errors.add(d, field: nil) }
            return Check(text: "", submission: nil, errors: errors)
        }
        let (old, problems) = SubmissionReader.decode(document, vocabulary: vocabulary)
        guard let old else {
            for d in problems { errors.add(d, field: nil) }
            return Check(text: "", submission: nil, errors: errors)
        }
        let before = self.answers(from: old, date: nil)
        var editor = YAMLTextEditor(text: document.text.string, root: document.root)
        for f in fields where f.name != "submission.date" && answers[f.name] != before[f.name] {
            let path = f.name.split(separator: ".").map(String.init)
            if answers[f.name] == .unknown {
                editor.set(path, to: "~")
            } else if let fact = f.fact, let value = made.facts[fact.slot] {
                editor.set(path, to: AnswerMerge.yamlText(value, fact.type))
            } else {
                editor.set(path, to: Self.yaml(answers[f.name], f.kind))
            }
        }
        editor.set(["submission", "date"], to: made.date.map(\.description) ?? "~")
        let text = editor.text
        let merged = SubmissionReader.parse(bytes: Array(text.utf8), file: file)
        var ds = merged.diagnostics
        var submission: Submission?
        var fieldAtLine: [Int: String] = [:]
        if let doc = merged.document {
            let (s, more) = SubmissionReader.decode(doc, vocabulary: vocabulary)
            submission = s
            ds += more
            for f in fields {
                guard let node = Self.node(doc.root, f.name.split(separator: ".").map(String.init)) else { continue }
                for n in [node] + (node.items ?? []) { fieldAtLine[n.start.line] = f.name }
            }
        }
        for d in ds { errors.add(d, field: d.location.flatMap { fieldAtLine[$0.line] }) }
        if errors.hasErrors { submission = nil }
        return Check(text: text, submission: submission, errors: errors)
    }

    /// The value at a path of mapping keys, or nil.
    private static func node(_ root: YAMLNode, _ path: [String]) -> YAMLNode? {
        var node = root
        for key in path {
            guard let next = node.pairs?.first(where: { $0.keyText == key })?.value else { return nil }
            node = next
        }
        return node
    }
}
