import Foundation
import SafetyCodeCore
import YAMLTree

/// What becomes of a posted questionnaire, files included: the one call the server makes for a
/// POST to `/questionnaire` once it has checked the CSRF token (SPEC section 11, issue 18's contract).
///
/// ```swift
/// let posted = form.read(posted: fields)            // name/value pairs as the body sent them
/// guard posted.csrf == expected else { 403 }
/// switch QuestionnairePost.handle(posted, form: form, workspace: root, existing: submissions, today: today, draftID: query["draft"]) {
/// case .draftSaved(let id): 303 to /questionnaire?code=…&draft=id
/// case .submitted(let destination): 303 to /services/<destination.stem>
/// case .invalid(let answers, let errors): 422, QuestionnaireView(form:answers:errors:…)
/// }
/// ```
public enum QuestionnairePost {
    /// The outcome.
    public enum Outcome: Sendable {
        /// The draft was saved as `Drafts/<id>.yaml`: redirect to the questionnaire with `&draft=id`.
        case draftSaved(id: String)
        /// The new submission was written at `destination.path`: redirect to `/services/STEM`.
        case submitted(SubmissionNaming.Destination)
        /// Nothing was written: show the form again (status 422) with these answers, as sent, and errors.
        case invalid(FormAnswers, FormErrors)
    }

    /// Handles a posted questionnaire.
    ///
    /// - Saving (`action=save`) writes the answers as they are, however incomplete, to the draft
    ///   `draftID` when that id is valid and its file exists (replaced atomically), otherwise to a
    ///   new draft with a random id (created, never overwriting).
    /// - Submitting (`action=submit`) dates the submission `today` when it has no date, names its
    ///   file from `existing` (``SubmissionNaming``), checks it with the CLI's decoder
    ///   (``QuestionnaireForm/check(_:file:)``) and, when it has no error, creates the file
    ///   (``ReportFile/create(_:at:)``). A saved draft is left in place.
    /// - Problems with the posted fields themselves (an unknown name, a field sent twice), a
    ///   missing button or a failed write give ``Outcome/invalid(_:_:)``.
    ///
    /// `workspace` is the workspace folder; `existing` every submission file it has (paths
    /// relative to it, with their service names).
    public static func handle(
        _ posted: QuestionnaireForm.Posted, form: QuestionnaireForm, workspace: String,
        existing: [SubmissionNaming.Existing], today: Day, draftID: String?
    ) -> Outcome {
        var answers = posted.answers
        if posted.errors.hasErrors { return .invalid(answers, posted.errors) }
        let root = URL(fileURLWithPath: workspace)
        switch posted.action {
        case nil:
            var errors = posted.errors
            errors.add(.error(.missingKey, "the form did not say whether to save a draft or submit: nothing was saved", at: nil), field: nil)
            return .invalid(answers, errors)
        case .save:
            let text = form.draftText(form.draft(answers, saved: today))
            if let id = draftID, let relative = QuestionnaireDraft.relativePath(id: id) {
                let path = root.appendingPathComponent(relative).path
                var st = stat()
                if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
                    do {
                        try ReportFile.write(text, to: path)
                        return .draftSaved(id: id)
                    } catch {
                        return .invalid(answers, failure(posted.errors, error.diagnostics))
                    }
                }
            }
            for _ in 0..<3 {
                let id = QuestionnaireDraft.newID()
                do {
                    try ReportFile.create(text, at: root.appendingPathComponent(QuestionnaireDraft.relativePath(id: id)!).path)
                    return .draftSaved(id: id)
                } catch {
                    guard case .failed(let e) = error else { continue }
                    return .invalid(answers, failure(posted.errors, e.diagnostics))
                }
            }
            return .invalid(answers, failure(posted.errors, [.error(.writeFailed, "no free name for the draft", at: nil)]))
        case .submit:
            if answers["submission.date"] == .unknown { answers["submission.date"] = .text(today.description) }
            let date: Day
            if case .text(let t) = answers["submission.date"], let d = Day(t) { date = d } else { date = today }
            var known = existing
            for _ in 0..<3 {
                let destination = SubmissionNaming.destination(service: answers.text("submission.service"), date: date, existing: known)
                let check = form.check(answers, file: destination.path)
                guard check.submission != nil, !check.errors.hasErrors else {
                    var errors = posted.errors
                    errors.merge(check.errors)
                    return .invalid(answers, errors)
                }
                do {
                    try ReportFile.create(check.text, at: root.appendingPathComponent(destination.path).path)
                    return .submitted(destination)
                } catch {
                    guard case .failed(let e) = error else {
                        // Written by someone else since the list was made: take the next name.
                        known.append(.init(path: destination.path, service: ""))
                        continue
                    }
                    return .invalid(answers, failure(posted.errors, e.diagnostics))
                }
            }
            return .invalid(answers, failure(posted.errors, [.error(.writeFailed, "no free name for the new submission", at: nil)]))
        }
    }

    private static func failure(_ errors: FormErrors, _ diagnostics: [Diagnostic]) -> FormErrors {
        var errors = errors
        for d in diagnostics { errors.add(d, field: nil) }
        return errors
    }
}
