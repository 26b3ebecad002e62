import YAMLTree

/// A half-filled questionnaire, saved to be resumed (SPEC section 11): `Drafts/<id>.yaml` in the
/// workspace, under an id the server chooses at random (``newID()``), never a name from a request.
///
/// The file:
/// ```yaml
/// draft:
///   codes: ["ofcom-icu-u2u@1"]        # the questionnaire's codes, CODE_ID@VERSION
///   saved: 2026-11-29
/// answers:                            # field name -> the answer as typed; absent is unknown
///   "submission.service": "Raidhall Chat"
///   "service.uk_users": "12a"         # kept as typed, even when it is not yet a number
///   "service.functionalities": ["user_profiles", "direct_messaging"]
///   "risk.grooming": ~
/// ```
public struct QuestionnaireDraft: Sendable, Hashable {
    /// The questionnaire's codes, as the routes name them (`CODE_ID@VERSION`).
    public var codes: [String]
    /// When it was saved.
    public var saved: Day
    /// The answers so far.
    public var answers: FormAnswers

    /// Creates a draft.
    public init(codes: [String], saved: Day, answers: FormAnswers) {
        self.codes = codes
        self.saved = saved
        self.answers = answers
    }

    /// The folder of drafts in a workspace.
    public static let folder = "Drafts"

    /// A new random id: 32 lowercase hex digits (128 bits from the system's random generator).
    public static func newID() -> String {
        var g = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<32).map { _ in digits[Int(g.next() % 16)] })
    }

    /// True when `id` has the form ``newID()`` gives (16 to 64 lowercase hex digits), so it can
    /// name a file under ``folder`` with nothing else in it: check a `draft=` parameter with this
    /// before building a path from it.
    public static func isValidID(_ id: String) -> Bool {
        (16...64).contains(id.utf8.count) && id.utf8.allSatisfy { ("0"..."9").contains(UnicodeScalar($0)) || ("a"..."f").contains(UnicodeScalar($0)) }
    }

    /// The draft's path relative to the workspace, `Drafts/<id>.yaml`; nil for an id that is not valid.
    public static func relativePath(id: String) -> String? {
        isValidID(id) ? "\(folder)/\(id).yaml" : nil
    }

    /// The draft file's text, answers in the order of `fieldOrder` (the form's field names),
    /// then any others sorted by name. Every key and text is a double-quoted scalar.
    public func yaml(fieldOrder: [String] = []) -> String {
        var out = "# A half-filled questionnaire saved by safetycode serve; answers as typed, ~ or absent for unknown.\n"
        out += "draft:\n"
        out += "  codes: [\(codes.map(Questionnaire.quoted).joined(separator: ", "))]\n"
        out += "  saved: \(saved)\n"
        let known = Set(fieldOrder)
        let names = fieldOrder.filter { answers.values[$0] != nil } + answers.values.keys.filter { !known.contains($0) }.sorted()
        out += names.isEmpty ? "answers: {}\n" : "answers:\n"
        for name in names {
            let value: String
            switch answers[name] {
            case .unknown: value = "~"
            case .text(let t): value = Questionnaire.quoted(t)
            case .members(let m): value = "[" + m.map(Questionnaire.quoted).joined(separator: ", ") + "]"
            }
            out += "  \(Questionnaire.quoted(name)): \(value)\n"
        }
        return out
    }

    /// Reads a draft file's bytes; nil with located diagnostics (`file:line:column`) when it is
    /// broken, never a crash. `file` names it in the diagnostics.
    public static func decode(bytes: [UInt8], file: String, limits: YAMLLimits = .default) -> (QuestionnaireDraft?, [Diagnostic]) {
        let document: YAMLDocument
        do {
            document = try YAMLLoader(limits: limits).load(bytes: bytes, file: file)
        } catch {
            guard let d = error.document, !d.problems.contains(where: { $0.severity == .error }) else {
                return (nil, error.document?.problems ?? error.diagnostics)
            }
            document = d
        }
        let context = DecodeContext(document)
        guard let top = context.mapping(document.root, "a draft file", allowed: ["draft", "answers"]) else { return (nil, context.diagnostics) }
        var codes: [String] = [], saved: Day?
        if let h = top.required("draft"), let m = context.mapping(h, "'draft'", allowed: ["codes", "saved"]) {
            if m.required("codes") != nil { codes = m.strings("codes") ?? [] }
            if m.required("saved") != nil { saved = m.day("saved") }
        }
        var answers = FormAnswers()
        if let a = top.optional("answers") {
            if let pairs = a.pairs {
                for pair in pairs {
                    let name = pair.keyText
                    let v = pair.value
                    if v.isNull { continue }
                    if let s = v.scalar {
                        answers[name] = .text(s.value)
                    } else if let items = v.items {
                        answers[name] = .members(items.compactMap { context.string($0, "each member of '\(name)'") })
                    } else {
                        context.error(.wrongType, "the answer to '\(name)' must be text or a list, not \(v.kindDescription)", at: v)
                    }
                }
            } else {
                context.error(.wrongType, "'answers' must be a mapping from field names to answers, not \(a.kindDescription)", at: a)
            }
        }
        let problems = document.problems + context.diagnostics
        guard let saved, !problems.contains(where: { $0.severity == .error }) else { return (nil, problems) }
        return (QuestionnaireDraft(codes: codes, saved: saved, answers: answers), problems)
    }

    /// Reads a draft file from disk (see ``decode(bytes:file:limits:)``).
    public static func read(path: String, limits: YAMLLimits = .default) -> (QuestionnaireDraft?, [Diagnostic]) {
        do {
            return decode(bytes: try YAMLLoader.read(path: path, maxBytes: limits.maxFileBytes), file: path, limits: limits)
        } catch {
            return (nil, error.diagnostics)
        }
    }
}

extension QuestionnaireForm {
    /// A draft of this form, saved `saved`.
    public func draft(_ answers: FormAnswers, saved: Day) -> QuestionnaireDraft {
        QuestionnaireDraft(codes: codeRefs, saved: saved, answers: answers)
    }

    /// A draft's file text with the answers in this form's field order.
    public func draftText(_ draft: QuestionnaireDraft) -> String {
        draft.yaml(fieldOrder: fields.map(\.name))
    }

    /// The form's answers from the draft file at `path` (see ``resume(_:)``); for a broken file,
    /// no answers and its located problems (`file:line:column`) among the general errors.
    public func resume(draftAt path: String) -> (FormAnswers, FormErrors) {
        let (draft, problems) = QuestionnaireDraft.read(path: path)
        guard let draft else {
            var errors = FormErrors()
            for d in problems { errors.add(d, field: nil) }
            return (FormAnswers(), errors)
        }
        return resume(draft)
    }

    /// The form's answers from a saved draft, with a warning for anything the form cannot show
    /// (an answer to a field it does not have, or a draft saved for other codes); nothing is
    /// dropped without saying so.
    public func resume(_ draft: QuestionnaireDraft) -> (FormAnswers, FormErrors) {
        var errors = FormErrors()
        if Set(draft.codes) != Set(codeRefs) {
            errors.add(Diagnostic(.warning, code: .badValue,
                                  message: "this draft was saved for \(draft.codes.joined(separator: ", ")), not \(codeRefs.joined(separator: ", ")): its answers are shown where this questionnaire asks the same facts",
                                  at: nil), field: nil)
        }
        var answers = FormAnswers()
        var dropped: [String] = []
        for (name, answer) in draft.answers.values.sorted(by: { $0.key < $1.key }) {
            if field(name) != nil { answers[name] = answer } else { dropped.append(name) }
        }
        if !dropped.isEmpty {
            errors.add(Diagnostic(.warning, code: .unknownFact,
                                  message: "the draft answers \(dropped.map { "'\($0)'" }.joined(separator: ", ")), which this questionnaire does not ask: not shown, and not kept if it is saved again",
                                  at: nil), field: nil)
        }
        return (answers, errors)
    }
}
