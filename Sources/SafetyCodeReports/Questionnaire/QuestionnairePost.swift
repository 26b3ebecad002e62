import Foundation
import SafetyCodeCore
import YAMLTree

/// What becomes of a posted questionnaire, files included: the one call the server makes for a
/// POST to `/questionnaire` once it has checked the CSRF token (SPEC section 11, issue 18's contract).
///
/// ```swift
/// let posted = form.read(posted: fields)            // name/value pairs as the body sent them
/// guard posted.csrf == expected else { 403 }
/// // posted.base?.service is a STEM: its latest version's file, found in the workspace's own list
/// let base = posted.base.flatMap { latestFile(ofService: $0.service) }.map { QuestionnairePost.BaseFile(path: $0.path, bytes: $0.bytes) }
/// switch QuestionnairePost.handle(posted, form: form, workspace: root, existing: submissions, today: today, draftID: query["draft"], base: base) {
/// case .draftSaved(let id): 303 to /questionnaire?code=…&draft=id
/// case .submitted(let destination): 303 to /services/<destination.stem>
/// case .invalid(let answers, let errors): 422, QuestionnaireView(form:answers:errors:base: posted.base, …)
/// case .stale(let answers, let errors, let base): 409, QuestionnaireView(form:answers:errors:base: base, …)
/// }
/// ```
public enum QuestionnairePost {
    /// The submission a new version of a service starts from, found by the server in its own
    /// list of the workspace's files (the latest version of the service ``QuestionnaireForm/Posted/base``
    /// names by its STEM), never from a path in the request.
    public struct BaseFile: Sendable {
        /// Its path relative to the workspace, to name it in messages and diagnostics.
        public var path: String
        /// Its bytes as they are now.
        public var bytes: [UInt8]

        /// Creates one.
        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// The outcome.
    public enum Outcome: Sendable {
        /// The draft was saved as `Drafts/<id>.yaml`: redirect to the questionnaire with `&draft=id`.
        case draftSaved(id: String)
        /// The new submission was written at `destination.path`: redirect to `/services/STEM`.
        case submitted(SubmissionNaming.Destination)
        /// Nothing was written: show the form again (status 422) with these answers, as sent, and errors.
        case invalid(FormAnswers, FormErrors)
        /// Nothing was written: the submission the new version starts from changed since the form
        /// was shown (or is gone). Show the form again (status 409) with these answers, the
        /// errors (the explanation, at the top) and `base`, the reference to the file as it is now
        /// (nil when it is gone), so that submitting again is a deliberate choice.
        case stale(FormAnswers, FormErrors, base: QuestionnaireForm.Base?)
    }

    /// Handles a posted questionnaire.
    ///
    /// - Saving (`action=save`) writes the answers as they are, however incomplete, to the draft
    ///   `draftID` when that id is valid and its file exists (replaced atomically), otherwise to a
    ///   new draft with a random id (created, never overwriting).
    /// - Saving keeps the form's base reference (``QuestionnaireForm/Posted/base``) in the draft.
    /// - Submitting (`action=submit`) dates the submission `today` when it has no date, names its
    ///   file from `existing` (``SubmissionNaming``), checks it with the CLI's decoder
    ///   (``QuestionnaireForm/check(_:file:)``) and, when it has no error, creates the file
    ///   (``ReportFile/create(_:at:)``). Once it is written, the draft `draftID` it was resumed from
    ///   is removed (a regular file only; a failure to remove it is not an error: the submission stands).
    /// - Submitting a new version of a service (the form carries a ``QuestionnaireForm/Base``):
    ///   `base` must be the service's latest submission as the server finds it now, with the
    ///   SHA-256 the form carries; otherwise ``Outcome/stale(_:_:base:)``. The new version is that
    ///   file's text with the changed answers merged in and the date set, everything else kept
    ///   (``QuestionnaireForm/check(_:file:base:baseFile:)``).
    /// - Problems with the posted fields themselves (an unknown name, a field sent twice), a
    ///   missing button or a failed write give ``Outcome/invalid(_:_:)``.
    ///
    /// `workspace` is the workspace folder; `existing` every submission file it has (paths
    /// relative to it, with their service names).
    public static func handle(
        _ posted: QuestionnaireForm.Posted, form: QuestionnaireForm, workspace: String,
        existing: [SubmissionNaming.Existing], today: Day, draftID: String?, base: BaseFile? = nil
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
            let text = form.draftText(form.draft(answers, saved: today, base: posted.base))
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
            var baseFile: BaseFile?
            if let wanted = posted.base {
                guard let file = base else {
                    return .stale(answers, failure(posted.errors, [Diagnostic(.error, code: .staleBase,
                        message: "the service '\(wanted.service)' this new version starts from is no longer in the workspace: nothing was saved. "
                            + "Your answers are kept below; submitting them again writes them as a submission of their own, with no evidence or alternative measures.",
                        at: nil)]), base: nil)
                }
                let now = SubmissionReader.parse(bytes: file.bytes, file: file.path).sha256
                guard now == wanted.sha256 else {
                    return .stale(answers, failure(posted.errors, [Diagnostic(.error, code: .staleBase,
                        message: "the latest version of '\(wanted.service)' (\(file.path)) is not the one this questionnaire started from: it changed since the form "
                            + "was shown (someone saved another version or edited it), so nothing was saved. Your answers are kept below; submitting them again makes "
                            + "the new version from the file as it is now, with your answers wherever they differ from it.",
                        at: nil)]), base: QuestionnaireForm.Base(service: wanted.service, sha256: now))
                }
                baseFile = file
            }
            if answers["submission.date"] == .unknown { answers["submission.date"] = .text(today.description) }
            let date: Day
            if case .text(let t) = answers["submission.date"], let d = Day(t) { date = d } else { date = today }
            var known = existing
            for _ in 0..<3 {
                let destination = SubmissionNaming.destination(service: answers.text("submission.service"), date: date, existing: known)
                let check = baseFile.map { form.check(answers, file: destination.path, base: $0.bytes, baseFile: $0.path) }
                    ?? form.check(answers, file: destination.path)
                guard check.submission != nil, !check.errors.hasErrors else {
                    var errors = posted.errors
                    errors.merge(check.errors)
                    return .invalid(answers, errors)
                }
                do {
                    try ReportFile.create(check.text, at: root.appendingPathComponent(destination.path).path)
                    // Written: the draft it was resumed from is done with. Removed only now, and a
                    // failure to remove it leaves the draft listed, the submission written.
                    if let id = draftID, let relative = QuestionnaireDraft.relativePath(id: id) {
                        removeDraft(root.appendingPathComponent(relative).path)
                    }
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

    /// Removes a submitted draft's file when it is a regular file (never through a symlink);
    /// anything else, or a failure, leaves it as it is.
    static func removeDraft(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return }
        _ = unlink(path)
    }

    private static func failure(_ errors: FormErrors, _ diagnostics: [Diagnostic]) -> FormErrors {
        var errors = errors
        for d in diagnostics { errors.add(d, field: nil) }
        return errors
    }
}
