import SafetyCodeCore
import YAMLTree

extension QuestionnaireView {
    /// The `<form id="questionnaire">` alone, for the server to place in its page.
    public func formHTML() -> String {
        Templates.library.render(self, withTemplate: "questionnaire-form") ?? ""
    }

    /// The heading (which codes the questionnaire answers), the notice if any, and the form: for
    /// the server to place in its page.
    public func bodyHTML() -> String {
        Templates.library.render(self, withTemplate: "questionnaire-body") ?? ""
    }

    /// A whole HTML page holding the form, its style linked from `stylesheet` (the server's
    /// `/static/app.css`): the page's CSP allows no inline style.
    public func html(stylesheet: String = "/static/app.css") -> String {
        var page = self
        page.stylesheetURL = stylesheet
        return Templates.library.render(page, withTemplate: "questionnaire.html") ?? ""
    }

    /// The questionnaire's CSS rules, to serve after the reports' stylesheet at `/static/app.css`
    /// (they use its colour variables). No rule is inline in the page.
    public static var stylesheet: String { Templates.questionnaireStyle }

    /// The reports' stylesheet followed by the questionnaire's rules: the whole of
    /// `/static/app.css` as far as the reports and the questionnaire need it.
    public static var workbenchStylesheet: String { Templates.style + "\n" + Templates.questionnaireStyle }

    /// The questionnaire's data for the `.json` route, format `safetycode.questionnaire/1`:
    /// the codes, every field (name, element id, kind, group, question, help, unit, choices,
    /// bounds, who asks it, the current answer: text, a list for a set, or null for unknown,
    /// and its problems), the problems tied to no field, and the base a new version starts from
    /// (`{"service": STEM, "sha256": HEX}`, or null).
    public func json() -> JSON {
        func problem(_ d: Diagnostic) -> JSON {
            .object([("severity", .string(d.severity.rawValue)), ("code", .string(d.code.rawValue)), ("message", .string(d.message))])
        }
        let fields: [JSON] = form.fields.map { f in
            let answer: JSON
            switch answers[f.name] {
            case .unknown: answer = .null
            case .text(let t): answer = f.kind == .set ? .array([.string(t)]) : .string(t)
            case .members(let m): answer = .array(m.map { .string($0) })
            }
            return .object([
                ("name", .string(f.name)),
                ("id", .string(Self.fieldID(f.name))),
                ("kind", .string(f.kind.rawValue)),
                ("group", .string(f.group)),
                ("question", .string(f.question)),
                ("help", f.help.map { .string($0) } ?? .null),
                ("unit", f.unit.map { .string($0) } ?? .null),
                ("choices", .array(f.choices.map { .string($0) })),
                ("minimum", f.minimum.map { .number($0) } ?? .null),
                ("maximum", f.maximum.map { .number($0) } ?? .null),
                ("required", .bool(f.required)),
                ("asked_by", .array(f.askedBy.map { .string($0) })),
                ("answer", answer),
                ("problems", .array((errors.byField[f.name] ?? []).map(problem))),
            ])
        }
        return .object([
            ("format", .string("safetycode.questionnaire/1")),
            ("codes", .array(form.codeRefs.map { .string($0) })),
            ("vocabulary", .string(form.vocabulary.id)),
            ("fields", .array(fields)),
            ("problems", .array(errors.general.map(problem))),
            ("base", base.map { .object([("service", .string($0.service)), ("sha256", .string($0.sha256))]) } ?? .null),
        ])
    }
}
