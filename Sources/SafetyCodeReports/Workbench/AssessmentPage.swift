import SafetyCodeCore
import YAMLTree

/// An assessment's page (`/services/STEM/CODE_ID@VERSION`): the gap report's own body, then a
/// form on each measure and each declared fact to record a finding (SPEC section 7).
public struct AssessmentPage: Sendable {
    /// What a reviewer typed, kept when the page comes back with an error.
    public struct Typed: Sendable {
        /// What it is about (`measure` or `fact`; for a page, `compare` or `diff`).
        public var kind: String
        /// The measure's id or the fact's path.
        public var target: String
        /// The decision chosen (a ``Review/Decision`` raw value).
        public var decision: String
        /// The value as typed.
        public var value: String
        /// Why, in the reviewer's words.
        public var reason: String
        /// Who decided.
        public var reviewer: String
        /// When the finding stops applying, YYYY-MM-DD (or empty).
        public var expires: String

        /// Creates it from its parts.
        public init(kind: String, target: String, decision: String, value: String, reason: String, reviewer: String, expires: String) {
            self.kind = kind
            self.target = target
            self.decision = decision
            self.value = value
            self.reason = reason
            self.reviewer = reviewer
            self.expires = expires
        }
    }

    /// The assessment shown.
    public var assessment: Assessment
    /// The submission file's SHA-256.
    public var submissionSHA: String
    /// The report's input files (the submission is added).
    public var inputs: [ReportInput]
    /// The CSRF token every form carries.
    public var csrf: String
    /// The SHA-256 of the review file as shown ("" when there is none).
    public var base: String
    /// The review file findings go to.
    public var reviewFile: String
    /// After a failed post: what was typed, and the problems by field ("" for the whole form).
    public var typed: Typed?
    /// The problems with the posted finding, by field.
    public var errors: [FindingEntry.FieldError]
    /// The review file changed since the page was opened (someone, perhaps the same reviewer in
    /// another tab or form, saved first).
    public var stale: Bool
    /// Why the finding could not be written at all (the review file is a symbolic link...), shown
    /// at the top of the page; "" when it was not refused so.
    public var refused: String

    /// Creates it from its parts.
    public init(assessment: Assessment, submissionSHA: String, inputs: [ReportInput], csrf: String, base: String,
                reviewFile: String, typed: Typed? = nil, errors: [FindingEntry.FieldError] = [], stale: Bool = false,
                refused: String = "") {
        self.assessment = assessment
        self.submissionSHA = submissionSHA
        self.inputs = inputs
        self.csrf = csrf
        self.base = base
        self.reviewFile = reviewFile
        self.typed = typed
        self.errors = errors
        self.stale = stale
        self.refused = refused
    }

    struct FieldError {
        var id: String
        var message: String
    }

    struct Form {
        var id: String
        var anchor: String
        var kind: String
        var target: String
        var label: String
        /// The fact's path, shown small beside its question (empty for a measure).
        var path: String
        var detail: String
        /// The hidden fields every form of its kind carries (CSRF token, base, kind), as HTML.
        var hidden: String
        /// The form the typed text came back to: its fields are filled in one by one.
        var mine: Bool
        var decisions: [WorkbenchPage.Option]
        /// The decision options, as HTML, for a form with nothing typed (shared by its kind).
        var options: String
        /// The empty reason, reviewer and expiry fields, as HTML (shared by every form).
        var fields: String
        var value: String
        var reason: String
        var reviewer: String
        var expires: String
        var errors: [FieldError]
        var general: [String]
        var open: Bool
    }

    struct View {
        var report: String
        var csrf: String
        var base: String
        var reviewFile: String
        var stale: Bool
        var refused: String
        var hasRefused: Bool
        /// The id of the form holding the kept text, for the stale-write alert's link ("" when
        /// the page has no such form).
        var keptForm: String
        var hasKeptForm: Bool
        /// What goes between the stale-write alert and the report (the version note).
        var note: String
        var measures: [Form]
        var facts: [Form]
        var hasFacts: Bool
        /// Problems with a posted finding whose form is not on the page.
        var unplaced: [String]
        var hasUnplaced: Bool
    }

    /// The empty fields of a finding form, the same in every form (kept short: a page has a form
    /// for each of its measures and facts, a couple of hundred).
    static let emptyFields = #"<label>Why <textarea name="reason" required></textarea></label><label>Reviewer <input name="reviewer" required></label><label>Expires (optional) <input type="date" name="expires"></label>"#

    /// The decisions a reviewer may record on the measure `id` of `submission`: accepting or
    /// rejecting an alternative only where the submission claims one for that measure
    /// (`alternative_measures`), then `not_evidenced` and `note`.
    public static func decisions(forMeasure id: String, of submission: Submission) -> [Review.Decision] {
        let claimed = submission.alternative(for: id) != nil
        return Review.Decision.allCases.filter { $0.isMeasureDecision && (claimed || !$0.isAboutAlternative) }
    }

    /// The page body: after a stale write, the alert first (at the top of the page, linking to
    /// the form that keeps the text), then `note` (the server's version note), the gap report,
    /// and the finding forms.
    public func body(note: String = "") -> String {
        let a = assessment
        var hidden: [String: String] = [:]
        for kind in ["measure", "fact"] {
            hidden[kind] = #"<input type="hidden" name="csrf" value="\#(JUnit.escape(csrf))"><input type="hidden" name="base" value="\#(JUnit.escape(base))"><input type="hidden" name="kind" value="\#(kind)">"#
        }
        var options: [String: String] = [:]
        // Kept text goes back into its fields exactly: escaped, hidden characters as character
        // references (the page's showing them as <U+202E> would change what is posted again).
        func html(_ text: String?) -> String { VisibleText.htmlEscaped(text ?? "") }
        func form(kind: String, target: String, label: String, path: String = "", detail: String, decisions: [Review.Decision]) -> Form {
            let mine = typed.map { $0.kind == kind && $0.target == target } ?? false
            let t = mine ? typed : nil
            let fieldErrors = mine ? errors.filter { !$0.field.isEmpty }.map { FieldError(id: "error-\($0.field)", message: $0.message) } : []
            let general = mine ? errors.filter { $0.field.isEmpty }.map(\.message) : []
            let prefix = kind == "measure" ? "measure" : "fact"
            let key = decisions.map(\.rawValue).joined(separator: ",")
            let shared = options[key] ?? decisions.map { "<option value=\"\($0.rawValue)\">\(JUnit.escape($0.words))</option>" }.joined()
            options[key] = shared
            return Form(id: "finding-\(prefix)-\(Slug.of(target))", anchor: "\(prefix)-\(Slug.of(target))", kind: kind,
                        target: target, label: label, path: path, detail: detail, hidden: hidden[kind]!, mine: mine,
                        decisions: mine ? decisions.map { WorkbenchPage.Option(value: $0.rawValue, label: $0.words, selected: t?.decision == $0.rawValue) } : [],
                        options: shared, fields: Self.emptyFields, value: html(t?.value), reason: html(t?.reason), reviewer: html(t?.reviewer),
                        expires: html(t?.expires), errors: fieldErrors, general: general, open: mine)
        }
        let measures = a.results.map { r in
            let m = a.measure(r)
            return form(kind: "measure", target: m.id, label: "\(m.id): \(m.title)", detail: r.status.words,
                        decisions: Self.decisions(forMeasure: m.id, of: a.submission))
        }
        let v = a.code.vocabulary
        let facts: [Form] = v.facts.indices.compactMap { slot in
            guard slot < a.submission.facts.count, let value = a.submission.facts[slot] else { return nil }
            let f = v.facts[slot]
            // In the vocabulary's words, as the questionnaire asks it; the path small beside it.
            return form(kind: "fact", target: f.path, label: f.question, path: f.path,
                        detail: "declared: \(value.rendered(as: f.type))", decisions: [.dispute, .confirm])
        }
        let placed = (measures + facts).contains { $0.kind == typed?.kind && $0.target == typed?.target }
        let unplaced = placed ? [] : errors.map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" }
        let kept = (measures + facts).first(where: \.mine)?.id ?? ""
        let view = View(report: ReportBody.gap(a, submissionSHA: submissionSHA, inputs: inputs), csrf: csrf, base: base,
                        reviewFile: reviewFile, stale: stale, refused: refused, hasRefused: !refused.isEmpty, keptForm: kept, hasKeptForm: !kept.isEmpty, note: note,
                        measures: measures, facts: facts, hasFacts: !facts.isEmpty,
                        unplaced: unplaced, hasUnplaced: !unplaced.isEmpty)
        return Templates.render(view, "wb.assessment")
    }
}

/// The advocates' pages (`/compare`, `/diff`): two code versions chosen in a form, a lens, and
/// the comparison or the diff below.
public struct AdvocatePage: Sendable {
    /// What it is about (`measure` or `fact`; for a page, `compare` or `diff`).
    public var kind: String
    /// The code versions to choose from, the chosen one selected.
    public var from: [WorkbenchPage.Option]
    /// The code versions to choose from, the chosen one selected.
    public var to: [WorkbenchPage.Option]
    /// The lenses to choose from.
    public var lenses: [WorkbenchPage.Option]
    /// The report's body, or nil before two versions are chosen.
    public var result: String?
    /// Why there is no result (a code that is not in the workspace...).
    public var message: String

    /// Creates it from its parts.
    public init(kind: String, from: [WorkbenchPage.Option], to: [WorkbenchPage.Option], lenses: [WorkbenchPage.Option], result: String?, message: String = "") {
        self.kind = kind
        self.from = from
        self.to = to
        self.lenses = lenses
        self.result = result
        self.message = message
    }

    struct View {
        var title: String
        var action: String
        var other: String
        var otherTitle: String
        var from: [WorkbenchPage.Option]
        var to: [WorkbenchPage.Option]
        var lenses: [WorkbenchPage.Option]
        var result: String
        var hasResult: Bool
        var message: String
        var hasMessage: Bool
    }

    /// The page title.
    public var title: String { kind == "diff" ? "What changes between two code versions" : "What a new code version means for each service" }

    /// The page body.
    public func body() -> String {
        let view = View(title: title, action: "/\(kind)", other: kind == "diff" ? "/compare" : "/diff",
                        otherTitle: kind == "diff" ? "the comparison over the services" : "the diff of the codes",
                        from: from, to: to, lenses: lenses, result: result ?? "", hasResult: result != nil, message: message, hasMessage: !message.isEmpty)
        return Templates.render(view, "wb.advocate")
    }
}
