import YAMLTree

extension QuestionnaireForm {
    /// A submission's YAML text made from answers, with the field each line answers.
    public struct SubmissionText: Sendable {
        /// The text: the shape `safetycode template` writes, each answer in place of its `~`.
        public var text: String
        /// The field name answered on each line (1-based line number), for mapping a decoder's
        /// diagnostic back to its field.
        public var fieldAtLine: [Int: String]
    }

    /// The submission's YAML for `answers`. No answer is ever written unescaped: text, choices,
    /// dates and set members are double-quoted scalars on one line (``Questionnaire/quoted(_:)``);
    /// numbers are written plain only when they are digits (with a sign and a decimal part for
    /// numbers), otherwise quoted so the decoder reports them; yes/no are `true`/`false`; unknown is `~`.
    public func submissionText(_ answers: FormAnswers) -> SubmissionText {
        var lines: [String] = ["# A submission made with the workbench's questionnaire for \(codeRefs.joined(separator: ", "))."]
        var fieldAtLine: [Int: String] = [:]
        var previous: [Substring] = []
        for f in fields {
            let parts = f.name.split(separator: ".")
            var common = 0
            while common < min(previous.count, parts.count) - 1, previous[common] == parts[common] { common += 1 }
            for level in common..<(parts.count - 1) {
                lines.append(String(repeating: "  ", count: level) + parts[level] + ":")
            }
            lines.append(String(repeating: "  ", count: parts.count - 1) + parts.last! + ": " + Self.yaml(answers[f.name], f.kind))
            fieldAtLine[lines.count] = f.name
            previous = parts
        }
        return SubmissionText(text: lines.joined(separator: "\n") + "\n", fieldAtLine: fieldAtLine)
    }

    /// One answer as a YAML value of a field of `kind`.
    static func yaml(_ answer: FormAnswer, _ kind: Kind) -> String {
        switch answer {
        case .unknown: return "~"
        case .members(let m):
            return kind == .set ? "[" + m.map(Questionnaire.quoted).joined(separator: ", ") + "]" : Questionnaire.quoted(m.joined(separator: ", "))
        case .text(let t):
            switch kind {
            case .bool where t == "yes": return "true"
            case .bool where t == "no": return "false"
            case .integer where isPlainNumber(t, decimals: false): return t
            case .number where isPlainNumber(t, decimals: true): return t
            case .set: return "[" + Questionnaire.quoted(t) + "]"
            default: return Questionnaire.quoted(t)
            }
        }
    }

    /// `-12`, `8400000`, and for numbers `0.5`: ASCII digits with an optional sign and decimal
    /// part, nothing YAML could read as anything else.
    static func isPlainNumber(_ t: String, decimals: Bool) -> Bool {
        var s = Substring(t)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count == 1 || decimals else { return false }
        return parts.allSatisfy { p in !p.isEmpty && p.count <= 30 && p.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
    }

    /// The outcome of checking answers as the CLI would.
    public struct Check: Sendable {
        /// The submission's YAML text (write it as it is when ``submission`` is not nil).
        public var text: String
        /// The submission as the CLI's decoder reads it, or nil when there were errors.
        public var submission: Submission?
        /// Every diagnostic, at the field it concerns (by the line of the value it points at) or,
        /// when it concerns none, among the general ones.
        public var errors: FormErrors
    }

    /// Makes the submission's YAML from `answers` and validates it with the CLI's own decoder
    /// (``SubmissionReader/parse(bytes:file:limits:)`` then ``SubmissionReader/decode(_:vocabulary:)``
    /// against the codes' vocabulary). `file` names the file in the diagnostics (the path it will be written to).
    public func check(_ answers: FormAnswers, file: String) -> Check {
        let made = submissionText(answers)
        let read = SubmissionReader.parse(bytes: Array(made.text.utf8), file: file)
        var ds = read.diagnostics
        var submission: Submission?
        if let doc = read.document {
            let (s, more) = SubmissionReader.decode(doc, vocabulary: vocabulary)
            submission = s
            ds += more
        }
        var errors = FormErrors()
        for d in ds {
            errors.add(d, field: d.location.flatMap { made.fieldAtLine[$0.line] })
        }
        if errors.hasErrors { submission = nil }
        return Check(text: made.text, submission: submission, errors: errors)
    }

    /// The answers a submission gives, for the form's fields: to start a new version of a
    /// service from its latest one. Yes/no answers become `yes`/`no`, numbers their digits,
    /// choices and set members their values; a fact the submission leaves unknown stays unknown.
    /// The date is `date` (the new version's date), or left unknown when nil.
    ///
    /// The new version holds only the questionnaire's facts: evidence, alternative measures, the
    /// note and facts no code of the form asks about are not carried over.
    public func answers(from submission: Submission, date: Day?) -> FormAnswers {
        var a = FormAnswers()
        a["submission.service"] = .text(submission.service)
        if let p = submission.provider { a["submission.provider"] = .text(p) }
        if let date { a["submission.date"] = .text(date.description) }
        for f in fields {
            guard let fact = f.fact, fact.slot < submission.facts.count, let v = submission.facts[fact.slot] else { continue }
            switch (v, fact.type) {
            case (.bool(let b), _): a[f.name] = .text(b ? "yes" : "no")
            case (.integer(let i), _): a[f.name] = .text(String(i))
            case (.number(let d), _): a[f.name] = .text(d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d))
            case (.date, _): a[f.name] = .text(v.rendered(as: fact.type))
            case (.string(let s), _): a[f.name] = .text(s)
            case (.symbol(let i), .enumeration(let e)) where i < e.values.count: a[f.name] = .text(e.values[i])
            case (.set(let mask), .set(let e)):
                a[f.name] = .members(e.values.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { e.values[$0] })
            default: continue
            }
        }
        return a
    }
}
