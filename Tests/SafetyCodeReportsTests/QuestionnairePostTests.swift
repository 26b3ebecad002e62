import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

@Suite("Questionnaire: what a POST writes")
struct QuestionnairePostTests {
    let today = Day("2026-11-29")!

    @Test("saving writes a draft under a random id, saving it again replaces it, and resuming shows the answers")
    func saveAndResume() throws {
        let form = try ICU.form()
        let scratch = Scratch()
        let posted = form.read(posted: [("csrf", "t"), ("submission.service", "Kestrel"), ("service.uk_users", "12a"), ("action", "save")])
        guard case .draftSaved(let id) = QuestionnairePost.handle(posted, form: form, workspace: scratch.path, existing: [], today: today, draftID: nil) else {
            Issue.record("not saved")
            return
        }
        #expect(QuestionnaireDraft.isValidID(id))
        #expect(scratch.files() == ["Drafts/\(id).yaml"])
        let (answers, errors, _) = form.resume(draftAt: scratch.file("Drafts/\(id).yaml"))
        #expect(errors.isEmpty && answers == posted.answers)
        // Saved again from the resumed page: the same draft, replaced.
        let more = form.read(posted: [("submission.service", "Kestrel"), ("service.uk_users", "120"), ("action", "save")])
        guard case .draftSaved(let again) = QuestionnairePost.handle(more, form: form, workspace: scratch.path, existing: [], today: today, draftID: id) else {
            Issue.record("not saved again")
            return
        }
        #expect(again == id && scratch.files() == ["Drafts/\(id).yaml"])
        #expect(form.resume(draftAt: scratch.file("Drafts/\(id).yaml")).0["service.uk_users"] == .text("120"))
        // A draft id that names no draft (or is not an id at all) is never used as a name.
        guard case .draftSaved(let other) = QuestionnairePost.handle(more, form: form, workspace: scratch.path, existing: [], today: today,
                                                                      draftID: "../../Submissions/x") else {
            Issue.record("not saved")
            return
        }
        #expect(other != id && scratch.files().count == 2)
    }

    @Test("a draft that cannot be removed after its submission is written (not a regular file) is left, and the submission stands")
    func draftNotRemovable() throws {
        let form = try ICU.form()
        let scratch = Scratch()
        let id = "0123456789abcdef0123456789abcdef"
        // Drafts/<id>.yaml is a folder here: it is not removed, and that is no error.
        try FileManager.default.createDirectory(atPath: scratch.file("Drafts/\(id).yaml"), withIntermediateDirectories: true)
        let posted = form.read(posted: [("submission.service", "Kestrel"), ("submission.date", "2026-11-29"), ("action", "submit")])
        guard case .submitted(let destination) = QuestionnairePost.handle(posted, form: form, workspace: scratch.path, existing: [], today: today, draftID: id) else {
            Issue.record("not submitted")
            return
        }
        #expect(destination.path == "Submissions/kestrel.yaml")
        #expect(FileManager.default.fileExists(atPath: scratch.file("Submissions/kestrel.yaml")))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: scratch.file("Drafts/\(id).yaml"), isDirectory: &isFolder) && isFolder.boolValue)
    }

    @Test("submitting writes a dated submission where the naming says, and a second one into the history")
    func submit() throws {
        let form = try ICU.form()
        let scratch = Scratch()
        let fields: [(name: String, value: String)] = [("submission.service", "Kestrel Chat"), ("risk.grooming", "high"), ("action", "submit")]
        guard case .submitted(let first) = QuestionnairePost.handle(form.read(posted: fields), form: form, workspace: scratch.path, existing: [],
                                                                    today: today, draftID: nil) else {
            Issue.record("not submitted")
            return
        }
        #expect(first == SubmissionNaming.Destination(path: "Submissions/kestrel-chat.yaml", stem: "kestrel-chat", isNewService: true))
        let loader = Loader()
        let s = try #require(loader.submission(scratch.file(first.path), vocabulary: form.vocabulary), "\(loader.diagnostics)")
        #expect(s.service == "Kestrel Chat" && s.date == today, "dated today when the form gives no date")
        guard case .submitted(let second) = QuestionnairePost.handle(form.read(posted: fields), form: form, workspace: scratch.path,
                                                                     existing: [.init(path: first.path, service: "Kestrel Chat")],
                                                                     today: today, draftID: nil) else {
            Issue.record("not submitted")
            return
        }
        #expect(second == SubmissionNaming.Destination(path: "Submissions/history/kestrel-chat-2026-11-29.yaml", stem: "kestrel-chat", isNewService: false))
        // The list was out of date (the history file is there but not listed): the next name, nothing overwritten.
        guard case .submitted(let third) = QuestionnairePost.handle(form.read(posted: fields), form: form, workspace: scratch.path,
                                                                    existing: [.init(path: first.path, service: "Kestrel Chat")],
                                                                    today: today, draftID: nil) else {
            Issue.record("not submitted")
            return
        }
        #expect(third.path == "Submissions/history/kestrel-chat-2026-11-29-2.yaml")
        #expect(scratch.files() == ["Submissions/history/kestrel-chat-2026-11-29-2.yaml", "Submissions/history/kestrel-chat-2026-11-29.yaml",
                                    "Submissions/kestrel-chat.yaml"])
    }

    @Test("an invalid answer, an unknown field or no button writes nothing and keeps the answers")
    func invalid() throws {
        let form = try ICU.form()
        let scratch = Scratch()
        for (fields, field, message) in [
            ([("submission.service", "X"), ("service.uk_users", "-5"), ("action", "submit")], "service.uk_users", "'service.uk_users' must be at least 0, not -5"),
            ([("submission.service", "X"), ("service.uk_userz", "5"), ("action", "save")], nil,
             "the form has no field 'service.uk_userz'; did you mean 'service.uk_users'?: nothing was saved"),
            ([("submission.service", "X")], nil, "the form did not say whether to save a draft or submit: nothing was saved"),
        ] as [([(name: String, value: String)], String?, String)] {
            let outcome = QuestionnairePost.handle(form.read(posted: fields), form: form, workspace: scratch.path, existing: [], today: today, draftID: nil)
            guard case .invalid(let answers, let errors) = outcome else {
                Issue.record("accepted: \(fields)")
                continue
            }
            #expect(answers["submission.service"] == .text("X"))
            #expect((field.map { errors.byField[$0] } ?? errors.general)?.map(\.message) == [message])
        }
        #expect(scratch.files().isEmpty)
    }

    @Test("a broken draft resumes as an empty form with its located error at the top")
    func brokenDraft() throws {
        let form = try ICU.form()
        let scratch = Scratch()
        let place = try #require(scratch.write(["Drafts/0123456789abcdef0123456789abcdef.yaml": "draft:\n  codes: [a]\n  saved: ⟨here⟩soon\n"]))
        let (answers, errors, _) = form.resume(draftAt: scratch.file("Drafts/0123456789abcdef0123456789abcdef.yaml"))
        #expect(answers == FormAnswers())
        #expect(errors.general.map(\.location) == [place])
        let html = QuestionnaireView(form: form, answers: answers, errors: errors, action: "/q", csrf: "t").formHTML()
        #expect(html.contains("<li class=\"q-error\">\(place.file):3:10: &#39;saved&#39; must be a date written YYYY-MM-DD, not &#39;soon&#39;</li>"))
    }
}
