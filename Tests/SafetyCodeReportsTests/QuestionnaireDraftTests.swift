import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

@Suite("Questionnaire: drafts and new submission files")
struct QuestionnaireDraftTests {
    @Test("a draft saved and resumed gives back every answer, half-typed ones included")
    func roundTrip() throws {
        let form = try ICU.form()
        let read = form.read(posted: [("submission.service", "Kestrel: \"chat\" # \u{202E}\nline two"), ("service.uk_users", "12a"),
                                      ("risk.grooming", "high"), ("service.functionalities.__shown", "1"),
                                      ("service.functionalities", "user_profiles"), ("service.functionalities", "hyperlinks"),
                                      ("controls.csam_hash_matching.media.__shown", "1"),
                                      ("controls.csam_hash_matching.in_place", "no"), ("action", "save")])
        #expect(read.action == .save)
        let draft = form.draft(read.answers, saved: Day("2026-11-29")!)
        let text = form.draftText(draft)
        #expect(text.contains("draft:\n  codes: [\"ofcom-icu-u2u@v1\"]\n  saved: 2026-11-29\nanswers:\n  \"submission.service\": \"Kestrel: \\\"chat\\\" # \u{202E}\\nline two\"\n"))
        #expect(text.contains("  \"service.uk_users\": \"12a\"\n"))
        #expect(text.contains("  \"controls.csam_hash_matching.media\": []\n"))
        let (back, problems) = QuestionnaireDraft.decode(bytes: Array(text.utf8), file: "Drafts/x.yaml")
        #expect(problems.isEmpty)
        let resumed = try #require(back)
        #expect(resumed == draft)
        let (answers, errors) = form.resume(resumed)
        #expect(errors.isEmpty)
        #expect(answers == read.answers)
        // The resumed page shows every saved answer.
        let html = QuestionnaireView(form: form, answers: answers, action: "/q", csrf: "t").formHTML()
        #expect(html.contains("name=\"service.uk_users\" value=\"12a\""))
        #expect(html.contains("value=\"hyperlinks\" checked>"))
        #expect(html.contains("<option value=\"high\" selected>high</option>"))
    }

    @Test("a broken draft file gives a located error, not a crash", arguments: [
        ("draft:\n  codes: [a]\n  saved: 2026-11-29\nanswers:\n  x: ⟨here⟩{a: 1}\n", "the answer to 'x' must be text or a list, not a mapping"),
        ("draft:\n  codes: [a]\n  saved: ⟨here⟩yesterday\n", "'saved' must be a date written YYYY-MM-DD, not 'yesterday'"),
        ("draft:\n  codes: [a]\n  saved: 2026-11-29\n⟨here⟩answer: {}\n", "unknown key 'answer' in a draft file; did you mean 'answers'?"),
        ("draft: [\n⟨here⟩", nil),
        ("⟨here⟩- just\n- a list\n", "a draft file must be a mapping, not a list"),
    ] as [(String, String?)])
    func broken(_ source: String, _ message: String?) throws {
        let scratch = Scratch()
        let place = try #require(scratch.write(["Drafts/0123456789abcdef0123456789abcdef.yaml": source]))
        let (draft, problems) = QuestionnaireDraft.read(path: scratch.file("Drafts/0123456789abcdef0123456789abcdef.yaml"))
        #expect(draft == nil)
        let first = try #require(problems.first)
        #expect(first.severity == .error)
        if let message {
            #expect(first.message == message)
            #expect(first.location == place)
        } else {
            #expect(first.location?.file == place.file && first.location?.line == place.line, "\(first)")
        }
    }

    @Test("draft ids are random hex and only such ids name a file")
    func ids() {
        let a = QuestionnaireDraft.newID(), b = QuestionnaireDraft.newID()
        #expect(a != b && a.count == 32 && QuestionnaireDraft.isValidID(a))
        #expect(QuestionnaireDraft.relativePath(id: a) == "Drafts/\(a).yaml")
        for bad in ["", "../../etc/passwd", "0123456789ABCDEF", "0123456789abcdeg", "0123456789abcde", "0123456789abcdef/..", String(repeating: "a", count: 65)] {
            #expect(!QuestionnaireDraft.isValidID(bad) && QuestionnaireDraft.relativePath(id: bad) == nil, "\(bad)")
        }
    }

    @Test("a draft answering a field the form does not have says so when resumed")
    func resumeOther() throws {
        let form = try ICU.form()
        var answers = FormAnswers()
        answers["risk.grooming"] = .text("low")
        answers["children_risk.pornography"] = .text("low")
        let (back, errors) = form.resume(QuestionnaireDraft(codes: ["ofcom-pcu-u2u@v1"], saved: Day("2026-11-29")!, answers: answers))
        #expect(back["risk.grooming"] == .text("low") && back["children_risk.pornography"] == .unknown)
        #expect(errors.general.map(\.message) == [
            "this draft was saved for ofcom-pcu-u2u@v1, not ofcom-icu-u2u@v1: its answers are shown where this questionnaire asks the same facts",
            "the draft answers 'children_risk.pornography', which this questionnaire does not ask: not shown, and not kept if it is saved again",
        ])
        #expect(!errors.hasErrors)
    }

    static let existing = [
        SubmissionNaming.Existing(path: "Submissions/raidhall-chat.yaml", service: "Raidhall"),
        SubmissionNaming.Existing(path: "Submissions/history/raidhall-chat-2027-03.yaml", service: "Raidhall"),
        SubmissionNaming.Existing(path: "Submissions/history/raidhall-chat-2026-12-01.yaml", service: "Raidhall"),
        SubmissionNaming.Existing(path: "Submissions/history/raidhall-chat-2026-12-01-2.yml", service: "Raidhall"),
        SubmissionNaming.Existing(path: "Submissions/kestrel-chat.yaml", service: "Kestrel"),
    ]

    @Test("a new service gets Submissions/<slug>.yaml, -2 when another service has that name")
    func newService() {
        let d = SubmissionNaming.destination(service: "Glim Mer!", date: Day("2026-12-01")!, existing: Self.existing)
        #expect(d == SubmissionNaming.Destination(path: "Submissions/glim-mer.yaml", stem: "glim-mer", isNewService: true))
        let clash = SubmissionNaming.destination(service: "Kestrel  Chat", date: Day("2026-12-01")!, existing: Self.existing)
        #expect(clash == SubmissionNaming.Destination(path: "Submissions/kestrel-chat-2.yaml", stem: "kestrel-chat-2", isNewService: true))
        let noSlug = SubmissionNaming.destination(service: "日本", date: Day("2026-12-01")!, existing: [])
        #expect(noSlug.path == "Submissions/service.yaml")
    }

    @Test("an existing service gets a dated history file, -2 and -3 when taken")
    func existingService() {
        let first = SubmissionNaming.destination(service: "Raidhall", date: Day("2026-11-29")!, existing: Self.existing)
        #expect(first == SubmissionNaming.Destination(path: "Submissions/history/raidhall-chat-2026-11-29.yaml", stem: "raidhall-chat", isNewService: false))
        let third = SubmissionNaming.destination(service: "Raidhall", date: Day("2026-12-01")!, existing: Self.existing)
        #expect(third.path == "Submissions/history/raidhall-chat-2026-12-01-3.yaml", "the .yml file takes -2")
        let caseOnly = SubmissionNaming.destination(service: "raidhall", date: Day("2026-12-01")!, existing: Self.existing)
        #expect(caseOnly.path == "Submissions/raidhall.yaml", "service names are matched exactly, as history groups them")
    }

    @Test("a new file is created once and never overwrites, not even through a link")
    func create() throws {
        let scratch = Scratch()
        let path = scratch.file("Submissions/history/x.yaml")
        try ReportFile.create("one\n", at: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\n")
        #expect(throws: ReportFile.CreateFailure.self) { try ReportFile.create("two\n", at: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\n")
        let outside = scratch.file("outside.yaml")
        try FileManager.default.createSymbolicLink(atPath: scratch.file("Submissions/link.yaml"), withDestinationPath: outside)
        #expect(throws: ReportFile.CreateFailure.self) { try ReportFile.create("three\n", at: scratch.file("Submissions/link.yaml")) }
        #expect(!FileManager.default.fileExists(atPath: outside))
        try FileManager.default.createSymbolicLink(atPath: scratch.file("Linked"), withDestinationPath: scratch.file("Submissions"))
        #expect(throws: ReportFile.CreateFailure.self) { try ReportFile.create("four\n", at: scratch.file("Linked/y.yaml")) }
        #expect(scratch.files() == ["Submissions/history/x.yaml", "Submissions/link.yaml"], "no temporary file left behind")
    }
}
