import Foundation
import Hummingbird
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

extension Pages {
    /// `/questionnaire?code=CODE_ID@VERSION` (repeatable; `&draft=ID` resumes a saved draft,
    /// `&service=STEM` starts from a service's latest answers), its `.json`, and the POST that
    /// saves a draft (`Drafts/<id>.yaml`) or writes a new dated submission.
    func addQuestionnaire(to router: Router<WorkbenchContext>) {
        router.get("/questionnaire") { [self] request, context in
            questionnaire(context.snapshot!, Self.query(request), json: false)
        }
        router.get("/questionnaire.json") { [self] request, context in
            questionnaire(context.snapshot!, Self.query(request), json: true)
        }
        router.post("/questionnaire") { [self] request, context in
            postQuestionnaire(context.snapshot!, Self.query(request), context.form)
        }
    }

    /// The codes a questionnaire URL names, or the page saying what is wrong with them.
    enum FormOrPage {
        case success(QuestionnaireForm)
        case failure(Response)
    }

    func questionnaireForm(_ snap: Snapshot, _ q: FormData) -> FormOrPage {
        let refs = q.all("code")
        var codes: [Code] = []
        for ref in refs where !codes.contains(where: { "\($0.header.id)@\($0.header.version)" == ref }) {
            guard let c = snap.code(ref) else { return .failure(notFound("There is no code '\(ref)' in this workspace's Codes folder.")) }
            codes.append(c.code)
        }
        if let problem = QuestionnaireForm.sharedVocabularyProblem(codes) {
            return .failure(Self.html(.badRequest, WorkbenchPage.message(title: "Questionnaire", message: problem)))
        }
        return .success(QuestionnaireForm(codes: codes))
    }

    /// The URL of the questionnaire for these codes (and draft).
    static func questionnaireURL(_ form: QuestionnaireForm, draft: String? = nil) -> String {
        "/questionnaire?" + (form.codeRefs.map { "code=\(escapeQuery($0))" } + (draft.map { ["draft=\($0)"] } ?? [])).joined(separator: "&")
    }

    /// A draft id from a query, when it is well formed and names a draft of the workspace's list.
    func draftID(_ snap: Snapshot, _ q: FormData) -> String? {
        guard let id = q["draft"], QuestionnaireDraft.isValidID(id), let path = QuestionnaireDraft.relativePath(id: id), snap.files[path] != nil else { return nil }
        return id
    }

    func questionnaire(_ snap: Snapshot, _ q: FormData, json: Bool) -> Response {
        if q.all("code").isEmpty && !json { return codeChooser(snap) }
        let form: QuestionnaireForm
        switch questionnaireForm(snap, q) {
        case .success(let f): form = f
        case .failure(let response): return response
        }
        var answers = FormAnswers()
        var errors = FormErrors()
        var notice: String?
        let draft = draftID(snap, q)
        if q["draft"] != nil && draft == nil { return notFound("There is no such draft in this workspace's Drafts folder.") }
        if let draft, let path = QuestionnaireDraft.relativePath(id: draft), let file = snap.files[path] {
            let (saved, problems) = QuestionnaireDraft.decode(bytes: file.bytes, file: path)
            if let saved {
                (answers, errors) = form.resume(saved)
                notice = "Draft saved on \(saved.saved.long): every answer so far is below."
            } else {
                for d in problems { errors.add(d, field: nil) }
            }
        } else if let stem = q["service"] {
            guard let s = snap.service(stem) else { return notFound("There is no service '\(stem)' in this workspace.") }
            // The latest answers, dated today: a new version of the service.
            if let doc = s.latest.read.document, let submission = SubmissionReader.decode(doc, vocabulary: form.vocabulary).0 {
                answers = form.answers(from: submission, date: asOf)
                notice = "Starting from \(s.name)'s latest submission (\(s.latest.path)): change what has changed and submit, and it is saved as a new version."
            }
        }
        let view = QuestionnaireView(form: form, answers: answers, errors: errors, action: Self.questionnaireURL(form, draft: draft), csrf: csrf, notice: notice)
        if json { return Self.json(view.json().serialized() + "\n") }
        return Self.html(.ok, WorkbenchPage.layout(title: "Questionnaire", body: view.formHTML()))
    }

    /// `/questionnaire` without a code: choose the codes (a GET form).
    func codeChooser(_ snap: Snapshot) -> Response {
        let options = snap.codes.map { WorkbenchPage.Option(value: $0.ref, label: "\($0.code.header.id) \($0.code.header.version): \($0.code.header.title) (\($0.code.header.status.words))") }
        return Self.html(.ok, WorkbenchPage.layout(title: "Questionnaire", body: WorkbenchPage.codeChooser(options)))
    }

    func postQuestionnaire(_ snap: Snapshot, _ q: FormData, _ posted: FormData) -> Response {
        let form: QuestionnaireForm
        switch questionnaireForm(snap, q) {
        case .success(let f): form = f
        case .failure(let response): return response
        }
        if q.all("code").isEmpty { return Self.html(.badRequest, WorkbenchPage.message(title: "Questionnaire", message: "Give the questionnaire's codes: /questionnaire?code=CODE_ID@VERSION.")) }
        let read = form.read(posted: posted.fields)
        let draft = draftID(snap, q)
        func again(_ errors: FormErrors, status: HTTPResponse.Status) -> Response {
            let view = QuestionnaireView(form: form, answers: read.answers, errors: errors, action: Self.questionnaireURL(form, draft: draft), csrf: csrf)
            return Self.html(status, WorkbenchPage.layout(title: "Questionnaire", body: view.formHTML()))
        }
        if read.errors.hasErrors { return again(read.errors, status: .unprocessableContent) }
        switch read.action {
        case .save?:
            let text = form.draftText(form.draft(read.answers, saved: asOf))
            let outcome: String? = writing.withLock { _ -> String? in
                do {
                    if let draft, let path = QuestionnaireDraft.relativePath(id: draft) {
                        // The draft resumed: saved over itself (a regular file of the list).
                        var st = stat()
                        guard lstat(workspace.disk(path), &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return "the draft file is not a regular file" }
                        try ReportFile.write(text, to: workspace.disk(path))
                        return draft
                    }
                    let id = QuestionnaireDraft.newID()
                    try ReportFile.create(text, at: workspace.disk(QuestionnaireDraft.relativePath(id: id)!))
                    return id
                } catch {
                    return nil
                }
            }
            guard let id = outcome, QuestionnaireDraft.isValidID(id) else {
                var errors = read.errors
                errors.add(.error(.writeFailed, "the draft could not be saved\(outcome.map { ": \($0)" } ?? "")", at: nil), field: nil)
                return again(errors, status: .internalServerError)
            }
            return Self.redirect(Self.questionnaireURL(form, draft: id))
        case .submit?:
            let service = read.answers.text("submission.service").trimmingCharacters(in: .whitespaces)
            let date = Day(read.answers.text("submission.date").trimmingCharacters(in: .whitespaces)) ?? asOf
            let existing = snap.services.flatMap { s in s.versions.map { SubmissionNaming.Existing(path: $0.path, service: $0.name) } }
            let destination = SubmissionNaming.destination(service: service, date: date, existing: existing)
            let check = form.check(read.answers, file: destination.path)
            if check.errors.hasErrors || check.submission == nil { return again(check.errors, status: .unprocessableContent) }
            let failure: String? = writing.withLock { _ -> String? in
                do throws(ReportFile.CreateFailure) {
                    try ReportFile.create(check.text, at: workspace.disk(destination.path))
                    if let draft, let path = QuestionnaireDraft.relativePath(id: draft) { unlink(workspace.disk(path)) }
                    return nil
                } catch .exists(let path) {
                    return "\(path) was created meanwhile: submit again"
                } catch {
                    if case .failed(let e) = error { return e.diagnostics.map(\.message).joined(separator: "; ") }
                    return "\(error)"
                }
            }
            if let failure {
                var errors = FormErrors()
                errors.add(.error(.writeFailed, failure, at: nil), field: nil)
                return again(errors, status: .conflict)
            }
            return Self.redirect("/services/\(destination.stem)")
        case nil:
            return Self.html(.badRequest, WorkbenchPage.message(title: "Questionnaire", message: "Press Save the draft or Submit."))
        }
    }
}
