import YAMLTree

extension QuestionnaireForm {
    /// The button that sent the form.
    public enum Action: String, Sendable {
        /// Save a draft, however incomplete.
        case save
        /// Validate and write a new submission.
        case submit
    }

    /// A posted form, read: the answers, the button, the CSRF token as sent, and what was wrong
    /// with the fields themselves (an unknown name, a single-valued field sent twice).
    public struct Posted: Sendable {
        /// The answers.
        public var answers: FormAnswers
        /// The button pressed, or nil when none (or an unknown one) was sent.
        public var action: Action?
        /// The CSRF token as posted, for the server to check; nil when absent.
        public var csrf: String?
        /// Problems with the posted fields. An unknown field name is refused here, never dropped
        /// in silence.
        public var errors: FormErrors
        /// The submission this new version of a service starts from, as the form carried it
        /// (hidden fields ``Base/serviceFieldName`` and ``Base/shaFieldName``); nil for a new service.
        public var base: Base? = nil
    }

    /// Reads posted fields: name/value pairs in the order an HTML form sends them, a set's name
    /// repeated once per ticked member.
    ///
    /// - A yes/no question: `yes`, `no`, or `unknown` (or nothing) for don't know.
    /// - A choice, number, date or text: the text as sent, trimmed of surrounding white space for
    ///   numbers and dates; empty is unknown.
    /// - A set: the ticked members. Its "don't know" box (``unknownMember``) makes it unknown
    ///   unless some member is ticked too (a ticked member is a positive answer, and the box is
    ///   ticked when the form opens). No box ticked is the empty set only when the hidden
    ///   `PATH.__shown` field says the boxes were on the page; otherwise unknown.
    /// - `csrf` and `action` are taken as they are, and so are `base_service` and `base` (the
    ///   ``Base`` a new version starts from: both or neither, well formed); any other name is an error.
    public func read(posted: [(name: String, value: String)]) -> Posted {
        var errors = FormErrors()
        var values: [String: [String]] = [:]
        var shown: Set<String> = []
        var csrf: String?, actionText: String?, baseService: String?, baseSHA: String?
        for (name, value) in posted {
            switch name {
            case Self.csrfName:
                if csrf != nil { errors.add(.error(.badValue, "the form sent its CSRF token twice", at: nil), field: nil) }
                csrf = value
                continue
            case Self.actionName:
                if actionText != nil { errors.add(.error(.badValue, "the form sent two buttons", at: nil), field: nil) }
                actionText = value
                continue
            case Base.serviceFieldName, Base.shaFieldName:
                let isService = name == Base.serviceFieldName
                if (isService ? baseService : baseSHA) != nil { errors.add(.error(.badValue, "the form sent '\(name)' twice", at: nil), field: nil) }
                if isService { baseService = value } else { baseSHA = value }
                continue
            default: break
            }
            if name.hasSuffix(Self.shownSuffix), let f = field(String(name.dropLast(Self.shownSuffix.count))), f.kind == .set {
                shown.insert(f.name)
                continue
            }
            guard field(name) != nil else {
                errors.add(.error(.unknownKey, "the form has no field '\(name)'\(Suggestion.clause(for: name, in: fields.map(\.name))): nothing was saved",
                                  at: nil), field: nil)
                continue
            }
            values[name, default: []].append(value)
        }
        var answers = FormAnswers()
        for f in fields {
            let sent = values[f.name] ?? []
            if f.kind == .set {
                var members: [String] = []
                for m in sent where m != Self.unknownMember && !members.contains(m) { members.append(m) }
                if !members.isEmpty {
                    answers[f.name] = .members(members)
                } else if !sent.contains(Self.unknownMember), shown.contains(f.name) {
                    answers[f.name] = .members([])
                }
                continue
            }
            if sent.count > 1 {
                errors.add(.error(.duplicateKey, "'\(f.name)' was sent \(sent.count) times; it takes one answer", at: nil), field: f.name)
            }
            guard var text = sent.first else { continue }
            switch f.kind {
            case .integer, .number, .date: text = text.trimmingSpaces
            case .bool where text == "unknown": text = ""
            default: break
            }
            if !text.isEmpty { answers[f.name] = .text(text) }
        }
        var action: Action?
        if let actionText {
            action = Action(rawValue: actionText)
            if action == nil { errors.add(.error(.badValue, "the form sent an unknown button '\(actionText)'", at: nil), field: nil) }
        }
        var base: Base?
        switch (baseService, baseSHA) {
        case (nil, nil): break
        case (let service?, let sha?):
            let b = Base(service: service, sha256: sha)
            if let problem = b.problem { errors.add(.error(.badValue, problem + ": nothing was saved", at: nil), field: nil) } else { base = b }
        default:
            errors.add(.error(.missingKey, "the form sent only one of '\(Base.serviceFieldName)' and '\(Base.shaFieldName)' (the submission a new version starts from): nothing was saved",
                              at: nil), field: nil)
        }
        return Posted(answers: answers, action: action, csrf: csrf, errors: errors, base: base)
    }
}
