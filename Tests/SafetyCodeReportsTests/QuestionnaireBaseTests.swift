import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

@Suite("Questionnaire: a new version of an existing service keeps what the form does not ask")
struct QuestionnaireBaseTests {
    let today = Day("2026-11-29")!
    static let file = "Submissions/raidhall-chat.yaml"
    /// `sha256sum Submissions/raidhall-chat.yaml`.
    static let sha = "fb18084f1a8f4ed7b1b0ec688aed74bc3f08734f29bf077a61b3cfbddb74122d"
    /// `(cat Submissions/raidhall-chat.yaml; printf '# edited\n') | sha256sum`.
    static let editedSHA = "cfc85850a7b9122c8bb5babfbcb9e3dd7234481f6b51cd344285f936660522e9"

    /// A workspace holding Raidhall's submission as committed, and its bytes.
    static func workspace() throws -> (Scratch, [UInt8]) {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
        let scratch = Scratch()
        scratch.write([file: text])
        return (scratch, Array(text.utf8))
    }

    /// What a browser posts for the form showing `answers`: every field, a set's boxes with its
    /// hidden `__shown`, a yes/no as its radio, the base's two hidden fields, the button.
    static func posted(_ form: QuestionnaireForm, _ answers: FormAnswers, base: QuestionnaireForm.Base?, action: String) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = [("csrf", "t")]
        if let base { out += [("base_service", base.service), ("base", base.sha256)] }
        for f in form.fields {
            switch (f.kind, answers[f.name]) {
            case (.set, .members(let m)): out += [(f.name + ".__shown", "1")] + m.map { (f.name, $0) }
            case (.set, _): out += [(f.name + ".__shown", "1"), (f.name, "~unknown")]
            case (.bool, .unknown): out.append((f.name, "unknown"))
            default: out.append((f.name, answers.text(f.name)))
            }
        }
        out.append(("action", action))
        return out
    }

    /// The lines that differ between two texts of the same number of lines: (line number, old, new).
    static func changedLines(_ old: String, _ new: String) -> [(Int, String, String)]? {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false), b = new.split(separator: "\n", omittingEmptySubsequences: false)
        guard a.count == b.count else { return nil }
        var out: [(Int, String, String)] = []
        for i in a.indices where a[i] != b[i] { out.append((i + 1, String(a[i]), String(b[i]))) }
        return out
    }

    /// The prefilled form for Raidhall, as `GET /questionnaire?code=…&service=raidhall-chat` shows it.
    func prefilled() throws -> (QuestionnaireForm, Scratch, [UInt8], FormAnswers, QuestionnaireForm.Base) {
        let form = try ICU.form()
        let (scratch, bytes) = try Self.workspace()
        let start = form.newVersion(of: "raidhall-chat", bytes: bytes, file: Self.file, date: today)
        #expect(start.errors.isEmpty)
        let base = try #require(start.base)
        #expect(base == QuestionnaireForm.Base(service: "raidhall-chat", sha256: Self.sha))
        #expect(start.answers["risk.grooming"] == .text("medium") && start.answers["submission.date"] == .text("2026-11-29"))
        // The page carries the base in two hidden fields, never a path.
        let html = QuestionnaireView(form: form, answers: start.answers, action: "/q", csrf: "t", base: base).formHTML()
        #expect(html.contains("<input type=\"hidden\" name=\"base_service\" value=\"raidhall-chat\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"base\" value=\"\(Self.sha)\">"))
        #expect(!html.contains("Submissions/"))
        #expect(html.contains("<p class=\"q-notice\" id=\"new-version-of\">A new version of raidhall-chat: made from its latest submission with your changed answers; "
            + "its evidence, alternative measures, note and the facts not asked here are kept as they are.</p>"))
        #expect(!QuestionnaireView(form: form, answers: start.answers, action: "/q", csrf: "t").formHTML().contains("new-version-of"))
        return (form, scratch, bytes, start.answers, base)
    }

    @Test("one fact changed: the new version is the old text with that line and the date changed, and still claims its alternative")
    func oneFactChanged() throws {
        let (form, scratch, bytes, prefill, base) = try prefilled()
        var answers = prefill
        answers["risk.grooming"] = .text("high")
        let posted = form.read(posted: Self.posted(form, answers, base: base, action: "submit"))
        #expect(posted.errors.isEmpty && posted.base == base)
        let outcome = QuestionnairePost.handle(posted, form: form, workspace: scratch.path, existing: [.init(path: Self.file, service: "Raidhall")],
                                               today: today, draftID: nil, base: .init(path: Self.file, bytes: bytes))
        guard case .submitted(let destination) = outcome else {
            Issue.record("not submitted: \(outcome)")
            return
        }
        #expect(destination == SubmissionNaming.Destination(path: "Submissions/history/raidhall-chat-2026-11-29.yaml", stem: "raidhall-chat", isNewService: false))
        let written = try String(contentsOfFile: scratch.file(destination.path), encoding: .utf8)
        let changed = try #require(Self.changedLines(String(decoding: bytes, as: UTF8.self), written), "a line was added or lost")
        #expect(changed.map(\.0) == [11, 28])
        #expect(changed.map(\.2) == ["  date: 2026-11-29", "  grooming: high"])
        // Evidence, the alternative for ICU F1 and the note are all there: it assesses with the alternative still claimed.
        let code = try ICU.code()
        let loader = Loader()
        let s = try #require(loader.submission(scratch.file(destination.path), vocabulary: code.vocabulary), "\(loader.diagnostics)")
        #expect(s.evidence.count == 4 && s.alternatives.map(\.measureID) == ["ICU F1"] && s.note == "Fictional service, invented for safetycode's examples.")
        let f1 = try #require(Assessor(code: code).assess(s, asOf: today).results.first { $0.id == "ICU F1" })
        #expect(f1.status == .alternative && f1.alternative?.measureID == "ICU F1")
    }

    @Test("an answer changed to don't know becomes ~, a new answer is added to its group, a comment after a value stays")
    func unknownAndNew() throws {
        let (form, scratch, bytes, prefill, base) = try prefilled()
        var answers = prefill
        answers["risk.csea"] = .unknown
        answers["risk.fraud_financial_services"] = .text("high")
        answers["risk.image_based_csam"] = .text("low")
        let posted = form.read(posted: Self.posted(form, answers, base: base, action: "submit"))
        guard case .submitted(let destination) = QuestionnairePost.handle(posted, form: form, workspace: scratch.path, existing: [.init(path: Self.file, service: "Raidhall")],
                                                                          today: today, draftID: nil, base: .init(path: Self.file, bytes: bytes)) else {
            Issue.record("not submitted")
            return
        }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[10] = "  date: 2026-11-29"
        lines[26] = "  csea: ~"
        lines[38] = "  fraud_financial_services: high         # in-game item and account trading scams"
        lines.insert("  image_based_csam: low", at: 47)
        #expect(try String(contentsOfFile: scratch.file(destination.path), encoding: .utf8) == lines.joined(separator: "\n"))
    }

    @Test("a base changed on disk since the form was shown is refused, answers kept; submitting again starts from the file as it is")
    func staleBase() throws {
        let (form, scratch, bytes, prefill, base) = try prefilled()
        var answers = prefill
        answers["risk.grooming"] = .text("high")
        let edited = bytes + Array("# edited\n".utf8)
        scratch.write([Self.file: String(decoding: edited, as: UTF8.self)])
        let posted = form.read(posted: Self.posted(form, answers, base: base, action: "submit"))
        let existing: [SubmissionNaming.Existing] = [.init(path: Self.file, service: "Raidhall")]
        guard case .stale(let kept, let errors, let now) = QuestionnairePost.handle(posted, form: form, workspace: scratch.path, existing: existing, today: today,
                                                                                    draftID: nil, base: .init(path: Self.file, bytes: edited)) else {
            Issue.record("not refused")
            return
        }
        #expect(kept == posted.answers)
        #expect(errors.byField.isEmpty && errors.general.map(\.message).first?.hasPrefix(
            "the latest version of 'raidhall-chat' (Submissions/raidhall-chat.yaml) is not the one this questionnaire started from") == true)
        #expect(now == QuestionnaireForm.Base(service: "raidhall-chat", sha256: Self.editedSHA))
        #expect(scratch.files() == [Self.file], "nothing written")
        // Shown again: the explanation at the top, the answers as typed, the file's current SHA-256.
        let html = QuestionnaireView(form: form, answers: kept, errors: errors, action: "/q", csrf: "t", base: now).formHTML()
        #expect(html.contains("<div id=\"form-errors\" class=\"form-errors\" role=\"alert\">\n<p>Nothing was saved:</p>"))
        #expect(html.contains("<option value=\"high\" selected>high</option>") && html.contains("value=\"\(Self.editedSHA)\""))
        // Submitted again from that page: made from the edited file.
        let again = form.read(posted: Self.posted(form, answers, base: now, action: "submit"))
        guard case .submitted(let destination) = QuestionnairePost.handle(again, form: form, workspace: scratch.path, existing: existing, today: today,
                                                                          draftID: nil, base: .init(path: Self.file, bytes: edited)) else {
            Issue.record("not submitted")
            return
        }
        #expect(try String(contentsOfFile: scratch.file(destination.path), encoding: .utf8).hasSuffix("grooming classifier.\n# edited\n"))
        // A service no longer in the workspace: refused too, with no base to start from.
        guard case .stale(_, let gone, nil) = QuestionnairePost.handle(posted, form: form, workspace: scratch.path, existing: [], today: today,
                                                                       draftID: nil, base: nil) else {
            Issue.record("not refused")
            return
        }
        #expect(gone.general.map(\.message).first?.hasPrefix("the service 'raidhall-chat' this new version starts from is no longer in the workspace") == true)
    }

    @Test("a draft keeps its base across save and resume")
    func draftKeepsBase() throws {
        let (form, scratch, _, prefill, base) = try prefilled()
        var answers = prefill
        answers["risk.grooming"] = .text("high")
        let posted = form.read(posted: Self.posted(form, answers, base: base, action: "save"))
        guard case .draftSaved(let id) = QuestionnairePost.handle(posted, form: form, workspace: scratch.path, existing: [], today: today, draftID: nil) else {
            Issue.record("not saved")
            return
        }
        let text = try String(contentsOfFile: scratch.file("Drafts/\(id).yaml"), encoding: .utf8)
        #expect(text.contains("  saved: 2026-11-29\n  base: {service: \"raidhall-chat\", sha256: \"\(Self.sha)\"}\nanswers:\n"))
        let resumed = form.resume(draftAt: scratch.file("Drafts/\(id).yaml"))
        #expect(resumed.errors.isEmpty && resumed.base == base && resumed.answers == posted.answers)
        // Saved again from the resumed page: still the same base.
        let again = form.read(posted: Self.posted(form, resumed.answers, base: resumed.base, action: "save"))
        guard case .draftSaved(id) = QuestionnairePost.handle(again, form: form, workspace: scratch.path, existing: [], today: today, draftID: id) else {
            Issue.record("not saved again")
            return
        }
        #expect(form.resume(draftAt: scratch.file("Drafts/\(id).yaml")).base == base)
    }

    @Test("a set written as a block list is replaced up to its last item; the comment after it stays; an error is at its field")
    func blockList() throws {
        let form = try ICU.form()
        let base = "submission:\n  service: Kestrel\n  date: 2026-01-01\nservice:\n  functionalities:\n    - user_profiles\n    - hyperlinks\n"
            + "  # a comment after the list\n  uk_users: 100\n"
        let start = form.newVersion(of: "kestrel", bytes: Array(base.utf8), file: "Submissions/kestrel.yaml", date: today)
        #expect(start.answers["service.functionalities"] == .members(["user_profiles", "hyperlinks"]))
        var answers = start.answers
        answers["service.functionalities"] = .members(["user_profiles"])
        let check = form.check(answers, file: "new.yaml", base: Array(base.utf8), baseFile: "Submissions/kestrel.yaml")
        #expect(check.errors.isEmpty && check.submission != nil)
        #expect(check.text == "submission:\n  service: Kestrel\n  date: 2026-11-29\nservice:\n  functionalities:\n    [user_profiles]\n"
            + "  # a comment after the list\n  uk_users: 100\n")
        answers["service.uk_users"] = .text("-5")
        let bad = form.check(answers, file: "new.yaml", base: Array(base.utf8), baseFile: "Submissions/kestrel.yaml")
        #expect(bad.submission == nil && bad.errors.byField["service.uk_users"]?.map(\.message) == ["'service.uk_users' must be at least 0, not -5"])
    }

    @Test("a posted or saved base that is not a STEM and a SHA-256 is refused", arguments: [
        ([("base_service", "raidhall-chat")], "the form sent only one of 'base_service' and 'base' (the submission a new version starts from): nothing was saved"),
        ([("base_service", "../raidhall-chat"), ("base", sha)], "the service this new version starts from is not a service name the workbench gives: nothing was saved"),
        ([("base_service", "raidhall-chat"), ("base", "abc")], "the SHA-256 of the submission this new version starts from is not 64 hexadecimal digits: nothing was saved"),
    ])
    func badBase(_ fields: [(String, String)], _ message: String) throws {
        let form = try ICU.form()
        let posted = form.read(posted: fields.map { (name: $0.0, value: $0.1) } + [("submission.service", "X"), ("action", "submit")])
        #expect(posted.base == nil && posted.errors.general.map(\.message) == [message])
        let (draft, problems) = QuestionnaireDraft.decode(bytes: Array("draft:\n  codes: [a]\n  saved: 2026-11-29\n  base: {service: x, sha256: abc}\n".utf8), file: "d.yaml")
        #expect(draft == nil && problems.map(\.message) == ["the SHA-256 of the submission this new version starts from is not 64 hexadecimal digits"])
    }
}
