import Foundation
import Hummingbird
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

extension Pages {
    /// `/questionnaire?code=CODE_ID@VERSION` (repeatable; `&draft=ID` resumes a saved draft,
    /// `&service=STEM` starts from a service's latest answers), its `.json`, and the POST that
    /// saves a draft (`Drafts/<id>.yaml`) or writes a new dated submission.
    func addQuestionnaire(to router: RouteRecorder) {
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
            guard let c = snap.code(ref) else { return .failure(notFound(Self.noCode(ref, snap), problems: snap.codeProblems)) }
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

    /// The workspace's saved drafts (`Drafts/<id>.yaml`), found through its own list of files;
    /// with `codes`, only the drafts of a questionnaire on exactly those codes.
    func drafts(_ snap: Snapshot, codes: [String]? = nil) -> DraftList {
        var entries: [DraftList.Entry] = []
        let prefix = QuestionnaireDraft.folder + "/"
        for (path, file) in snap.files where path.hasPrefix(prefix) && path.hasSuffix(".yaml") {
            let id = String(path.dropFirst(prefix.count).dropLast(".yaml".count))
            guard QuestionnaireDraft.relativePath(id: id) == path else { continue }
            let (saved, problems) = QuestionnaireDraft.decode(bytes: file.bytes, file: path)
            if let saved {
                if let codes, saved.codes != codes { continue }
                let href = "/questionnaire?" + (saved.codes.map { "code=\(Self.escapeQuery($0))" } + ["draft=\(id)"]).joined(separator: "&")
                // Named in words, as the rest of the page names codes (a trial found ids here).
                let names = saved.codes.map { ref in
                    snap.codes.first { $0.ref == ref }.map { $0.code.header.shortTitle ?? $0.code.header.title } ?? ref
                }
                entries.append(.init(id: id, service: saved.answers.text("submission.service"), codes: saved.codes, codeNames: names,
                                     saved: saved.saved, href: href))
            } else if codes == nil {
                let why = problems.first { $0.severity == .error }.map { WorkbenchPage.Problem($0, relativeTo: "") }
                entries.append(.init(id: id, service: "", codes: [], saved: nil, href: nil,
                                     problem: why.map { "\($0.place): \($0.message)" } ?? path))
            }
        }
        return DraftList(entries)
    }

    func questionnaire(_ snap: Snapshot, _ q: FormData, json: Bool) -> Response {
        if q.all("code").isEmpty { return json ? Self.json(drafts(snap).json()) : codeChooser(snap) }
        let form: QuestionnaireForm
        switch questionnaireForm(snap, q) {
        case .success(let f): form = f
        case .failure(let response): return response
        }
        var answers = FormAnswers()
        var errors = FormErrors()
        var notice: String?
        var base: QuestionnaireForm.Base?
        let draft = draftID(snap, q)
        if q["draft"] != nil && draft == nil { return notFound("There is no such draft in this workspace's Drafts folder.") }
        if let draft, let path = QuestionnaireDraft.relativePath(id: draft), let file = snap.files[path] {
            let (saved, problems) = QuestionnaireDraft.decode(bytes: file.bytes, file: path)
            if let saved {
                (answers, errors) = form.resume(saved)
                base = saved.base
                notice = "Draft saved on \(saved.saved.long): every answer so far is below."
            } else {
                for d in problems { errors.add(d, field: nil) }
            }
        } else if let stem = q["service"] {
            guard let s = snap.service(stem) else { return notFound("There is no service '\(Self.cut(stem))' in this workspace.") }
            // The latest answers, dated today: a new version of the service, made from the latest
            // submission's text (evidence, alternatives and comments kept) with the changed answers.
            if let file = snap.files[s.latest.path] {
                let started = form.newVersion(of: stem, bytes: file.bytes, file: s.latest.path, date: asOf)
                (answers, base, errors) = (started.answers, started.base, started.errors)
                notice = "Starting from \(s.name)'s latest submission (\(s.latest.path)): change what has changed and submit, and it is saved as a new version."
            }
        }
        let view = QuestionnaireView(form: form, answers: answers, errors: errors, action: Self.questionnaireURL(form, draft: draft), csrf: csrf, notice: notice,
                                     base: base)
        if json { return Self.json(view.json().serialized() + "\n") }
        // Starting afresh: the drafts already saved for these codes, to resume one instead.
        let saved = draft == nil && base == nil ? drafts(snap, codes: form.codeRefs) : DraftList([])
        return Self.html(.ok, WorkbenchPage.layout(title: "Questionnaire", body: (saved.entries.isEmpty ? "" : saved.html()) + view.bodyHTML()))
    }

    /// `/questionnaire` without a code: choose the codes (a GET form).
    func codeChooser(_ snap: Snapshot) -> Response {
        let options = snap.codes.map { WorkbenchPage.Option(value: $0.ref, label: "\($0.code.header.title) (\($0.code.header.status.words))") }
        return Self.html(.ok, WorkbenchPage.layout(title: "Questionnaire", body: WorkbenchPage.codeChooser(options) + drafts(snap).html()))
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
        let existing = snap.services.flatMap { s in s.versions.map { SubmissionNaming.Existing(path: $0.path, service: $0.name) } }
        // The submission a new version starts from, found through the workspace's list by the
        // posted service STEM (never a path from the request).
        let baseFile: QuestionnairePost.BaseFile? = read.base.flatMap { b in
            snap.service(b.service).flatMap { s in snap.files[s.latest.path].map { QuestionnairePost.BaseFile(path: s.latest.path, bytes: $0.bytes) } }
        }
        let outcome = writing.withLock { _ in
            QuestionnairePost.handle(read, form: form, workspace: workspace.root, existing: existing, today: asOf, draftID: draft, base: baseFile)
        }
        switch outcome {
        case .draftSaved(let id): return Self.redirect(Self.questionnaireURL(form, draft: id))
        case .submitted(let destination): return Self.redirect("/services/\(destination.stem)")
        case .invalid(let answers, let errors):
            let view = QuestionnaireView(form: form, answers: answers, errors: errors, action: Self.questionnaireURL(form, draft: draft), csrf: csrf, base: read.base)
            return Self.html(.unprocessableContent, WorkbenchPage.layout(title: "Questionnaire", body: view.bodyHTML()))
        case .stale(let answers, let errors, let base):
            let view = QuestionnaireView(form: form, answers: answers, errors: errors, action: Self.questionnaireURL(form, draft: draft), csrf: csrf, base: base)
            return Self.html(.conflict, WorkbenchPage.layout(title: "Questionnaire", body: view.bodyHTML()))
        }
    }
}
