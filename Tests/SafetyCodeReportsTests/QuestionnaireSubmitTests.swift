import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

@Suite("Questionnaire: posted answers become a submission")
struct QuestionnaireSubmitTests {
    /// What a browser posts for a filled form: sets as repeated names, with their hidden `__shown`.
    static let posted: [(name: String, value: String)] = [
        ("csrf", "abc"),
        ("submission.service", "Kestrel Chat"),
        ("submission.provider", "Kestrel Ltd"),
        ("submission.date", "2026-11-29"),
        ("service.type", "user-to-user"),
        ("service.uk_users", "8400000"),
        ("service.likely_accessed_by_children", "yes"),
        ("service.file_storage_or_sharing", "no"),
        ("service.category", ""),
        ("service.age_assurance", "self_declaration"),
        ("service.functionalities.__shown", "1"),
        ("service.functionalities", "user_profiles"),
        ("service.functionalities", "user_connections"),
        ("service.functionalities", "direct_messaging"),
        ("service.functionalities", "~unknown"),
        ("service.kinds.__shown", "1"),
        ("service.kinds", "~unknown"),
        ("risk.csea", "medium"),
        ("risk.grooming", "high"),
        ("risk.terrorism", "low"),
        ("risk.hate", ""),
        ("controls.governance.accountable_individual_named", "yes"),
        ("controls.csam_hash_matching.in_place", "yes"),
        ("controls.csam_hash_matching.perceptual", "unknown"),
        ("controls.csam_hash_matching.media.__shown", "1"),
        ("controls.csam_hash_matching.media", "images"),
        ("controls.csam_url_matching.matches_removed", "no"),
        ("controls.complaints.content_complaints_accepted", "yes"),
        ("action", "submit"),
    ]

    /// The same answers, written by hand.
    static let handWritten = """
        submission:
          service: Kestrel Chat
          provider: Kestrel Ltd
          date: 2026-11-29
        service:
          type: user-to-user
          uk_users: 8400000
          likely_accessed_by_children: true
          file_storage_or_sharing: false
          age_assurance: self_declaration
          functionalities: [user_profiles, user_connections, direct_messaging]
        risk:
          csea: medium
          grooming: high
          terrorism: low
        controls:
          governance:
            accountable_individual_named: true
          csam_hash_matching:
            in_place: true
            media: [images]
          csam_url_matching:
            matches_removed: false
          complaints:
            content_complaints_accepted: true

        """

    @Test("a filled form decodes and assesses exactly as the same answers written by hand")
    func sameAsHandWritten() throws {
        let code = try ICU.code()
        let form = QuestionnaireForm(codes: [code])
        let read = form.read(posted: Self.posted)
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.action == .submit && read.csrf == "abc")
        #expect(read.answers["service.functionalities"] == .members(["user_profiles", "user_connections", "direct_messaging"]),
                "ticked members win over a still-ticked don't know")
        #expect(read.answers["service.kinds"] == .unknown && read.answers["risk.hate"] == .unknown)
        #expect(read.answers["controls.csam_hash_matching.perceptual"] == .unknown)
        let check = form.check(read.answers, file: "Submissions/kestrel-chat.yaml")
        #expect(!check.errors.hasErrors, "\(check.errors)")
        let made = try #require(check.submission)
        let scratch = Scratch()
        scratch.write(["hand.yaml": Self.handWritten])
        let loader = Loader()
        let hand = try #require(loader.submission(scratch.file("hand.yaml"), vocabulary: code.vocabulary), "\(loader.diagnostics)")
        #expect(made.service == "Kestrel Chat" && made.provider == "Kestrel Ltd" && made.date == Day("2026-11-29"))
        #expect(made.facts == hand.facts)
        let day = Day("2026-11-29")!
        let a = Assessor(code: code).assess(made, asOf: day), b = Assessor(code: code).assess(hand, asOf: day)
        #expect(a.results.map(\.status) == b.results.map(\.status))
        #expect(a.results.map(\.score) == b.results.map(\.score))
        // The form's text is what gets written: it reads back to the same facts.
        let again = SubmissionReader.parse(bytes: Array(check.text.utf8), file: "again.yaml")
        let (s2, _) = SubmissionReader.decode(try #require(again.document), vocabulary: code.vocabulary)
        #expect(s2?.facts == hand.facts)
    }

    @Test("a set with no box ticked is the empty set only when its boxes were shown and don't know is not ticked")
    func emptySet() throws {
        let form = try ICU.form()
        let name = "controls.csam_hash_matching.media"
        #expect(form.read(posted: [(name + ".__shown", "1")]).answers[name] == .members([]))
        #expect(form.read(posted: []).answers[name] == .unknown)
        #expect(form.read(posted: [(name + ".__shown", "1"), (name, "~unknown")]).answers[name] == .unknown)
        let check = form.check(form.read(posted: [("submission.service", "X"), (name + ".__shown", "1")]).answers, file: "x.yaml")
        #expect(check.text.contains("    media: []\n"))
        #expect(check.submission?.facts[try #require(form.field(name)?.fact?.slot)] == .set(0))
    }

    @Test("a value out of range or not in the list gets the decoder's error at its field")
    func badValues() throws {
        let form = try ICU.form()
        let read = form.read(posted: [("submission.service", "X"), ("service.uk_users", "-5"), ("risk.grooming", "extreme"),
                                      ("controls.csam_hash_matching.media", "audio"), ("service.likely_accessed_by_children", "maybe"),
                                      ("submission.date", "2026-02-30")])
        #expect(read.errors.isEmpty)
        let check = form.check(read.answers, file: "Submissions/x.yaml")
        #expect(check.submission == nil)
        func messages(_ name: String) -> [String] { check.errors.byField[name]?.map(\.message) ?? [] }
        #expect(messages("service.uk_users") == ["'service.uk_users' must be at least 0, not -5"])
        #expect(messages("risk.grooming") == ["'risk.grooming' must be one of negligible, low, medium, high, not 'extreme'"])
        #expect(messages("controls.csam_hash_matching.media") == ["'audio' is not one of the values of 'controls.csam_hash_matching.media'"])
        #expect(messages("service.likely_accessed_by_children") == ["'service.likely_accessed_by_children' must be true or false, not the text \"maybe\""])
        #expect(messages("submission.date") == ["'date' must be a date written YYYY-MM-DD, not '2026-02-30' (February 2026 has 28 days)"])
        #expect(check.errors.general.isEmpty)
        // The page shows it where the contract says.
        let html = QuestionnaireView(form: form, answers: read.answers, errors: check.errors, action: "/q", csrf: "t").formHTML()
        #expect(html.contains("<p class=\"field-error\" id=\"error-field-service-uk-users\"><span class=\"q-error\">&#39;service.uk_users&#39; must be at least 0, not -5</span>"))
        #expect(html.contains("<p class=\"field-error\" id=\"error-field-risk-grooming\">"))
        #expect(html.contains("<option value=\"extreme\" selected>extreme (not one of the choices)</option>"), "kept, to be corrected")
    }

    @Test("a missing service name is the decoder's error at the name's field")
    func missingName() throws {
        let form = try ICU.form()
        let empty = form.check(form.read(posted: [("submission.service", "")]).answers, file: "x.yaml")
        #expect(empty.errors.byField["submission.service"]?.map(\.message) == ["'submission' is missing the required key 'service'"])
    }

    @Test("an unknown field name is refused, never dropped; a single field sent twice is an error at it")
    func unknownNames() throws {
        let form = try ICU.form()
        let read = form.read(posted: [("submission.service", "X"), ("service.uk_user", "5"), ("../../etc/passwd", "x"),
                                      ("risk.grooming", "low"), ("risk.grooming", "high"), ("action", "delete")])
        #expect(read.errors.hasErrors)
        #expect(read.errors.general.map(\.message) == [
            "the form has no field 'service.uk_user'; did you mean 'service.uk_users'?: nothing was saved",
            "the form has no field '../../etc/passwd': nothing was saved",
            "the form sent an unknown button 'delete'",
        ])
        #expect(read.errors.byField["risk.grooming"]?.map(\.message) == ["'risk.grooming' was sent 2 times; it takes one answer"])
        #expect(read.action == nil)
    }

    @Test("hostile text round-trips exactly through the submission's YAML", arguments: [
        "Chatter: box # not a comment",
        "two\nlines\r\nand a tab\t",
        "\"quoted\" and 'single' and \\backslash\\",
        "bidi \u{202E}reversed\u{202C} and zero\u{200B}width",
        "- [not, a, list] {nor: a map} &anchor *alias !tag %directive @ `",
        "~",
        "null",
        "yes",
        "  leading and trailing spaces  ",
        "line sep\u{2028}para sep\u{2029}bom\u{FEFF}",
        "emoji 👩‍👩‍👧 and accents é",
        String(repeating: "é", count: 300),
    ])
    func hostile(_ name: String) throws {
        let form = try ICU.form()
        let check = form.check(form.read(posted: [("submission.service", name), ("submission.provider", name)]).answers, file: "x.yaml")
        let s = try #require(check.submission, "\(check.errors)")
        #expect(s.service == name)
        #expect(s.provider == name)
        let plain = form.check(form.read(posted: [("submission.service", "X"), ("submission.provider", "X")]).answers, file: "x.yaml")
        #expect(check.text.split(separator: "\n", omittingEmptySubsequences: false).count
                == plain.text.split(separator: "\n", omittingEmptySubsequences: false).count, "every answer on its own line")
    }

    @Test("control characters the CLI refuses in a file are refused at their field, with the CLI's words", arguments: [
        ("nul\u{0}", "U+0000"), ("del\u{7F}", "U+007F"), ("bell\u{7}", "U+0007"), ("next line\u{85}", "U+0085"), ("not a character \u{FFFE}", "U+FFFE"),
    ])
    func refused(_ name: String, _ scalar: String) throws {
        let form = try ICU.form()
        let check = form.check(form.read(posted: [("submission.service", "X"), ("submission.provider", name)]).answers, file: "x.yaml")
        #expect(check.submission == nil)
        #expect(check.errors.general.isEmpty)
        #expect(check.errors.byField["submission.provider"]?.map(\.message) == ["control character \(scalar) in a value"])
        #expect(check.errors.byField["submission.service"] == nil)
    }

    @Test("a service name of 10,000 characters is refused at its field by the decoder's own limit")
    func longName() throws {
        let form = try ICU.form()
        let long = String(repeating: "a", count: 10_000)
        let check = form.check(form.read(posted: [("submission.service", long)]).answers, file: "x.yaml")
        #expect(check.submission == nil)
        #expect(check.errors.byField["submission.service"]?.map(\.message) == ["'service' is 10,000 characters long; the limit is 300"])
    }

    @Test("numbers are written plain only when they are digits; anything else is quoted and refused by the decoder")
    func numbersPlain() throws {
        let form = try ICU.form()
        for (typed, message) in [("1e3", "'service.uk_users' must be a whole number, not the text \"1e3\""),
                                 ("0x10", "'service.uk_users' must be a whole number, not the text \"0x10\""),
                                 ("12 # comment", "'service.uk_users' must be a whole number, not the text \"12 # comment\""),
                                 ("99999999999999999999", "'service.uk_users' must be a whole number, not '99999999999999999999'")] {
            let check = form.check(form.read(posted: [("submission.service", "X"), ("service.uk_users", typed)]).answers, file: "x.yaml")
            #expect(check.errors.byField["service.uk_users"]?.map(\.message) == [message], "\(typed)")
        }
        let ok = form.check(form.read(posted: [("submission.service", "X"), ("service.uk_users", " 700000 ")]).answers, file: "x.yaml")
        #expect(ok.submission?.facts[try #require(form.field("service.uk_users")?.fact?.slot)] == .integer(700_000))
    }

    @Test("a submission's answers prefill the form, and the form gives back the same facts the code reads")
    func prefill() throws {
        let code = try ICU.code()
        let form = QuestionnaireForm(codes: [code])
        let loader = Loader()
        let s = try #require(loader.submission(packageRoot.appendingPathComponent("Submissions/glowtide-live.yaml").path, vocabulary: code.vocabulary))
        let answers = form.answers(from: s, date: Day("2026-12-01"))
        #expect(answers["submission.service"] == .text(s.service))
        #expect(answers["submission.date"] == .text("2026-12-01"))
        let check = form.check(answers, file: "x.yaml")
        let made = try #require(check.submission, "\(check.errors)")
        for slot in code.factsUsed { #expect(made.facts[slot] == s.facts[slot], "\(code.vocabulary.facts[slot].path)") }
        let day = Day("2026-11-29")!
        #expect(Assessor(code: code).assess(made, asOf: day).results.map(\.status) == Assessor(code: code).assess(s, asOf: day).results.map(\.status))
    }

    @Test("the JSON carries each field's id, kind, answer and problems")
    func json() throws {
        let form = try ICU.form()
        var answers = FormAnswers()
        answers["service.functionalities"] = .members(["user_profiles"])
        answers["service.uk_users"] = .text("-5")
        var errors = FormErrors()
        errors.add(.error(.badValue, "'service.uk_users' must be at least 0, not -5", at: nil), field: "service.uk_users")
        let text = QuestionnaireView(form: form, answers: answers, errors: errors, action: "/q", csrf: "t").json().serialized()
        #expect(text.hasPrefix("{\n  \"format\": \"safetycode.questionnaire/1\",\n  \"codes\": [\"ofcom-icu-u2u@v1\"],"))
        #expect(text.contains("\"name\": \"service.uk_users\",\n      \"id\": \"field-service-uk-users\",\n      \"kind\": \"integer\""))
        #expect(text.contains("\"answer\": \"-5\",\n      \"problems\": [\n        {\n          \"severity\": \"error\",\n          \"code\": \"bad-value\""))
        #expect(text.contains("\"answer\": [\"user_profiles\"]"))
        #expect(!text.contains("csrf") && !text.contains("\"t\""), "the token is not data")
    }

    @Test("the written submission is one the CLI's lint finds clean, and the file is created where the naming says")
    func lintClean() throws {
        let code = try ICU.code()
        let form = QuestionnaireForm(codes: [code])
        let check = form.check(form.read(posted: Self.posted).answers, file: "Submissions/kestrel-chat.yaml")
        #expect(check.submission != nil)
        let scratch = Scratch()
        scratch.write(["Submissions/raidhall-chat.yaml": "submission: {service: Raidhall}\n"])
        let place = SubmissionNaming.destination(service: "Kestrel Chat", date: Day("2026-11-29")!,
                                                 existing: [.init(path: "Submissions/raidhall-chat.yaml", service: "Raidhall")])
        #expect(place.path == "Submissions/kestrel-chat.yaml")
        try ReportFile.create(check.text, at: scratch.file(place.path))
        let report = Lint.run(paths: [scratch.file(place.path)], vocabulary: packageRoot.appendingPathComponent("Codes/ofcom/vocabulary.yaml").path)
        #expect(report.errors == 0 && report.warnings == 0, "\(report.rendered)")
    }
}
