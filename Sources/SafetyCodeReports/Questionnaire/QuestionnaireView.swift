import SafetyCodeCore
import YAMLTree

/// The workbench's questionnaire page (SPEC section 11; element ids and names from issue 18's
/// contract): the form for ``QuestionnaireForm``'s fields, grouped in fieldsets by the
/// vocabulary's grouping, each with its question, help, current answer and errors.
///
/// The server makes one per request and renders it with ``formHTML()`` (the `<form>` alone, to
/// place in its own page), ``html(stylesheet:)`` (a whole page) or ``json()`` (the `.json` route).
/// Answers are rendered as they were typed (escaped, never revealed or changed), so they
/// round-trip through the browser exactly; questions, help and messages show hidden characters
/// as `<U+202E>`, as every report does.
public struct QuestionnaireView {
    /// One choice of a select, radio group or set of checkboxes.
    struct Option {
        var value: String
        var label: String
        var id: String
        var on: Bool
        /// `value` as the HTML of an attribute value, hidden characters as character references.
        var valueHTML: String

        init(value: String, label: String, id: String, on: Bool) {
            (self.value, self.label, self.id, self.on) = (value, label, id, on)
            valueHTML = VisibleText.htmlEscaped(value)
        }
    }

    /// One problem shown at a field or at the top.
    struct Message {
        var text: String
        var severity: String
        var isWarning: Bool
    }

    /// One field.
    struct Field {
        var name: String
        var id: String
        var question: String
        var help: String
        var hasHelp: Bool
        var helpID: String
        var askedBy: String
        var hasAskedBy: Bool
        var isInput: Bool
        var isChoice: Bool
        var isBool: Bool
        var isSet: Bool
        var inputType: String
        var value: String
        var min: String
        var hasMin: Bool
        var max: String
        var hasMax: Bool
        var step: String
        var hasStep: Bool
        var required: Bool
        var unknownOn: Bool
        var unknownID: String
        var options: [Option]
        var messages: [Message]
        var hasErrors: Bool
        var invalid: Bool
        var errorID: String
        var describedBy: String
        var hasDescribedBy: Bool
        /// `value` as the HTML of an attribute value, hidden characters as character references
        /// (the page's own showing of them as `<U+202E>` would change what is posted back).
        var valueHTML = ""
        /// What an answer's invisible characters are, said beside its field ("" when none).
        var hiddenNote = ""
        var hasHiddenNote = false
        var hiddenNoteID = ""
    }

    /// One fieldset.
    struct Group {
        var id: String
        var legend: String
        var fields: [Field]
    }

    let form: QuestionnaireForm
    let answers: FormAnswers
    let errors: FormErrors
    let base: QuestionnaireForm.Base?
    var title: String
    var codesLine: String
    var action: String
    var csrf: String
    var hasBase: Bool
    var baseService: String
    var baseSHA: String
    var baseLine: String
    var baseServiceName = QuestionnaireForm.Base.serviceFieldName
    var baseSHAName = QuestionnaireForm.Base.shaFieldName
    var notice: String
    var hasNotice: Bool
    var general: [Message]
    var hasGeneral: Bool
    var generalHeading: String
    /// The answers to fix, listed at the top of the form, each linking to its field (a long
    /// form's only error would otherwise sit far down the page).
    var fieldErrors: [FieldErrorLink]
    var hasFieldErrors: Bool
    var fieldErrorsHeading: String
    var groups: [Group]
    var stylesheetURL = ""

    /// The view of `form` showing `answers` and `errors`. `action` is the URL the form posts to
    /// (the questionnaire's own URL, with its `code=` and any `draft=` parameters; escaped here),
    /// `csrf` the token for the hidden `csrf` field, `notice` an optional line shown above the
    /// form ("Draft saved on 29 November 2026."), `base` the submission a new version of a service
    /// starts from (``QuestionnaireForm/newVersion(of:bytes:file:date:)``, a resumed draft's, or
    /// the posted one shown again), carried in hidden fields.
    public init(form: QuestionnaireForm, answers: FormAnswers, errors: FormErrors = FormErrors(), action: String, csrf: String, notice: String? = nil,
                base: QuestionnaireForm.Base? = nil) {
        self.form = form
        self.base = base
        hasBase = base != nil
        baseService = base?.service ?? ""
        baseSHA = base?.sha256 ?? ""
        baseLine = base.map {
            VisibleText.reveal("A new version of \($0.service): made from its latest submission with your changed answers; "
                + "its evidence, alternative measures, note and the facts not asked here are kept as they are.")
        } ?? ""
        self.answers = answers
        self.errors = errors
        self.action = action
        self.csrf = csrf
        let names = form.codes.map { "\($0.header.title) (\($0.header.status.words))" }
        title = "Questionnaire"
        codesLine = VisibleText.reveal((form.codes.count == 1 ? "For the code " : "For the codes ") + names.joined(separator: "; ") + ".")
        self.notice = notice.map { VisibleText.reveal($0) } ?? ""
        hasNotice = notice != nil
        // A problem tied to no field says where it is (a broken draft file: file:line:column).
        general = errors.general.map { d in
            var m = Self.message(d)
            if let place = d.location { m.text = "\(place): " + m.text }
            return m
        }
        hasGeneral = !general.isEmpty
        generalHeading = errors.general.contains { $0.severity == .error } ? "Nothing was saved:" : "Please note:"
        fieldErrors = form.fields.compactMap { f in
            let wrong = (errors.byField[f.name] ?? []).filter { $0.severity == .error }
            guard !wrong.isEmpty else { return nil }
            return FieldErrorLink(href: "#" + Self.fieldID(f.name), question: VisibleText.reveal(f.question),
                                  message: wrong.map { Self.message($0).text }.joined(separator: " "))
        }
        hasFieldErrors = !fieldErrors.isEmpty
        fieldErrorsHeading = fieldErrors.count == 1 ? "1 answer to put right:" : "\(fieldErrors.count) answers to put right:"
        var groups: [Group] = []
        for f in form.fields {
            var view = Self.field(f, answers[f.name], errors.byField[f.name] ?? [])
            // As the template: who asks a fact is worth saying when several codes might, or when
            // only a risk profile reads it.
            view.hasAskedBy = f.fact != nil && !f.askedBy.isEmpty && (form.codes.count > 1 || f.profileOnly)
            if groups.last?.id != "group-" + Slug.of(f.group) {
                groups.append(Group(id: "group-" + Slug.of(f.group), legend: Self.legend(f.group), fields: []))
            }
            groups[groups.count - 1].fields.append(view)
        }
        self.groups = groups
    }

    /// An answer to fix, as listed at the top of the form.
    struct FieldErrorLink {
        var href: String
        var question: String
        var message: String
    }

    /// The id of the field `name`'s element: `field-SLUG(name)`.
    public static func fieldID(_ name: String) -> String { "field-" + Slug.of(name) }

    /// The id of the paragraph holding the field `name`'s errors: `error-field-SLUG(name)`.
    public static func errorID(_ name: String) -> String { "error-" + fieldID(name) }

    static func message(_ d: Diagnostic) -> Message {
        Message(text: VisibleText.reveal(d.message), severity: d.severity.rawValue, isWarning: d.severity != .error)
    }

    /// A group's legend: `service` is "The service", `controls.csam_hash_matching` is
    /// "Csam hash matching".
    static func legend(_ group: String) -> String {
        switch group {
        case "submission": return "The submission"
        case "service": return "The service"
        case "risk": return "Illegal content risk assessment"
        case "children_risk": return "Children's risk assessment"
        case "controls": return "Controls"
        default:
            let last = group.split(separator: ".").last.map(String.init) ?? group
            let words = last.replacingOccurrences(of: "_", with: " ")
            return VisibleText.reveal(words.prefix(1).uppercased() + words.dropFirst())
        }
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    static func field(_ f: QuestionnaireForm.Field, _ answer: FormAnswer, _ problems: [Diagnostic]) -> Field {
        let id = fieldID(f.name)
        let messages = problems.map(message)
        let hasErrors = !messages.isEmpty
        let text: String
        var members: [String] = []
        switch answer {
        case .unknown: text = ""
        case .text(let t): text = t; members = [t]
        case .members(let m): text = m.joined(separator: ", "); members = m
        }
        var help = f.help ?? ""
        if let unit = f.unit { help += (help.isEmpty ? "" : " ") + "In \(unit)." }
        // An answer holding bidi or zero-width characters is kept as typed, said beside it in
        // lint's words (a typed answer shows them only as the browser draws them: not at all).
        let invisible = f.kind == .text ? VisibleText.invisibleFormats(in: text).map { "<" + VisibleText.name($0) + ">" } : []
        let hiddenNote = invisible.isEmpty ? "" : "This answer holds "
            + (invisible.count == 1 ? "an invisible character, \(invisible[0])," : "invisible characters (\(invisible.joined(separator: ", ")))")
            + " which can make text read differently from what it is (bidi or zero-width); it is kept as typed."
        let described = [help.isEmpty ? nil : "help-" + id, invisible.isEmpty ? nil : id + "-invisible", hasErrors ? errorID(f.name) : nil].compactMap { $0 }
        var view = Field(
            name: f.name, id: id, question: VisibleText.reveal(f.question), help: VisibleText.reveal(help), hasHelp: !help.isEmpty,
            helpID: "help-" + id, askedBy: VisibleText.reveal(f.askedBy.joined(separator: ", ")),
            hasAskedBy: false,
            isInput: false, isChoice: false, isBool: false, isSet: false, inputType: "text", value: text,
            min: "", hasMin: false, max: "", hasMax: false, step: "", hasStep: false, required: f.required,
            unknownOn: answer == .unknown, unknownID: id + "-unknown", options: [],
            messages: messages, hasErrors: hasErrors, invalid: problems.contains { $0.severity == .error },
            errorID: errorID(f.name),
            describedBy: described.joined(separator: " "), hasDescribedBy: !described.isEmpty,
            valueHTML: VisibleText.htmlEscaped(text), hiddenNote: hiddenNote, hasHiddenNote: !hiddenNote.isEmpty, hiddenNoteID: id + "-invisible")
        switch f.kind {
        case .text: view.isInput = true
        case .date: view.isInput = true; view.inputType = "date"
        case .integer, .number:
            view.isInput = true
            view.inputType = "number"
            if let lo = f.minimum { (view.min, view.hasMin) = (number(lo), true) }
            if let hi = f.maximum { (view.max, view.hasMax) = (number(hi), true) }
            (view.step, view.hasStep) = (f.kind == .integer ? "1" : "any", true)
        case .bool:
            view.isBool = true
            view.options = [("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")].map { value, label in
                Option(value: value, label: label, id: id + "-" + value,
                       on: value == "unknown" ? answer == .unknown : text == value)
            }
            // An answer that is neither yes nor no (from a hand-edited draft) is shown with its error
            // and no radio ticked, so it is never silently replaced.
        case .choice:
            view.isChoice = true
            view.options = f.choices.map { Option(value: $0, label: VisibleText.reveal($0), id: "", on: $0 == text) }
            if case .text(let t) = answer, !f.choices.contains(t) {
                // Kept as sent, so it can be corrected rather than lost.
                view.options.append(Option(value: t, label: VisibleText.reveal(t) + " (not one of the choices)", id: "", on: true))
            }
        case .set:
            view.isSet = true
            view.options = f.choices.map { Option(value: $0, label: VisibleText.reveal($0), id: id + "-" + Slug.of($0), on: members.contains($0)) }
            for m in members where !f.choices.contains(m) {
                view.options.append(Option(value: m, label: VisibleText.reveal(m) + " (not one of the choices)", id: id + "-" + Slug.of(m), on: true))
            }
        }
        return view
    }
}
