import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// The workbench's questionnaire (issue 18): fields, posted answers, validation, drafts, naming.
enum ICU {
    static func code(_ file: String = "Codes/ofcom/illegal-content-u2u/v1.yaml") throws -> Code {
        let loader = Loader()
        return try #require(loader.code(packageRoot.appendingPathComponent(file).path), "\(loader.diagnostics)")
    }

    static func form() throws -> QuestionnaireForm { QuestionnaireForm(codes: [try code()]) }

    /// The leaf keys of a template's text as dotted paths, read line by line by indentation
    /// (comments and blank lines skipped): independent of the form's own code.
    static func templateKeys(_ text: String) -> [String] {
        var stack: [(indent: Int, key: String)] = []
        var leaves: [String] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.count - trimmed.count
            guard let colon = trimmed.firstIndex(of: ":") else { continue }
            let key = String(trimmed[..<colon])
            while let last = stack.last, last.indent >= indent { stack.removeLast() }
            let rest = trimmed[trimmed.index(after: colon)...].drop { $0 == " " }
            let path = (stack.map(\.key) + [key]).joined(separator: ".")
            if rest.isEmpty { stack.append((indent, key)) } else { leaves.append(path) }
        }
        return leaves
    }
}

@Suite("Questionnaire: the form")
struct QuestionnaireFieldTests {
    @Test("the form for ICU v1 asks exactly the facts `safetycode template` writes, in its order")
    func sameAsTemplate() throws {
        let code = try ICU.code()
        let form = QuestionnaireForm(codes: [code])
        let keys = ICU.templateKeys(SubmissionTemplate.make(for: code))
        // 115 `~` lines and the service's name in the template (counted with grep).
        #expect(keys.count == 116)
        #expect(form.fields.map(\.name) == keys)
        #expect(Array(form.fields.prefix(5).map(\.name)) == ["submission.service", "submission.provider", "submission.date",
                                                              "service.type", "service.uk_users"])
    }

    @Test("the form for two codes asks what their shared template asks; codes with two vocabularies are refused")
    func twoCodes() throws {
        let icu = try ICU.code(), pcu = try ICU.code("Codes/ofcom/protection-of-children-u2u/v1.yaml")
        let form = QuestionnaireForm(codes: [icu, pcu])
        #expect(form.fields.map(\.name) == ICU.templateKeys(SubmissionTemplate.make(for: [icu, pcu])))
        #expect(form.field("children_risk.pornography") != nil && form.field("risk.grooming") != nil)
        #expect(form.codeRefs == ["ofcom-icu-u2u@v1", "ofcom-pcu-u2u@v1"])
        #expect(QuestionnaireForm.sharedVocabularyProblem([icu, pcu]) == nil)
        #expect(QuestionnaireForm.sharedVocabularyProblem([]) == "no code given: a questionnaire needs at least one code")
    }

    @Test("each field has the kind, choices and bounds of its fact's type")
    func kinds() throws {
        let form = try ICU.form()
        let users = try #require(form.field("service.uk_users"))
        #expect(users.kind == .integer && users.minimum == 0 && users.maximum == nil && users.unit == "users")
        let type = try #require(form.field("service.type"))
        #expect(type.kind == .choice && type.choices == ["user-to-user", "search"])
        let grooming = try #require(form.field("risk.grooming"))
        #expect(grooming.kind == .choice && grooming.choices == ["negligible", "low", "medium", "high"] && grooming.group == "risk")
        let media = try #require(form.field("controls.csam_hash_matching.media"))
        #expect(media.kind == .set && media.choices == ["images", "video"] && media.group == "controls.csam_hash_matching")
        #expect(form.field("controls.csam_hash_matching.in_place")?.kind == .bool)
        #expect(form.field("submission.date")?.kind == .date)
        #expect(form.field("submission.service")?.required == true)
        #expect(form.field("service.principal_purpose") == nil, "ICU v1 does not ask it, so neither does its template")
    }

    @Test("slugs: lowercased, runs of other characters one dash, trimmed")
    func slugs() {
        #expect(Slug.of("service.uk_users") == "service-uk-users")
        #expect(Slug.of("ICU C1") == "icu-c1")
        #expect(Slug.of("--Raidhall  Chat!--") == "raidhall-chat")
        #expect(Slug.of("日本") == "")
    }
}

@Suite("Questionnaire: the HTML form")
struct QuestionnaireHTMLTests {
    func page(_ answers: FormAnswers = FormAnswers(), errors: FormErrors = FormErrors()) throws -> String {
        QuestionnaireView(form: try ICU.form(), answers: answers, errors: errors,
                          action: "/questionnaire?code=ofcom-icu-u2u@v1&draft=x", csrf: "tok\"en").formHTML()
    }

    @Test("the form carries the contract's names and ids for every kind of field")
    func contract() throws {
        let html = try page()
        #expect(html.hasPrefix("<form id=\"questionnaire\" class=\"questionnaire\" method=\"post\" action=\"/questionnaire?code=ofcom-icu-u2u@v1&amp;draft=x\" novalidate>"),
                "the server judges every answer, so its errors show at their fields in one way")
        #expect(html.contains("<input type=\"hidden\" name=\"csrf\" value=\"tok&quot;en\">"))
        #expect(html.contains("<input type=\"text\" id=\"field-submission-service\" name=\"submission.service\" value=\"\" required"))
        #expect(html.contains("<input type=\"date\" id=\"field-submission-date\" name=\"submission.date\" value=\"\""))
        #expect(html.contains("<input type=\"number\" id=\"field-service-uk-users\" name=\"service.uk_users\" value=\"\" min=\"0\" step=\"1\""))
        #expect(html.contains("<select id=\"field-risk-grooming\" name=\"risk.grooming\""))
        #expect(html.contains("<option value=\"\" selected>Don't know</option>\n<option value=\"negligible\">negligible</option>"))
        for value in ["yes", "no", "unknown"] {
            #expect(html.contains("<input type=\"radio\" id=\"field-controls-csam-hash-matching-in-place-\(value)\" name=\"controls.csam_hash_matching.in_place\" value=\"\(value)\""))
        }
        #expect(html.contains("value=\"unknown\" checked> Don&#39;t know"))
        #expect(html.contains("<input type=\"hidden\" name=\"controls.csam_hash_matching.media.__shown\" value=\"1\">"))
        #expect(html.contains("<input type=\"checkbox\" id=\"field-controls-csam-hash-matching-media-images\" name=\"controls.csam_hash_matching.media\" value=\"images\">"))
        #expect(html.contains("<input type=\"checkbox\" id=\"field-controls-csam-hash-matching-media-unknown\" name=\"controls.csam_hash_matching.media\" value=\"~unknown\" checked>"))
        #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"save\" id=\"save-draft\">"))
        #expect(html.contains("<button type=\"submit\" name=\"action\" value=\"submit\" id=\"submit-questionnaire\">"))
        #expect(html.contains("<fieldset class=\"q-group\" id=\"group-controls-csam-hash-matching\">\n<legend>Csam hash matching</legend>"))
        #expect(!html.contains("<script") && !html.contains("style="))
        // As in the template, who asks is said only for a fact no measure reads.
        #expect(!html.contains("Asked by ofcom-icu-u2u"))
        #expect(html.contains("<p class=\"q-asked\">Asked by the risk profile"))
    }

    @Test("every element id is unique, and every label points at an element that exists")
    func uniqueIDs() throws {
        let html = try page()
        let ids = matches(html, #" id="([^"]*)""#)
        #expect(ids.count == Set(ids).count, "\(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys)")
        let targets = matches(html, #" for="([^"]*)""#)
        #expect(!targets.isEmpty && targets.allSatisfy(Set(ids).contains))
    }

    @Test("every code's form has unique element ids", arguments: [
        "Codes/ofcom/illegal-content-u2u/v2-additional-safety-measures.yaml",
        "Codes/ofcom/protection-of-children-u2u/v2-additional-safety-measures.yaml",
        "Codes/campaigners/child-safety-asks.yaml",
    ])
    func uniqueIDsEveryCode(_ file: String) throws {
        let html = QuestionnaireView(form: QuestionnaireForm(codes: [try ICU.code(file)]), answers: FormAnswers(), action: "/q", csrf: "t").formHTML()
        let ids = matches(html, #" id="([^"]*)""#)
        #expect(ids.count > 100 && ids.count == Set(ids).count)
    }

    @Test("answers show as chosen, and an error shows at its field's id")
    func answersAndErrors() throws {
        var answers = FormAnswers()
        answers["risk.grooming"] = .text("high")
        answers["controls.csam_hash_matching.in_place"] = .text("no")
        answers["controls.csam_hash_matching.media"] = .members(["video"])
        answers["service.uk_users"] = .text("-5")
        var errors = FormErrors()
        errors.add(.error(.badValue, "'service.uk_users' must be at least 0, not -5", at: nil), field: "service.uk_users")
        errors.add(.error(.unknownKey, "the form has no field 'x'", at: nil), field: nil)
        let html = try page(answers, errors: errors)
        #expect(html.contains("<option value=\"high\" selected>high</option>"))
        #expect(html.contains("value=\"no\" checked> No"))
        #expect(html.contains("name=\"controls.csam_hash_matching.media\" value=\"video\" checked>"))
        #expect(html.contains("value=\"~unknown\">"), "don't know is no longer ticked")
        #expect(html.contains("name=\"service.uk_users\" value=\"-5\" min=\"0\" step=\"1\" aria-describedby=\"help-field-service-uk-users error-field-service-uk-users\" aria-invalid=\"true\">"))
        #expect(html.contains("<p class=\"field-error\" id=\"error-field-service-uk-users\"><span class=\"q-error\">&#39;service.uk_users&#39; must be at least 0, not -5</span>"))
        #expect(html.contains("<div id=\"form-errors\" class=\"form-errors\" role=\"alert\">\n<p>Nothing was saved:</p>"))
    }

    @Test("hostile answers are escaped in the page and come back exactly as typed")
    func hostileEscaped() throws {
        var answers = FormAnswers()
        let hostile = "\"><script>alert(1)</script>\u{202E}&amp;"
        answers["submission.service"] = .text(hostile)
        let html = try page(answers)
        #expect(!html.contains("<script>"))
        #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#x202E;&amp;amp;\""),
                "the bidi control stays in the value (as a character reference), so the browser posts back what was typed")
    }

    @Test("the whole page links its stylesheet and has no inline style or script")
    func wholePage() throws {
        let html = QuestionnaireView(form: try ICU.form(), answers: FormAnswers(), action: "/questionnaire?code=ofcom-icu-u2u@v1", csrf: "t",
                                     notice: "Draft saved.").html()
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"))
        #expect(html.contains("<p class=\"q-notice\" role=\"status\">Draft saved.</p>"))
        #expect(html.contains("<form id=\"questionnaire\""))
        #expect(!html.contains("<style") && !html.contains("<script") && !html.contains(" style="))
        #expect(QuestionnaireView.workbenchStylesheet.contains(".field-error {"))
    }

    func matches(_ text: String, _ pattern: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            Range(m.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
