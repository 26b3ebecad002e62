import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafetyCodeCore
@testable import SafetyCodeServer
import Testing
import TestSupport

/// The text of the element whose opening tag holds `marker`, up to the first `end` after it.
func element(_ page: String, from marker: String, to end: String) -> String? {
    guard let start = page.range(of: marker), let stop = page.range(of: end, range: start.upperBound..<page.endIndex) else { return nil }
    return String(page[start.lowerBound..<stop.upperBound])
}

/// The workbench speaks to policy leads and campaigners in words (issue 18's trial): facts by
/// their questions, decisions only where they make sense, drafts that can be found again, and
/// dates that are flagged when they are after the assessment date.
@Suite("The workbench in a reader's words")
struct WorkbenchWordsTests {
    static let raidhall = "/services/raidhall-chat/ofcom-icu-u2u@v1"

    @Test("a fact's finding form is labelled by the vocabulary's question, its path small beside it; no page sends the reader to the SPEC")
    func factLabels() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.raidhall, method: .get) { r in
                let page = text(r)
                // The question as Codes/ofcom/vocabulary.yaml words it for controls.moderation.surge_capacity.
                let details = try #require(element(page, from: "<details class=\"finding\" id=\"fact-controls-moderation-surge-capacity\"", to: "</summary>"))
                #expect(details.contains("<summary>Can the moderation function increase its capacity to deal with surges in content or reports? "
                    + "<code class=\"fact-path\">controls.moderation.surge_capacity</code>"), "\(details)")
                #expect(!page.contains("SPEC"))
            }
        }
    }

    @Test("accepting or rejecting an alternative is offered only on a measure the submission claims an alternative for")
    func alternativeChoices() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.raidhall, method: .get) { r in
                let page = text(r)
                // Raidhall's latest submission (history/raidhall-chat-2027-03.yaml) claims an alternative for ICU F1 only.
                let f1 = try #require(element(page, from: "id=\"finding-measure-icu-f1\"", to: "</form>"))
                #expect(f1.contains("<option value=\"accept_alternative\">"))
                #expect(f1.contains("<option value=\"reject_alternative\">"))
                let c1 = try #require(element(page, from: "id=\"finding-measure-icu-c1\"", to: "</form>"))
                #expect(!c1.contains("alternative\""))
                #expect(c1.contains("<option value=\"not_evidenced\">"))
                #expect(c1.contains("<option value=\"note\">"))
            }
        }
    }

    @Test("a decision on an alternative posted for a measure with none claimed is refused at the decision field (422), and nothing is written")
    func alternativeRefused() async throws {
        let ws = exampleWorkspace()
        // Submissions/lumenwisp-video.yaml claims alternatives for ICU J2 and PCU J2, none for ICU C1.
        let path = ws.file("Reviews/lumenwisp-video.yaml")
        let before = try String(contentsOfFile: path, encoding: .utf8)
        try await withWorkbench(ws) { client in
            for decision in ["accept_alternative", "reject_alternative"] {
                let body = encode([("csrf", csrf), ("base", try sha256(path)), ("kind", "measure"), ("target", "ICU C1"), ("decision", decision),
                                   ("reason", "Looks fine."), ("reviewer", "B. Tester"), ("expires", "")])
                try await client.execute(uri: "/services/lumenwisp-video/ofcom-icu-u2u@v1", method: .post, headers: form, body: body) { r in
                    #expect(r.status == .unprocessableContent)
                    let page = text(r)
                    let error = try #require(element(page, from: "<p class=\"field-error\" id=\"error-decision\">", to: "</p>"))
                    #expect(error.contains("the submission claims no alternative measure for ICU C1"))
                    #expect(page.contains(">Looks fine.</textarea>"), "the typed reason is kept")
                }
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    @Test("saved drafts are listed where a questionnaire starts, and in its JSON; a submitted draft leaves Drafts/ and the list")
    func drafts() async throws {
        let ws = exampleWorkspace()
        let page = "/questionnaire?code=ofcom-icu-u2u@v1"
        let root = ws.path
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/questionnaire", method: .get) { r in
                #expect(text(r).contains("No saved draft"))
            }
            let save = encode([("csrf", csrf), ("action", "save"), ("submission.service", "Brambleway Chat"), ("service.uk_users", "120000")])
            let location = try await client.execute(uri: page, method: .post, headers: form, body: save) { r in r.headers[.location] ?? "" }
            let id = String(location.dropFirst("/questionnaire?code=ofcom-icu-u2u@v1&draft=".count))
            #expect(id.count == 32)
            for uri in ["/questionnaire", page] {
                try await client.execute(uri: uri, method: .get) { r in
                    let row = try #require(element(text(r), from: "<tr id=\"draft-\(id)\">", to: "</tr>"), "\(uri)")
                    // The code in words (its short title in Codes/), as the rest of the page names it.
                    #expect(row.contains("<td>Brambleway Chat</td><td>Illegal content v1</td><td>\(asOf.long)</td>"), "\(row)")
                    #expect(row.contains("<a href=\"/questionnaire?code=ofcom-icu-u2u@v1&amp;draft=\(id)\">Resume</a>"))
                }
            }
            try await client.execute(uri: "/questionnaire.json", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.drafts/1")
                let drafts = try #require(j["drafts"] as? [[String: Any]])
                #expect(drafts.count == 1)
                #expect(drafts.first?["service"] as? String == "Brambleway Chat")
                #expect(drafts.first?["saved"] as? String == "2026-11-29")
                #expect(drafts.first?["codes"] as? [String] == ["ofcom-icu-u2u@v1"])
                #expect(drafts.first?["href"] as? String == location)
            }
            let submit = encode([("csrf", csrf), ("action", "submit"), ("submission.service", "Brambleway Chat"), ("submission.date", "2026-11-29"),
                                 ("service.uk_users", "120000")])
            try await client.execute(uri: location, method: .post, headers: form, body: submit) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/services/brambleway-chat")
            }
            #expect(FileManager.default.fileExists(atPath: root + "/Submissions/brambleway-chat.yaml"))
            #expect(!FileManager.default.fileExists(atPath: root + "/Drafts/\(id).yaml"))
            try await client.execute(uri: "/questionnaire", method: .get) { r in
                #expect(!text(r).contains("draft-\(id)"))
                #expect(text(r).contains("No saved draft"))
            }
        }
    }

    @Test("a draft whose submission is refused stays in Drafts/")
    func refusedDraftStays() async throws {
        let ws = exampleWorkspace()
        let page = "/questionnaire?code=ofcom-icu-u2u@v1"
        let root = ws.path
        try await withWorkbench(ws) { client in
            let save = encode([("csrf", csrf), ("action", "save"), ("submission.service", "Brambleway Chat")])
            let location = try await client.execute(uri: page, method: .post, headers: form, body: save) { r in r.headers[.location] ?? "" }
            let id = String(location.dropFirst("/questionnaire?code=ofcom-icu-u2u@v1&draft=".count))
            let bad = encode([("csrf", csrf), ("action", "submit"), ("submission.service", "Brambleway Chat"), ("service.uk_users", "many")])
            try await client.execute(uri: location, method: .post, headers: form, body: bad) { r in
                #expect(r.status == .unprocessableContent)
            }
            #expect(FileManager.default.fileExists(atPath: root + "/Drafts/\(id).yaml"))
        }
    }

    @Test("a submission dated after the assessment date is flagged in words on the service page and its assessment page")
    func futureDated() async throws {
        let ws = exampleWorkspace()
        // Submissions/history/raidhall-chat-2027-03.yaml is dated 2027-03-01; the workbench assesses as of 2026-11-29.
        let note = "dated after the assessment date, 29 November 2026: a declaration of what is planned, or a wrong date; assessed as declared"
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/services/raidhall-chat", method: .get) { r in
                let row = try #require(element(text(r), from: "<tr><td>2027-03-01", to: "</tr>"))
                #expect(row.contains("<div class=\"future-dated\" role=\"note\">dated after the assessment date (29 November 2026): a plan or a wrong date, assessed as declared</div>"))
                let older = try #require(element(text(r), from: "<tr><td>2026-10-30", to: "</tr>"))
                #expect(!older.contains("future-dated"))
            }
            try await client.execute(uri: "/services/raidhall-chat/ofcom-icu-u2u@v1", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("<dd>1 March 2027 <strong id=\"future-dated\" class=\"future-dated\">(\(note))</strong></dd>"))
            }
            try await client.execute(uri: "/services/raidhall-chat/versions/raidhall-chat/ofcom-icu-u2u@v1", method: .get) { r in
                #expect(!text(r).contains("future-dated"))
            }
        }
    }
}
