import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import SafetyCodeServer
import Testing
import TestSupport

/// Every submission of a service has its own assessment pages (issue 18): Raidhall's October
/// declaration (Submissions/raidhall-chat.yaml, report name `raidhall-chat`) and its March one
/// (Submissions/history/raidhall-chat-2027-03.yaml) share the service's address, and before, the
/// October one had no page: `/services/raidhall-chat/…` shows the latest.
@Suite("The workbench's pages for each version of a service")
struct VersionPageTests {
    static let october = "/services/raidhall-chat/versions/raidhall-chat/ofcom-icu-u2u@v1"
    static let march = "/services/raidhall-chat/versions/raidhall-chat-2027-03/ofcom-icu-u2u@v1"

    @Test("the service page lists each submission with a link to its own assessment under each code")
    func serviceLists() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/services/raidhall-chat", method: .get) { r in
                let page = text(r)
                #expect(page.contains("href=\"\(Self.october)\""))
                #expect(page.contains("href=\"\(Self.march)\""))
                #expect(page.contains("href=\"/services/raidhall-chat/versions/raidhall-chat/ofcom-pcu-u2u@v1\""))
                // The March file is the latest (1 March 2027 after 30 October 2026); its row says so.
                // (and, dated after the assessment date of 29 November 2026, that it is)
                #expect(page.contains("<tr><td>2027-03-01<div class=\"cellnote\">latest</div><div class=\"future-dated\" role=\"note\">dated after"))
                #expect(page.contains("<tr><td>2026-10-30</td>"))
                // The full code title is kept for the mouse, the link itself short.
                #expect(page.contains("title=\"Illegal content Codes of Practice for user-to-user services (ofcom-icu-u2u@v1)\">Illegal content v1</a>"))
            }
            try await client.execute(uri: "/services/raidhall-chat.json", method: .get) { r in
                let versions = try #require(try json(r)["versions"] as? [[String: Any]])
                let old = try #require(versions.first { $0["file"] as? String == "Submissions/raidhall-chat.yaml" })
                #expect(old["stem"] as? String == "raidhall-chat")
                #expect((old["assessments"] as? [String])?.contains(Self.october + ".json") == true)
            }
        }
    }

    @Test("the October submission's page shows its own figures (89% to 95%, its review applied), says it is not the latest and links to it")
    func octoberPage() async throws {
        // Reports/raidhall-chat/ofcom-icu-u2u@v1.md (assess Submissions/raidhall-chat.yaml with
        // Reviews/raidhall-chat.yaml): "at least 89%, at most 95%"; 73 of 82 weighted checks proven.
        // The latest (March) scores 96% with nothing undecided.
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.october, method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                #expect(page.contains("<span id=\"score-headline\">at least 89%, at most 95%"))
                #expect(page.contains("This assessment is of an earlier submission of Raidhall, of 30 October 2026 (<code>Submissions/raidhall-chat.yaml</code>), not the latest"))
                #expect(page.contains("latest submission is of 1 March 2027."))
                #expect(page.contains("<a id=\"latest-version\" href=\"/services/raidhall-chat/ofcom-icu-u2u@v1\">See the latest assessment</a>"))
                #expect(page.contains("Findings recorded here go to <code>Reviews/raidhall-chat.yaml</code>"))
                // Its forms post back to the page's own address, the version's (a fragment-only action).
                #expect(page.contains("action=\"#measure-icu-f1\""))
            }
            try await client.execute(uri: Self.october + ".json", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.assessment/1")
                #expect((j["submission"] as? [String: Any])?["file"] as? String == "Submissions/raidhall-chat.yaml")
                #expect((j["summary"] as? [String: Any])?["score"] as? Double == 0.8902)
            }
            // The latest's own pages say which submission they show.
            for uri in [Self.march, "/services/raidhall-chat/ofcom-icu-u2u@v1"] {
                try await client.execute(uri: uri, method: .get) { r in
                    let page = text(r)
                    #expect(page.contains("<span id=\"score-headline\">96%</span>"))
                    #expect(page.contains("latest submission, of 1 March 2027 (<code>Submissions/history/raidhall-chat-2027-03.yaml</code>)"))
                    #expect(!page.contains("id=\"latest-version\""))
                }
            }
        }
    }

    @Test("a finding on the October page goes to the October submission's review and redirects back there; the latest is untouched")
    func octoberFinding() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat.yaml")
        let march = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        let before = try String(contentsOfFile: review, encoding: .utf8)
        try await withWorkbench(ws) { client in
            let body = encode([("csrf", csrf), ("base", try sha256(review)), ("kind", "measure"), ("target", "ICU C1"), ("decision", "note"),
                               ("reason", "October's moderation policy checked."), ("reviewer", "C. Older"), ("expires", "")])
            try await client.execute(uri: Self.october, method: .post, headers: form, body: body) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == Self.october + "#measure-icu-c1")
            }
            let after = try String(contentsOfFile: review, encoding: .utf8)
            #expect(after.hasPrefix(before))
            #expect(after.dropFirst(before.count).hasPrefix("  - measure: \"ICU C1\"\n    decision: \"note\"\n"))
            #expect(!FileManager.default.fileExists(atPath: march))
            try await client.execute(uri: Self.october, method: .get) { r in #expect(text(r).contains("C. Older")) }
            try await client.execute(uri: "/services/raidhall-chat/ofcom-icu-u2u@v1", method: .get) { r in #expect(!text(r).contains("C. Older")) }
        }
    }

    @Test("a version the service does not have, or another service's submission, is a 404")
    func unknownVersion() async throws {
        let ws = exampleWorkspace()
        let glowtide = ws.file("Reviews/glowtide-live.yaml")
        try await withWorkbench(ws) { client in
            for uri in ["/services/raidhall-chat/versions/nope/ofcom-icu-u2u@v1", "/services/raidhall-chat/versions/glowtide-live/ofcom-icu-u2u@v1",
                        "/services/nobody/versions/raidhall-chat/ofcom-icu-u2u@v1", "/services/raidhall-chat/versions/raidhall-chat/no-code@v1"] {
                try await client.execute(uri: uri, method: .get) { r in #expect(r.status == .notFound, "\(uri)") }
            }
            try await client.execute(uri: "/services/raidhall-chat/versions/glowtide-live/ofcom-icu-u2u@v1", method: .post, headers: form,
                                     body: encode([("csrf", csrf), ("kind", "measure"), ("target", "ICU C1"), ("decision", "note"), ("reason", "x"), ("reviewer", "y")])) { r in
                #expect(r.status == .notFound)
            }
            #expect(!FileManager.default.fileExists(atPath: glowtide))
        }
    }
}

/// What the compare page says to a reader who is not at a terminal (issue 18).
@Suite("The workbench's compare page in words")
struct CompareWordsTests {
    @Test("the compare page names no command-line option, and its lens in the vocabulary's words, not its ids")
    func words() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            let q = "from=ofcom-icu-u2u@v2-2026-amendments&to=ofcom-icu-u2u@v2-additional-safety-measures&lens=child_sexual_abuse"
            try await client.execute(uri: "/compare?\(q)", method: .get) { r in
                let page = text(r)
                #expect(!page.contains("--as-if-in-force"))
                #expect(page.contains("a gap report made as if every measure were in force gives the score shown here"))
                // Vocabulary: lens child_sexual_abuse, "Child sexual abuse", harms csea, grooming,
                // image_based_csam, csam_urls, named by their risk questions ("What level of risk of
                // image-based child sexual abuse material (CSEA sub-kind) did …").
                #expect(page.contains("Only measures that address Child sexual abuse (child sexual exploitation and abuse; grooming; image-based child sexual abuse material; URLs to child sexual abuse material)."))
                #expect(!page.contains("image_based_csam") && !page.contains("csam_urls"))
            }
            try await client.execute(uri: "/compare.json?\(q)", method: .get) { r in
                let lens = try #require(try json(r)["lens"] as? [String: Any])
                #expect(lens["kinds"] as? [String] == ["csam_urls", "csea", "grooming", "image_based_csam"])
            }
        }
    }

    @Test("an assessment page with measures not yet in force names no command-line option either")
    func inForceNote() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            // The Additional Safety Measures proposals are not in force on 29 November 2026.
            try await client.execute(uri: "/services/raidhall-chat/ofcom-icu-u2u@v2-additional-safety-measures", method: .get) { r in
                let page = text(r)
                #expect(page.contains("a gap report made as if every measure were in force gives the comparison"))
                #expect(!page.contains("--as-if-in-force"))
            }
        }
    }

    @Test("a finding on a measure of another code of the workspace is not warned of on this code's page; one on a measure no code has is")
    func findingsOfOtherCodes() async throws {
        // Reviews/raidhall-chat.yaml has a finding on ICU F1, a measure of the illegal content code,
        // and the children's code (PCU) has no ICU F1: its page used to warn "[unknown-measure] … did you mean 'PCU F1'?".
        let ws = exampleWorkspace()
        let pcu = "/services/raidhall-chat/versions/raidhall-chat/ofcom-pcu-u2u@v1"
        try await withWorkbench(ws) { client in
            try await client.execute(uri: pcu, method: .get) { r in
                #expect(r.status == .ok)
                #expect(!text(r).contains("unknown-measure"))
            }
        }
        let review = ws.file("Reviews/raidhall-chat.yaml")
        let text0 = try String(contentsOfFile: review, encoding: .utf8)
        try (text0.replacingOccurrences(of: "  - measure: ICU F1\n", with: "  - measure: ICU Z99\n")).write(toFile: review, atomically: true, encoding: .utf8)
        try await withWorkbench(ws) { client in
            try await client.execute(uri: pcu, method: .get) { r in
                #expect(text(r).contains("[unknown-measure] a finding on &#39;ICU Z99&#39;") || text(r).contains("[unknown-measure] a finding on 'ICU Z99'"))
            }
        }
    }
}
