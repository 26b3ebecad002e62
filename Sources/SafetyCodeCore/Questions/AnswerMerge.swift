import YAMLTree

/// Merges a questionnaire's answers into a new version of a submission (SPEC section 8): the
/// answered facts set, `submission.date` set to the new date, and every other byte of the
/// submission kept as it was (comments and layout included).
public enum AnswerMerge {
    /// One answer read from the answers file.
    public struct Answer: Sendable {
        public var fact: Vocabulary.Fact
        public var value: Value
        /// The answer as written, ready to put into YAML.
        public var text: String
    }

    /// Reads the answered entries of a questionnaire; entries left `~` are skipped. Problems (an
    /// unknown fact, an answer of the wrong type) are reported at their place.
    static func answers(_ document: YAMLDocument, vocabulary: Vocabulary) -> ([Answer], String?, [Diagnostic]) {
        let context = DecodeContext(document)
        var out: [Answer] = []
        var sha: String?
        guard let top = context.mapping(document.root, "an answers file", allowed: ["questions", "answers"]) else { return ([], nil, context.diagnostics) }
        if let q = top.optional("questions"), let m = context.mapping(q, "'questions'", allowed: ["submission", "submission_sha256", "service", "codes"]) {
            sha = m.string("submission_sha256")
        }
        if let list = top.required("answers") {
            guard let items = list.items else {
                context.error(.wrongType, "'answers' must be a list, not \(list.kindDescription)", at: list)
                return ([], sha, context.diagnostics)
            }
            for item in items {
                guard let m = context.mapping(item, "an answer", allowed: ["fact", "question", "help", "answer_with", "most_severe", "needed_for", "answer"]),
                      let factNode = m.required("fact"), let path = context.string(factNode, "'fact'") else { continue }
                guard let fact = vocabulary.fact(path) else {
                    context.error(.unknownFact, "no fact '\(path)' in the vocabulary\(Suggestion.clause(for: path, in: vocabulary.facts.map(\.path)))", at: factNode)
                    continue
                }
                guard let node = m.optional("answer"), let value = Submission.decodeValue(node, fact, context) else { continue }
                out.append(Answer(fact: fact, value: value, text: yamlText(value, fact.type)))
            }
        }
        return (out, sha, context.diagnostics)
    }

    /// A value as YAML text: flow lists for sets, quoted strings, plain words for the rest.
    static func yamlText(_ v: Value, _ t: FactType) -> String {
        switch v {
        case .string(let s): Questionnaire.quoted(s)
        case .integer(let i): String(i)
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        default: v.rendered(as: t)
        }
    }

    /// The outcome of a merge.
    public struct Result: Sendable {
        /// The new submission's text, nil when there were errors.
        public var text: String?
        /// The facts set, in the order of the answers file.
        public var answered: [String]
        public var diagnostics: [Diagnostic]
    }

    /// Merges the answers in `answersFile` into the submission `submissionFile` (its bytes and
    /// SHA-256 as read), dated `date`.
    public static func merge(answersFile: String, submissionFile: String, vocabulary: Vocabulary, date: Day) -> Result {
        let answersRead = SubmissionReader.read(path: answersFile)
        let subRead = SubmissionReader.read(path: submissionFile)
        guard let adoc = answersRead.document, let sdoc = subRead.document else {
            return Result(text: nil, answered: [], diagnostics: answersRead.diagnostics + subRead.diagnostics)
        }
        var (answers, sha, ds) = answers(adoc, vocabulary: vocabulary)
        let (sub, sds) = SubmissionReader.decode(sdoc, vocabulary: vocabulary)
        ds += sds
        guard let sub, !ds.contains(where: { $0.severity == .error }) else { return Result(text: nil, answered: [], diagnostics: ds) }
        if let sha, sha != subRead.sha256 {
            ds.append(Diagnostic(.warning, code: .staleReview,
                                 message: "these answers are to questions about a submission whose SHA-256 was \(sha); \(submissionFile) is now \(subRead.sha256): merged all the same, check the answers still fit",
                                 at: adoc.location(of: adoc.root)))
        }
        // An answer to a fact the submission already gives replaces nothing: it is reported.
        answers = answers.filter { a in
            if sub.facts[a.fact.slot] != nil {
                ds.append(Diagnostic(.warning, code: .badValue, message: "\(a.fact.path) is already given in \(submissionFile): the answer is not merged", at: nil))
                return false
            }
            return true
        }
        var editor = YAMLTextEditor(text: sdoc.text.string, root: sdoc.root)
        editor.set(["submission", "date"], to: date.description)
        for a in answers { editor.set(a.fact.path.split(separator: ".").map(String.init), to: a.text) }
        return Result(text: editor.text, answered: answers.map(\.fact.path), diagnostics: ds)
    }
}
