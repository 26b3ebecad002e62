import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafetyCodeCore
@testable import SafetyCodeServer
import Testing
import TestSupport

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// The browser session the test client holds (its cookie), the secret of the test server's
/// sessions, and that session's CSRF token: the first 32 hex digits (128 bits) of HMAC-SHA256 of
/// the session id under the secret, worked out with `printf %s SESSION | openssl dgst -sha256 -hmac workbench-test-secret`.
let session = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
let sessionSecret = "workbench-test-secret"
let csrf = "8e96a019779845d2e0f98614c0d3002a"
/// The date the committed reports are made as of (Scripts/demo.sh), so their figures are the oracle.
let asOf = Day(year: 2026, month: 11, day: 29)!
let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

/// A copy of the repository's example workspace (Codes, Submissions, Reviews) in a scratch folder.
/// Moves the workspace file `relative` out to a folder of its own and puts a symbolic link to it
/// in its place (as a user replacing a file by a link would); the folder is returned, to be kept
/// alive while the link is used.
func replaceWithLink(_ ws: Scratch, _ relative: String) throws -> Scratch {
    let outside = Scratch()
    let name = (relative as NSString).lastPathComponent
    try FileManager.default.moveItem(atPath: ws.file(relative), toPath: outside.file(name))
    try FileManager.default.createSymbolicLink(atPath: ws.file(relative), withDestinationPath: outside.file(name))
    return outside
}

func exampleWorkspace() -> Scratch {
    let s = Scratch()
    for folder in ["Codes", "Submissions", "Reviews"] {
        try! FileManager.default.copyItem(at: packageRoot.appendingPathComponent(folder), to: s.url.appendingPathComponent(folder))
    }
    return s
}

/// Runs `body` against the workbench over `workspace`, in process, with a client that acts as a
/// browser holding the session ``session``.
func withWorkbench(_ workspace: Scratch, token: String? = nil, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    // Without inotify: tests start many workbenches at once, and a user has 128 inotify instances
    // (WorkspaceWatchTests tests the watcher itself, and the process test the served command).
    let app = Application(router: Workbench.router(.init(workspace: workspace.path, token: token, asOf: asOf, sessionSecret: sessionSecret, watch: false)))
    try await app.test(.router) { client in try await body(SessionClient(client: client)) }
}

/// A test client that sends the cookie of the browser session ``session`` with every request,
/// unless the request gives its own `Cookie`.
struct SessionClient: TestClientProtocol {
    let client: any TestClientProtocol

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if headers[.cookie] == nil { headers[.cookie] = "safetycode_session=\(session)" }
        return try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }

    var port: Int? { client.port }
}

func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// A form body, percent-encoded.
func encode(_ fields: [(String, String)]) -> ByteBuffer {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
}

func json(_ r: TestResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text(r).utf8)) as? [String: Any])
}

/// How many times `needle` occurs in `haystack`.
func count(_ needle: String, in haystack: String) -> Int { haystack.components(separatedBy: needle).count - 1 }

@Suite("The workbench's pages")
struct WorkbenchPageTests {
    @Test("/healthz says ok, and the style sheet is served as CSS")
    func health() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r) == "ok\n")
            }
            try await client.execute(uri: "/static/app.css", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType]?.hasPrefix("text/css") == true)
                #expect(text(r).contains(".gap {"))
            }
        }
    }

    @Test("every page carries the security headers of SPEC section 11, a 404 included")
    func headers() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            for uri in ["/", "/services/nobody", "/no/such/page"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                    #expect(r.headers[.xContentTypeOptions] == "nosniff")
                    #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                    #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                    #expect(!text(r).contains("style=\""), "no inline style: the CSP forbids it")
                    #expect(!text(r).contains("<script"))
                }
            }
        }
    }

    @Test("a method a page does not take is answered 405 with Allow listing what it takes; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let ws = exampleWorkspace()
        let target = "/services/raidhall-chat/ofcom-icu-u2u@v1"
        let pages: [(String, String)] = [
            ("/", "GET, HEAD"), ("/services/raidhall-chat", "GET, HEAD"), ("/compare", "GET, HEAD"), ("/healthz", "GET, HEAD"),
            (target, "GET, HEAD, POST"), ("/questionnaire", "GET, HEAD, POST"),
            ("/services/raidhall-chat/versions/raidhall-chat/ofcom-icu-u2u@v1", "GET, HEAD, POST"),
        ]
        try await withWorkbench(ws) { client in
            for (uri, allow) in pages {
                for method in [HTTPRequest.Method.put, .delete, .patch, .options] {
                    try await client.execute(uri: uri, method: method, headers: form, body: ByteBuffer(string: "csrf=\(csrf)")) { r in
                        #expect(r.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(r.headers[.allow] == allow, "\(method) \(uri)")
                        #expect(r.headers[.contentSecurityPolicy] != nil)
                    }
                }
            }
            // A POST to a page that takes none, with a good token: 405, not a 404.
            try await client.execute(uri: "/services/raidhall-chat", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)")) { r in
                #expect(r.status == .methodNotAllowed)
                #expect(r.headers[.allow] == "GET, HEAD")
            }
            for method in [HTTPRequest.Method.get, .put, .delete] {
                try await client.execute(uri: "/no/such/page", method: method) { r in #expect(r.status == .notFound, "\(method)") }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: ws.file("Reviews/raidhall-chat-2027-03.yaml")))
    }

    @Test("HEAD answers every page with its GET's status and headers and no body")
    func head() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            for (uri, type) in [("/", "text/html"), ("/services/raidhall-chat", "text/html"), ("/services/raidhall-chat/ofcom-icu-u2u@v1.json", "application/json"),
                                ("/healthz", "text/plain"), ("/static/app.css", "text/css"), ("/compare?from=ofcom-icu-u2u@v1&to=ofcom-icu-u2u@v2-2026-amendments", "text/html")] {
                let length = try await client.execute(uri: uri, method: .get) { r in r.body.readableBytes }
                try await client.execute(uri: uri, method: .head) { r in
                    #expect(r.status == .ok, "HEAD \(uri)")
                    #expect(r.headers[.contentType]?.hasPrefix(type) == true, "HEAD \(uri)")
                    #expect(r.headers[.contentLength] == String(length), "HEAD \(uri)")
                    #expect(r.headers[.contentSecurityPolicy] != nil)
                    #expect(r.body.readableBytes == 0)
                }
            }
            try await client.execute(uri: "/services/no-such-service", method: .head) { r in
                #expect(r.status == .notFound)
                #expect(r.body.readableBytes == 0)
            }
        }
    }

    @Test("the portfolio lists the nine example services, Raidhall's two submissions as one service")
    func portfolio() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                #expect(page.contains("<table id=\"portfolio\">"))
                #expect(count("<tr id=\"service-", in: page) == 9)
                #expect(page.contains("<tr id=\"service-raidhall-chat\"><td><a href=\"/services/raidhall-chat\"><strong>Raidhall</strong></a>"))
                // Raidhall's latest submission is dated 1 March 2027 (Submissions/history/raidhall-chat-2027-03.yaml).
                // It is after the assessment date, and says so (trial finding); Glowtide's of 12
                // November 2026 is not.
                #expect(page.contains("<td>2027-03-01<div class=\"future-dated\" role=\"note\">after the assessment date</div><div class=\"cellnote\">2 submissions</div></td>"))
                #expect(page.contains("<td>2026-11-12<div class=\"cellnote\">1 submission</div></td>"))
                // 96% under ICU v1, as the committed history report says.
                #expect(page.contains("<a href=\"/services/raidhall-chat/ofcom-icu-u2u@v1\">96%</a>"))
                #expect(page.contains("id=\"portfolio-filter\""))
                for name in ["lens", "severity", "code"] { #expect(page.contains("<select name=\"\(name)\">")) }
            }
        }
    }

    @Test("the portfolio filters by code and by severity, and its JSON has the same figures")
    func portfolioFilters() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/?code=ofcom-icu-u2u@v1", method: .get) { r in
                let page = text(r)
                #expect(page.contains("<abbr title=\"Illegal content Codes of Practice for user-to-user services (ofcom-icu-u2u@v1)\">Illegal content v1</abbr>"))
                #expect(!page.contains("(ofcom-pcu-u2u@v1)\">"))
            }
            try await client.execute(uri: "/index.json?code=ofcom-icu-u2u@v1", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.portfolio/1")
                let services = try #require(j["services"] as? [[String: Any]])
                #expect(services.count == 9)
                let raidhall = try #require(services.first { $0["stem"] as? String == "raidhall-chat" })
                #expect(raidhall["last_submission"] as? String == "2027-03-01")
                let cell = try #require((raidhall["codes"] as? [[String: Any]])?.first)
                #expect(cell["code"] as? String == "ofcom-icu-u2u@v1")
                #expect(((cell["score"] as? Double ?? 0) * 100).rounded() == 96)
                #expect(cell["critical_gaps"] as? Int == 0)
                // Glowtide's low grooming risk is challenged (its committed report: "1 declared level is below
                // what the risk guidance indicates"), counted without the whole risk review.
                let glowtide = try #require(services.first { $0["stem"] as? String == "glowtide-live" })
                #expect((glowtide["codes"] as? [[String: Any]])?.first?["risk_challenges"] as? Int == 1)
            }
            // Whisperlark has a critical gap under ICU v1 (ICU C10, not met: its committed report).
            try await client.execute(uri: "/?code=ofcom-icu-u2u@v1&severity=critical", method: .get) { r in
                let page = text(r)
                #expect(page.contains("id=\"service-whisperlark-messenger\""))
                #expect(!page.contains("id=\"service-raidhall-chat\""))
            }
        }
    }

    @Test("a service's page: its name, an assessment link per code, both submissions, the new-version link; its JSON holds the histories")
    func service() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/services/raidhall-chat", method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                #expect(page.contains("<h1>Raidhall</h1>"))
                #expect(page.contains("href=\"/services/raidhall-chat/ofcom-icu-u2u@v1\""))
                #expect(page.contains("href=\"/services/raidhall-chat/ofcom-pcu-u2u@v1\""))
                #expect(page.contains("<code>Submissions/raidhall-chat.yaml</code>"))
                #expect(page.contains("<code>Submissions/history/raidhall-chat-2027-03.yaml</code>"))
                #expect(page.contains("id=\"new-version\""))
                #expect(page.contains("&amp;service=raidhall-chat"))
                // Codes named in words, as the portfolio names them, never by id (trial finding).
                #expect(page.contains("History under Illegal content v1"))
                #expect(page.contains(">Illegal content, 2025 proposals</a>"))
                #expect(!page.contains(">ofcom-icu-u2u v2-additional-safety-measures</a>"))
                // A proposal's row says its score counts only what is in force, which the portfolio
                // scores as if in force (trial finding: the two figures differed unexplained); the
                // code in force, all of whose measures are in force, says nothing of it.
                let rows = page.components(separatedBy: "<tr>")
                let proposals = try #require(rows.first { $0.contains(">Illegal content, 2025 proposals</a>") })
                #expect(proposals.contains("not yet in force (the portfolio scores this code as if they were)"))
                let inForce = try #require(rows.first { $0.contains(">Illegal content v1</a>") })
                #expect(!inForce.contains("Counts only"))
                // Raidhall's latest scores 96% under ICU v1 with nothing undecided: the figure once,
                // not again as a note beneath it (the browser helper saw it twice).
                #expect(page.contains("96% <span class=\"tone tone-"))
                #expect(!page.contains("<div class=\"cellnote\">96%</div>"))
            }
            try await client.execute(uri: "/services/raidhall-chat.json", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.service/1")
                let histories = try #require(j["histories"] as? [[String: Any]])
                #expect(!histories.isEmpty)
                #expect(histories.allSatisfy { $0["format"] as? String == "safetycode.history/1" })
            }
        }
    }

    @Test("an assessment page: the gap report, its score headline, a finding form on each measure and declared fact; its JSON is the pinned format")
    func assessment() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/services/raidhall-chat/ofcom-icu-u2u@v1", method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                #expect(page.contains("<span id=\"score-headline\">96%</span>"))
                #expect(page.contains("<form class=\"finding-form\" id=\"finding-measure-icu-f1\" method=\"post\""))
                #expect(page.contains("<form class=\"finding-form\" id=\"finding-fact-controls-moderation-surge-capacity\" method=\"post\""))
                #expect(page.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">"))
                #expect(page.contains("<option value=\"accept_alternative\">"))
                #expect(page.contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"))
            }
            // The older submission, by its own report name, with its review applied: 89% to 95% (the committed history).
            try await client.execute(uri: "/services/raidhall-chat-2027-03/ofcom-icu-u2u@v1.json", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.assessment/1")
            }
        }
    }

    @Test("the assessment page's finding forms are short: each still has every field of the contract, and the page (Raidhall under ICU v1, 194 forms) stays under 250,000 bytes")
    func compactForms() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/services/raidhall-chat/ofcom-icu-u2u@v1", method: .get) { r in
                let page = text(r)
                let forms = count("<form class=\"finding-form\"", in: page)
                let measures = count("<form class=\"finding-form\" id=\"finding-measure-", in: page)
                let facts = count("<form class=\"finding-form\" id=\"finding-fact-", in: page)
                #expect(measures > 0 && facts > 0 && forms == measures + facts)
                // Every form: the CSRF token, base, kind and target, a decision, reason, reviewer and expiry, a submit button.
                #expect(count("<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">", in: page) == forms)
                #expect(count("<input type=\"hidden\" name=\"base\" value=\"", in: page) == forms)
                #expect(count("<input type=\"hidden\" name=\"kind\" value=\"measure\">", in: page) == measures)
                #expect(count("<input type=\"hidden\" name=\"kind\" value=\"fact\">", in: page) == facts)
                #expect(count("<input type=\"hidden\" name=\"target\" value=\"", in: page) == forms)
                #expect(count("<select name=\"decision\">", in: page) == forms)
                #expect(count("<option value=\"not_evidenced\">", in: page) == measures)
                #expect(count("<option value=\"dispute\">", in: page) == facts)
                #expect(count("<textarea name=\"reason\"", in: page) == forms)
                #expect(count("<input name=\"reviewer\"", in: page) == forms)
                #expect(count("<input type=\"date\" name=\"expires\"", in: page) == forms)
                #expect(count("<input name=\"value\"", in: page) == facts)
                #expect(count("<button type=\"submit\">", in: page) == forms)
                // Each posts back to the page it is on, to its own anchor.
                #expect(page.contains("<form class=\"finding-form\" id=\"finding-measure-icu-f1\" method=\"post\" action=\"#measure-icu-f1\">"))
                // 250,000: each fact's form is labelled by its question in words since the trial (about 14 KB more than by path alone).
                #expect(page.utf8.count < 250_000, "\(page.utf8.count) bytes")
            }
        }
    }

    @Test("compare and diff: two code versions, a section per service; their JSON is the pinned formats")
    func advocates() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/compare", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("<form id=\"compare-form\" method=\"get\""))
            }
            let q = "from=ofcom-icu-u2u@v1&to=ofcom-icu-u2u@v2-2026-amendments"
            try await client.execute(uri: "/compare?\(q)", method: .get) { r in
                let page = text(r)
                #expect(page.contains("id=\"compare-raidhall-chat\""))
                #expect(count("<section class=\"svc\" id=\"compare-", in: page) == 9)
            }
            try await client.execute(uri: "/compare.json?\(q)", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.comparison/1")
            }
            try await client.execute(uri: "/diff.json?\(q)&lens=children", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.diff/1")
            }
            try await client.execute(uri: "/diff?\(q)", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("What changes from"))
            }
        }
    }
}

@Suite("The workbench's findings")
struct WorkbenchFindingTests {
    static let target = "/services/raidhall-chat/ofcom-icu-u2u@v1"

    static func dispute(base: String = "", reason: String = "The July outage backlog shows no surge capacity.", csrf token: String = csrf) -> ByteBuffer {
        encode([("csrf", token), ("base", base), ("kind", "fact"), ("target", "controls.moderation.surge_capacity"), ("decision", "dispute"),
                ("value", "false"), ("reason", reason), ("reviewer", "A. Analyst"), ("expires", "")])
    }

    @Test("a finding is written to Reviews/<stem>.yaml, the page redirects back, and the score changes")
    func finding() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.target, method: .post, headers: form, body: Self.dispute()) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/services/raidhall-chat/ofcom-icu-u2u@v1#fact-controls-moderation-surge-capacity")
            }
            let written = try String(contentsOfFile: review, encoding: .utf8)
            #expect(written.contains("submission: \"Submissions/history/raidhall-chat-2027-03.yaml\""))
            #expect(written.contains("  - fact: \"controls.moderation.surge_capacity\"\n    decision: \"dispute\"\n    value: false\n"))
            #expect(written.contains("    date: 2026-11-29\n"))
            // With surge capacity disputed, ICU C6 is no longer met (as in the October submission's review), so the score drops.
            try await client.execute(uri: Self.target, method: .get) { r in
                #expect(!text(r).contains("<span id=\"score-headline\">96%</span>"))
            }
            try await client.execute(uri: Self.target + ".json", method: .get) { r in
                let measures = try #require(try json(r)["measures"] as? [[String: Any]])
                let c6 = try #require(measures.first { $0["id"] as? String == "ICU C6" })
                #expect(c6["status"] as? String != "met")
            }
        }
    }

    @Test("accepting Lumenwisp's alternative on PCU J2 raises its score from 81 to 82 of 87 weighted checks")
    func acceptAlternative() async throws {
        // By hand from the example files: against ofcom-pcu-u2u v1, 87 weight in the measures that
        // count, 81 proven met, 3 undecided of weight 1 (81/87 = 93.1%, 84/87 = 96.6%). PCU J2 claims an
        // alternative (its one check, weight 1, not met) and its review has only a note; accepted, it
        // is met: 82/87 = 94.3%, 85/87 = 97.7%.
        let ws = exampleWorkspace()
        let path = ws.file("Reviews/lumenwisp-video.yaml")
        let page = "/services/lumenwisp-video/ofcom-pcu-u2u@v1"
        try await withWorkbench(ws) { client in
            try await client.execute(uri: page, method: .get) { r in
                #expect(text(r).contains("<span id=\"score-headline\">at least 93%, at most 97%: 3 measures undecided</span>"))
            }
            let body = encode([("csrf", csrf), ("base", try sha256(path)), ("kind", "measure"), ("target", "PCU J2"), ("decision", "accept_alternative"),
                               ("reason", "Holding comments for approval does what switching them off does."), ("reviewer", "B. Tester"), ("expires", "")])
            try await client.execute(uri: page, method: .post, headers: form, body: body) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == page + "#measure-pcu-j2")
            }
            try await client.execute(uri: page, method: .get) { r in
                #expect(text(r).contains("<span id=\"score-headline\">at least 94%, at most 98%: 3 measures undecided</span>"))
                #expect(text(r).contains("B. Tester"))
            }
        }
    }

    @Test("a second finding is appended, keeping the file's comments")
    func append() async throws {
        let ws = exampleWorkspace()
        let path = ws.file("Reviews/lumenwisp-video.yaml")
        try await withWorkbench(ws) { client in
            // Lumenwisp's review already has two findings and comments.
            let before = try String(contentsOfFile: path, encoding: .utf8)
            let base = try sha256(path)
            let body = encode([("csrf", csrf), ("base", base), ("kind", "measure"), ("target", "ICU C1"), ("decision", "note"),
                               ("reason", "Checked the moderation policy."), ("reviewer", "B. Reviewer"), ("expires", "2027-01-31")])
            try await client.execute(uri: "/services/lumenwisp-video/ofcom-icu-u2u@v1", method: .post, headers: form, body: body) { r in
                #expect(r.status == .seeOther)
            }
            let after = try String(contentsOfFile: path, encoding: .utf8)
            #expect(after.hasPrefix(before))
            #expect(after.dropFirst(before.count) == """
                  - measure: "ICU C1"
                    decision: "note"
                    reason: "Checked the moderation policy."
                    reviewer: "B. Reviewer"
                    date: 2026-11-29
                    expires: 2027-01-31

                """)
        }
    }

    @Test("a stale write (another reviewer saved first) is refused with 409, the typed text kept, the file unchanged")
    func stale() async throws {
        let ws = exampleWorkspace()
        let path = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.target, method: .post, headers: form, body: Self.dispute()) { r in #expect(r.status == .seeOther) }
            let saved = try Data(contentsOf: URL(fileURLWithPath: path))
            // The second reviewer's page was opened before the file existed: base is empty.
            try await client.execute(uri: Self.target, method: .post, headers: form, body: Self.dispute(reason: "My own words <kept>")) { r in
                #expect(r.status == .conflict)
                let page = text(r)
                #expect(page.contains("<div id=\"stale-write\" role=\"alert\""))
                #expect(page.contains(">My own words &lt;kept&gt;</textarea>"))
                // The alert is the first thing in <main>, before the long report, and links to
                // the form that keeps the text, which is shown open.
                let main = try #require(page.range(of: "<main>\n"))
                #expect(page[main.upperBound...].hasPrefix("<div id=\"stale-write\" role=\"alert\""), "\(page[main.upperBound...].prefix(80))")
                #expect(page.contains("your text is kept in <a href=\"#finding-fact-controls-moderation-surge-capacity\">its form</a>"))
                #expect(page.contains("<details class=\"finding\" id=\"fact-controls-moderation-surge-capacity\" open>"))
                #expect(count("<details class=\"finding\"", in: page) > 100 && count(" open>", in: page) == 1)
                // The form shown again carries the session's token, so sending it again can work.
                #expect(page.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">"))
            }
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(now == saved)
        }
    }

    @Test("an invalid finding is refused with 422 and the error at its field; nothing is written")
    func invalid() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.target, method: .post, headers: form, body: Self.dispute(reason: "  ")) { r in
                #expect(r.status == .unprocessableContent)
                #expect(text(r).contains("<p class=\"field-error\" id=\"error-reason\">a finding needs a reason; it is empty</p>"))
            }
            let wrongType = encode([("csrf", csrf), ("base", ""), ("kind", "fact"), ("target", "controls.moderation.surge_capacity"), ("decision", "dispute"),
                                    ("value", "many"), ("reason", "x"), ("reviewer", "y")])
            try await client.execute(uri: Self.target, method: .post, headers: form, body: wrongType) { r in
                #expect(r.status == .unprocessableContent)
                #expect(text(r).contains("id=\"error-value\""))
            }
            #expect(!FileManager.default.fileExists(atPath: review))
        }
    }

    @Test("a disputed value with a comment, or a reason with a bidi control, is refused at its field with 422; nothing is written")
    func refusedAsTyped() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        try await withWorkbench(ws) { client in
            let commented = encode([("csrf", csrf), ("base", ""), ("kind", "fact"), ("target", "controls.moderation.surge_capacity"), ("decision", "dispute"),
                                    ("value", "false # to be checked"), ("reason", "Counted again."), ("reviewer", "A. Analyst"), ("expires", "")])
            try await client.execute(uri: Self.target, method: .post, headers: form, body: commented) { r in
                #expect(r.status == .unprocessableContent)
                #expect(text(r).contains("id=\"error-value\""))
                #expect(text(r).contains("starts a YAML comment"))
            }
            try await client.execute(uri: Self.target, method: .post, headers: form, body: Self.dispute(reason: "Backlog \u{202E}reversed")) { r in
                #expect(r.status == .unprocessableContent)
                #expect(text(r).contains("id=\"error-reason\""))
                #expect(text(r).contains("an invisible character, &lt;U+202E&gt;, which can make text read differently from what it is (bidi or zero-width)"))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: review))
    }

    @Test("a POST without the CSRF token, or with a wrong one, is refused with 403 and writes nothing")
    func csrfChecked() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        try await withWorkbench(ws) { client in
            let missing = encode([("kind", "fact"), ("target", "controls.moderation.surge_capacity"), ("decision", "confirm"), ("reason", "r"), ("reviewer", "x")])
            try await client.execute(uri: Self.target, method: .post, headers: form, body: missing) { r in #expect(r.status == .forbidden) }
            try await client.execute(uri: Self.target, method: .post, headers: form, body: Self.dispute(csrf: "8e96a019779845d2e0f98614c0d3002a0774a3436edd88104b461fc3bd99f2bX")) { r in
                #expect(r.status == .forbidden)
            }
            #expect(!FileManager.default.fileExists(atPath: review))
        }
    }

    @Test("the CSRF token is per browser session: another session's token, or none, is refused with 403")
    func csrfPerSession() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        // Session fedcba…'s token, the first 32 hex digits of `printf %s fedcba… | openssl dgst -sha256 -hmac workbench-test-secret`.
        let other = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
        let otherToken = "9d7178b5d2964771e47280d41d380991"
        try await withWorkbench(ws) { client in
            var headers = form
            headers[.cookie] = "safetycode_other=1"
            try await client.execute(uri: Self.target, method: .post, headers: headers, body: Self.dispute()) { r in #expect(r.status == .forbidden) }
            headers[.cookie] = "safetycode_session=\(other)"
            try await client.execute(uri: Self.target, method: .post, headers: headers, body: Self.dispute()) { r in #expect(r.status == .forbidden) }
            #expect(!FileManager.default.fileExists(atPath: review))
            // The other session's own page carries its own token, though the page is cached.
            try await client.execute(uri: Self.target, method: .get, headers: [.cookie: "safetycode_session=\(other)"]) { r in
                #expect(text(r).contains("name=\"csrf\" value=\"\(otherToken)\""))
                #expect(!text(r).contains(csrf))
                #expect(r.headers[.setCookie] == nil)
            }
            try await client.execute(uri: Self.target, method: .post, headers: headers, body: Self.dispute(csrf: otherToken)) { r in #expect(r.status == .seeOther) }
        }
    }

    @Test("a browser without a session gets one with its first page: an HttpOnly, SameSite=Strict cookie, and the forms carry its token")
    func sessionIssued() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.target, method: .get, headers: [.cookie: "unrelated=1"]) { r in
                let cookie = try #require(r.headers[.setCookie])
                #expect(cookie.hasPrefix("safetycode_session="))
                #expect(cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Strict"))
                let id = String(cookie.dropFirst("safetycode_session=".count).prefix { $0 != ";" })
                #expect(id.count == 64 && id != session)
                let page = text(r)
                let field = try #require(page.range(of: "name=\"csrf\" value=\""))
                let token = String(page[field.upperBound...].prefix { $0 != "\"" })
                #expect(token.count == 32 && token != csrf && token != id)
                // Every form of the page carries the same token.
                #expect(count("name=\"csrf\" value=\"\(token)\"", in: page) == count("name=\"csrf\"", in: page))
            }
            // JSON and the style sheet start no session.
            try await client.execute(uri: Self.target + ".json", method: .get, headers: [.cookie: "unrelated=1"]) { r in #expect(r.headers[.setCookie] == nil) }
        }
    }

    @Test("a POST from another origin, or from an opaque one outside this server's pages, is refused with 403", arguments: [
        ("http://evil.example", nil, false), ("null", nil, false), ("null", "cross-site", false), ("http://127.0.0.1:8080", nil, false),
        ("http://localhost", "cross-site", false), ("http://localhost", nil, true), ("null", "same-origin", true), (nil, "same-site", false),
    ] as [(String?, String?, Bool)])
    func originChecked(origin: String?, site: String?, accepted: Bool) async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            var headers = form
            // The in-process client's requests name the authority `localhost`.
            if let origin { headers[HTTPField.Name("Origin")!] = origin }
            if let site { headers[HTTPField.Name("Sec-Fetch-Site")!] = site }
            try await client.execute(uri: Self.target, method: .post, headers: headers, body: Self.dispute()) { r in
                #expect(r.status == (accepted ? .seeOther : .forbidden))
            }
        }
        #expect(FileManager.default.fileExists(atPath: ws.file("Reviews/raidhall-chat-2027-03.yaml")) == accepted)
    }

    @Test("without an Origin, a POST whose Referer is another site is refused with 403; one from this server's page, or with no Referer at all (curl with the token), is accepted")
    func refererChecked() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        let cases: [(String?, Bool)] = [
            ("http://evil.example/page", false), ("http://localhost.evil.example/", false), ("https://localhost/services/x", false),
            ("http://localhost/services/raidhall-chat", true), (nil, true),
        ]
        // One workbench for every case (each holds an inotify instance, of which a user has few).
        try await withWorkbench(ws) { client in
            for (referer, accepted) in cases {
                var headers = form
                // The in-process client's requests name the authority `localhost`.
                if let referer { headers[HTTPField.Name("Referer")!] = referer }
                try await client.execute(uri: Self.target, method: .post, headers: headers, body: Self.dispute()) { r in
                    #expect(r.status == (accepted ? .seeOther : .forbidden), "\(referer ?? "no Referer")")
                }
                #expect(FileManager.default.fileExists(atPath: review) == accepted, "\(referer ?? "no Referer")")
                try? FileManager.default.removeItem(atPath: review)
            }
        }
    }

    @Test("a reason with an emoji's zero-width joiner (👩‍👩‍👧, ❤️‍🔥) is saved exactly; a bidi control or isolate, or a joiner or zero-width space in plain text, is refused at its field")
    func emojiJoiner() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        let cases: [(String, Bool)] = [
            ("Family account 👩\u{200D}👩\u{200D}👧 shares one login.", true), ("Flagged ❤\u{FE0F}\u{200D}🔥 in chat.", true),
            ("Backlog \u{202E}reversed", false), ("Isolated \u{2066}text\u{2069} here", false), ("Back\u{200D}log", false),
            ("Back\u{200B}log", false), ("Family 👩\u{200D} alone", false),
        ]
        try await withWorkbench(ws) { client in
            for (reason, accepted) in cases {
                try await client.execute(uri: Self.target, method: .post, headers: form, body: Self.dispute(reason: reason)) { r in
                    #expect(r.status == (accepted ? .seeOther : .unprocessableContent), "\(reason.unicodeScalars.map { String($0.value, radix: 16) })")
                    if !accepted {
                        #expect(text(r).contains("<p class=\"field-error\" id=\"error-reason\">this field holds "))
                        #expect(text(r).contains("which can make text read differently from what it is (bidi or zero-width); remove it"))
                    }
                }
                if accepted {
                    let written = try String(contentsOfFile: review, encoding: .utf8)
                    #expect(written.contains("reason: \(reason)\n") || written.contains("reason: \"\(reason)\"\n"), "\(written)")
                    try FileManager.default.removeItem(atPath: review)
                } else {
                    #expect(!FileManager.default.fileExists(atPath: review))
                }
            }
        }
    }

    @Test("a body over 1 MiB is refused with 413")
    func bodyLimit() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            let big = ByteBuffer(string: "csrf=\(csrf)&reason=" + String(repeating: "a", count: 1 << 20))
            try await client.execute(uri: Self.target, method: .post, headers: form, body: big) { r in #expect(r.status == .contentTooLarge) }
        }
    }

}

@Suite("The workbench's security and workspace")
struct WorkbenchSecurityTests {
    @Test("paths that try to leave the workspace find nothing", arguments: [
        "/services/..%2F..%2Fetc", "/services/%2e%2e/ofcom-icu-u2u@v1", "/services/raidhall-chat/..%2F..%2F..%2Fetc%2Fpasswd",
        "/services/%2Fetc%2Fpasswd", "/services/..", "/services/raidhall-chat/%2e%2e%2f%2e%2e%2fCodes",
    ])
    func traversal(uri: String) async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: uri, method: .get) { r in
                #expect(r.status == .notFound)
                #expect(!text(r).contains("root:"))
            }
        }
    }

    @Test("a field naming a file outside the workspace is refused and nothing is written")
    func absolutePathInField() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        try await withWorkbench(ws) { client in
            let measure = encode([("csrf", csrf), ("base", ""), ("kind", "measure"), ("target", "/etc/passwd"), ("decision", "note"), ("reason", "r"), ("reviewer", "x")])
            try await client.execute(uri: WorkbenchFindingTests.target, method: .post, headers: form, body: measure) { r in #expect(r.status == .badRequest) }
            let fact = encode([("csrf", csrf), ("base", ""), ("kind", "fact"), ("target", "../../etc/passwd"), ("decision", "confirm"), ("reason", "r"), ("reviewer", "x")])
            try await client.execute(uri: WorkbenchFindingTests.target, method: .post, headers: form, body: fact) { r in #expect(r.status == .badRequest) }
            #expect(!FileManager.default.fileExists(atPath: review))
        }
    }

    @Test("with a token, every request needs it: a bearer header, or the cookie set by ?token= once")
    func token() async throws {
        let ws = exampleWorkspace()
        let token = "s3cret-token-0123456789"
        try await withWorkbench(ws, token: token) { client in
            try await client.execute(uri: "/", method: .get) { r in #expect(r.status == .unauthorized) }
            try await client.execute(uri: "/healthz", method: .get, headers: [.authorization: "Bearer wrong-token-0123456789"]) { r in
                #expect(r.status == .unauthorized)
            }
            try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer \(token)"]) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/services/raidhall-chat?token=\(token)", method: .get) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/services/raidhall-chat")
                #expect(r.headers[.setCookie] == "safetycode_token=\(token); Path=/; HttpOnly; SameSite=Strict")
            }
            try await client.execute(uri: "/services/raidhall-chat", method: .get, headers: [.cookie: "safetycode_token=\(token)"]) { r in
                #expect(r.status == .ok)
            }
        }
    }

    @Test("on loopback without a token, a request naming another host (DNS rebinding) is refused with 421 and no page")
    func hostChecked() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            let host = HTTPField.Name("Host")!
            for name in ["attacker.example:8080", "attacker.example", "127.0.0.1.attacker.example:8080"] {
                try await client.execute(uri: "/services/raidhall-chat/ofcom-icu-u2u@v1", method: .get, headers: [host: name]) { r in
                    #expect(r.status.code == 421, "Host: \(name)")
                    #expect(!text(r).contains(csrf))
                }
            }
            for name in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST"] {
                try await client.execute(uri: "/", method: .get, headers: [host: name]) { r in #expect(r.status == .ok, "Host: \(name)") }
            }
        }
    }

    @Test("the token step redirects only to a path of this server, never to another site (//host or /\\host)")
    func tokenRedirectStaysLocal() async throws {
        let ws = exampleWorkspace()
        let token = "s3cret-token-0123456789"
        try await withWorkbench(ws, token: token) { client in
            for (uri, location) in [("//evil.example/?token=\(token)", "/evil.example/"), ("/\\evil.example/?token=\(token)", "/evil.example/"),
                                    ("///evil.example?token=\(token)&a=1", "/evil.example?a=1")] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .seeOther)
                    #expect(r.headers[.location] == location, "\(uri)")
                }
            }
        }
    }

    @Test("only literal loopback addresses and localhost count as loopback", arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true), ("0:0:0:0:0:0:0:1", true),
        ("127.evil.example", false), ("127.0.0.1.evil.example", false), ("0.0.0.0", false), ("::", false), ("128.0.0.1", false), ("example.com", false),
    ])
    func loopbackLiteral(host: String, loopback: Bool) {
        #expect(Workbench.isLoopback(host) == loopback)
    }

    @Test("--host 127.evil.example (a name, not an address) needs a token file too")
    func loopbackLookalikeNeedsToken() async {
        let ws = exampleWorkspace()
        let errors = Lines()
        let code = await Workbench.serve(workspace: ws.path, host: "127.evil.example", port: 0, tokenFile: nil, print: { _ in }, printError: { errors.add($0) })
        #expect(code == 2)
        #expect(errors.all.first?.contains("--token-file") == true)
    }

    @Test("a code file linked into Codes/ from outside is not served: codes come only from the workspace's own list")
    func symlinkedCodeIgnored() async throws {
        let ws = exampleWorkspace()
        let outside = Scratch()
        let v1 = try String(contentsOfFile: ws.file("Codes/ofcom/illegal-content-u2u/v1.yaml"), encoding: .utf8)
        let evil = v1.replacingOccurrences(of: "  id: ofcom-icu-u2u\n", with: "  id: evil-code\n")
            .replacingOccurrences(of: "  vocabulary: ../vocabulary.yaml\n", with: "  vocabulary: \(ws.file("Codes/ofcom/vocabulary.yaml"))\n")
        try evil.write(toFile: outside.file("evil.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: ws.file("Codes/ofcom/illegal-content-u2u/evilcode.yaml"), withDestinationPath: outside.file("evil.yaml"))
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("ofcom-icu-u2u@v1"))
                #expect(!text(r).contains("evil-code"))
            }
            try await client.execute(uri: "/services/raidhall-chat/evil-code@v1", method: .get) { r in #expect(r.status == .notFound) }
        }
    }

    @Test("compare and diff answer an unknown code or lens with 404, so made-up values never become cached pages")
    func unknownAdvocateValues() async throws {
        let ws = exampleWorkspace()
        let junk = String(repeating: "x", count: 30_000)
        try await withWorkbench(ws) { client in
            for uri in ["/diff?from=\(junk)&to=ofcom-icu-u2u@v2-2026-amendments", "/compare?from=ofcom-icu-u2u@v1&to=\(junk)",
                        "/diff?from=ofcom-icu-u2u@v1&to=ofcom-icu-u2u@v2-2026-amendments&lens=\(junk)"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound)
                    #expect(!text(r).contains(junk))
                }
            }
            try await client.execute(uri: "/diff?from=ofcom-icu-u2u@v1&to=ofcom-icu-u2u@v2-2026-amendments", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    @Test("a 404, or a finding refused for its target, names what was asked for cut to 80 characters, not the whole requested name")
    func notFoundCut() async throws {
        let ws = exampleWorkspace()
        let long = String(repeating: "a", count: 70_000)
        try await withWorkbench(ws) { client in
            for uri in ["/services/\(long)", "/services/raidhall-chat/\(long)", "/questionnaire?code=\(long)", "/questionnaire?code=ofcom-icu-u2u@v1&service=\(long)"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound, "\(uri.prefix(40))")
                    #expect(text(r).contains("&#39;" + String(repeating: "a", count: 79) + "…&#39;"), "\(uri.prefix(40))")
                    #expect(r.body.readableBytes < 20_000)
                }
            }
            // A finding naming a huge measure or fact: refused, the name cut too.
            for kind in ["measure", "fact"] {
                let body = encode([("csrf", csrf), ("base", ""), ("kind", kind), ("target", long), ("decision", "note"), ("reason", "r"), ("reviewer", "x")])
                try await client.execute(uri: WorkbenchFindingTests.target, method: .post, headers: form, body: body) { r in
                    #expect(r.status == .badRequest)
                    #expect(text(r).contains("&#39;" + String(repeating: "a", count: 79) + "…&#39;"), "\(kind)")
                    #expect(r.body.readableBytes < 20_000)
                }
            }
        }
    }

    @Test("the page cache is bounded by bytes: past its bound it starts again")
    func cacheBounded() {
        let cache = Cache(maxBytes: 1000)
        for i in 0..<10 { _ = cache.value("page \(i)") { ByteBuffer(string: String(repeating: "p", count: 300)) } }
        // Each entry costs 306 bytes (a 6-byte key and a 300-byte page): at most three fit in 1000.
        #expect(cache.count <= 3)
        #expect(cache.count >= 1)
    }

    @Test("the start-up line gives an address another computer can open: not 0.0.0.0")
    func startLine() {
        #expect(Workbench.startLine(workspace: ".", host: "127.0.0.1", url: "http://127.0.0.1:8080/", hasToken: false)
            == "safetycode workbench: serving . at http://127.0.0.1:8080/ (Ctrl-C stops it)")
        let everywhere = Workbench.startLine(workspace: ".", host: "0.0.0.0", url: "http://0.0.0.0:8080/", hasToken: true)
        #expect(!everywhere.contains("0.0.0.0"))
        #expect(everywhere == "safetycode workbench: serving . at http://THIS-COMPUTER:8080/ (THIS-COMPUTER: this computer's name or IP address on your network) (with its access token: open that address followed by ?token=…) (Ctrl-C stops it)")
    }

    @Test("serving beyond loopback without a token file is refused (exit 2), before anything listens")
    func hostNeedsToken() async throws {
        let ws = exampleWorkspace()
        let errors = Lines()
        let code = await Workbench.serve(workspace: ws.path, host: "0.0.0.0", port: 0, tokenFile: nil, print: { _ in }, printError: { errors.add($0) })
        #expect(code == 2)
        #expect(errors.all.first?.contains("--token-file") == true)
    }

    @Test("a broken submission file shows its diagnostic on the page, with 200, not 500")
    func brokenFile() async throws {
        let ws = exampleWorkspace()
        ws.write(["Submissions/broken.yaml": "submission:\n  service: Broken\n  date: [2026\n"])
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("<code>Submissions/broken.yaml:4:1</code>"))
                #expect(text(r).contains("id=\"service-broken\""))
            }
            try await client.execute(uri: "/services/broken/ofcom-icu-u2u@v1", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("<code>Submissions/broken.yaml:4:1</code>"))
            }
        }
    }

    @Test("a file over the size limit is named on the page and left out; the rest of the workspace is served")
    func tooLarge() async throws {
        let ws = exampleWorkspace()
        // 16 MiB is the YAML limit (YAMLLimits.default): one byte more.
        try Data(repeating: UInt8(ascii: "#"), count: (16 << 20) + 1).write(to: ws.url.appendingPathComponent("Submissions/huge.yaml"))
        try await withWorkbench(ws) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/", method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(text(r).contains("<code>Submissions/huge.yaml</code> error: [file-too-large]"))
                    #expect(count("<tr id=\"service-", in: text(r)) == 9)
                }
            }
        }
    }

    @Test("an edit made on disk shows on the next request")
    func edits() async throws {
        let ws = exampleWorkspace()
        let path = ws.file("Submissions/lanternly-live.yaml")
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/services/lanternly-live", method: .get) { r in #expect(text(r).contains("<h1>Lanternly Live</h1>")) }
            let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "service: Lanternly Live", with: "service: Lanternly Glow")
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
            try await client.execute(uri: "/services/lanternly-live", method: .get) { r in #expect(text(r).contains("<h1>Lanternly Glow</h1>")) }
            try await client.execute(uri: "/", method: .get) { r in #expect(text(r).contains("<strong>Lanternly Glow</strong>")) }
        }
    }
}

/// Lines collected from a callback.
final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.withLock { lines.append(s) } }
    var all: [String] { lock.withLock { lines } }
}

func sha256(_ path: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    p.arguments = [path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    p.waitUntilExit()
    return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}

@Suite("The workbench's questionnaire")
struct WorkbenchQuestionnaireTests {
    static let page = "/questionnaire?code=ofcom-icu-u2u@v1"

    @Test("without a code it asks which codes; with one it is the typed form, and its JSON the questionnaire format")
    func pages() async throws {
        let ws = exampleWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/questionnaire", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("<input type=\"checkbox\" name=\"code\" value=\"ofcom-icu-u2u@v1\">"))
            }
            try await client.execute(uri: Self.page, method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                #expect(page.contains("<form id=\"questionnaire\" class=\"questionnaire\" method=\"post\""))
                #expect(page.contains("id=\"field-service-uk-users\""))
                #expect(page.contains("name=\"csrf\" value=\"\(csrf)\""))
                #expect(page.contains("id=\"save-draft\""))
            }
            try await client.execute(uri: "/questionnaire.json?code=ofcom-icu-u2u@v1", method: .get) { r in
                let j = try json(r)
                #expect(j["format"] as? String == "safetycode.questionnaire/1")
            }
            try await client.execute(uri: "/questionnaire?code=no-such-code@v9", method: .get) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: Self.page + "&draft=..%2F..%2Fetc%2Fpasswd", method: .get) { r in #expect(r.status == .notFound) }
        }
    }

    @Test("a draft is saved to Drafts/ and resumed with its answers as typed")
    func draft() async throws {
        let ws = exampleWorkspace()
        let drafts = ws.file("Drafts")
        try await withWorkbench(ws) { client in
            let body = encode([("csrf", csrf), ("action", "save"), ("submission.service", "Brambleway Chat"), ("service.uk_users", "12a")])
            let location = try await client.execute(uri: Self.page, method: .post, headers: form, body: body) { r in
                #expect(r.status == .seeOther)
                return r.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/questionnaire?code=ofcom-icu-u2u@v1&draft="))
            let files = try FileManager.default.contentsOfDirectory(atPath: drafts)
            #expect(files.count == 1)
            try await client.execute(uri: location, method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("value=\"Brambleway Chat\""))
                #expect(text(r).contains("value=\"12a\""))
            }
        }
    }

    @Test("a resumed draft whose service name holds U+202E carries the character itself in its field, with a warning beside it, so saving again keeps it")
    func draftInvisible() async throws {
        let ws = exampleWorkspace()
        let name = "Kestrel \u{202E}tahc"
        let drafts = ws.file("Drafts")
        try await withWorkbench(ws) { client in
            let body = encode([("csrf", csrf), ("action", "save"), ("submission.service", name)])
            let location = try await client.execute(uri: Self.page, method: .post, headers: form, body: body) { r in r.headers[.location] ?? "" }
            let page = try await client.execute(uri: location, method: .get) { r in text(r) }
            #expect(page.contains("name=\"submission.service\" value=\"Kestrel &#x202E;tahc\""), "the value is the character, as a character reference")
            #expect(!page.contains("value=\"Kestrel &lt;U+202E&gt;tahc\""))
            #expect(page.contains("<p class=\"q-invisible\" id=\"field-submission-service-invisible\">This answer holds an invisible character, &lt;U+202E&gt;, which can make text read differently from what it is (bidi or zero-width); it is kept as typed.</p>"))
            // The browser posts back the value the reference stands for: the draft keeps it.
            let again = encode([("csrf", csrf), ("action", "save"), ("submission.service", name)])
            let saved = try await client.execute(uri: location, method: .post, headers: form, body: again) { r in r.headers[.location] ?? "" }
            let draft = try #require(saved.split(separator: "draft=").last)
            let file = try String(contentsOfFile: drafts + "/\(draft).yaml", encoding: .utf8)
            #expect(file.contains("\"submission.service\": \"Kestrel \u{202E}tahc\"\n"), "\(file)")
        }
    }

    @Test("a bad answer is refused at its field with 422; a good one becomes Submissions/<slug>.yaml and leads to the new service")
    func submit() async throws {
        let ws = exampleWorkspace()
        let created = ws.file("Submissions/brambleway-chat.yaml")
        try await withWorkbench(ws) { client in
            let bad = encode([("csrf", csrf), ("action", "submit"), ("submission.service", "Brambleway Chat"), ("submission.date", "2026-11-29"), ("service.uk_users", "many")])
            try await client.execute(uri: Self.page, method: .post, headers: form, body: bad) { r in
                #expect(r.status == .unprocessableContent)
                #expect(text(r).contains("id=\"error-field-service-uk-users\""))
                #expect(text(r).contains("value=\"many\""))
                // The answer to put right is also listed at the top of the form, linking to its
                // field (trial finding: the only error sat far down a long form).
                let page = text(r)
                let summary = try #require(page.range(of: "<div id=\"field-errors\" class=\"form-errors\" role=\"alert\">\n<p>1 answer to put right:</p>"))
                let link = try #require(page.range(of: "<a href=\"#field-service-uk-users\">How many average monthly active UK users does the service have?</a>: "))
                let firstGroup = try #require(page.range(of: "<fieldset"))
                #expect(summary.lowerBound < link.lowerBound && link.lowerBound < firstGroup.lowerBound)
                #expect(text(r).contains("<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">"))
            }
            #expect(!FileManager.default.fileExists(atPath: created))
            // As a browser posts the form: the provider's field sent empty.
            let good = encode([("csrf", csrf), ("action", "submit"), ("submission.service", "Brambleway Chat"), ("submission.provider", ""), ("submission.date", "2026-11-29"), ("service.uk_users", "120000")])
            try await client.execute(uri: Self.page, method: .post, headers: form, body: good) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/services/brambleway-chat")
            }
            let written = try String(contentsOfFile: created, encoding: .utf8)
            #expect(written.contains("uk_users: 120000"))
            try await client.execute(uri: "/services/brambleway-chat", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("<h1>Brambleway Chat</h1>"))
                // No provider was typed: none is shown, never the YAML null "~" (trial finding).
                #expect(!text(r).contains("<p class=\"sub\">~</p>"))
            }
            try await client.execute(uri: "/", method: .get) { r in
                let row = try #require(text(r).components(separatedBy: "<tr id=\"service-brambleway-chat\">").dropFirst().first)
                #expect(row.hasPrefix("<td><a href=\"/services/brambleway-chat\"><strong>Brambleway Chat</strong></a></td>"), "\(row.prefix(200))")
            }
        }
    }

    @Test("the new-version link starts from the service's latest answers, and submitting writes a dated file under history/")
    func newVersion() async throws {
        let ws = exampleWorkspace()
        let created = ws.file("Submissions/history/lanternly-live-2026-12-01.yaml")
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.page + "&service=lanternly-live", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("value=\"Lanternly Live\""))
            }
            let body = encode([("csrf", csrf), ("action", "submit"), ("submission.service", "Lanternly Live"), ("submission.date", "2026-12-01")])
            try await client.execute(uri: Self.page, method: .post, headers: form, body: body) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/services/lanternly-live")
            }
            #expect(FileManager.default.fileExists(atPath: created))
            try await client.execute(uri: "/services/lanternly-live", method: .get) { r in
                #expect(text(r).contains("<code>Submissions/history/lanternly-live-2026-12-01.yaml</code>"))
            }
        }
    }
}

extension WorkbenchQuestionnaireTests {
    @Test("a new version starts from the latest file, named by its STEM and SHA-256 in hidden fields; a base changed since is refused with 409 and nothing written")
    func newVersionBase() async throws {
        let ws = exampleWorkspace()
        // sha256sum Submissions/history/raidhall-chat-2027-03.yaml (Raidhall's latest version).
        let sha = "294abd6ef74783d626f220a19bed8c204db85bef0ed53ff86f253237ffb3b8d1"
        let unwritten = ws.file("Submissions/history/raidhall-chat-2027-04-01.yaml")
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.page + "&service=raidhall-chat", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("name=\"base_service\" value=\"raidhall-chat\""))
                // The page says what it is, for which code, and what it starts from (a trial found no heading).
                #expect(text(r).contains("<h1>Questionnaire</h1>"))
                #expect(text(r).contains("For the code Illegal content Codes of Practice for user-to-user services (in force)."))
                #expect(text(r).contains("Starting from Raidhall&#39;s latest submission (Submissions/history/raidhall-chat-2027-03.yaml)"))
                #expect(text(r).contains("name=\"base\" value=\"\(sha)\""))
            }
            let stale = String(repeating: "0", count: 64)
            let body = encode([("csrf", csrf), ("action", "submit"), ("base_service", "raidhall-chat"), ("base", stale),
                               ("submission.service", "Raidhall"), ("submission.date", "2027-04-01")])
            try await client.execute(uri: Self.page, method: .post, headers: form, body: body) { r in
                #expect(r.status == .conflict)
                #expect(text(r).contains("is not the one this questionnaire started from"))
                #expect(text(r).contains("name=\"base\" value=\"\(sha)\""))
            }
            #expect(!FileManager.default.fileExists(atPath: unwritten))
        }
    }
}

/// One HTTP/1.1 exchange with a server on 127.0.0.1 over a plain socket: the whole response text
/// (through the connection tests' socket helpers).
func exchange(port: Int, _ request: String) async throws -> String {
    let fd = try WorkbenchConnectionTests.connected(port)
    defer { close(fd) }
    let (sent, answer) = await WorkbenchConnectionTests.blocking {
        (WorkbenchConnectionTests.send(fd, Array(request.utf8)), WorkbenchConnectionTests.readAll(fd))
    }
    try #require(sent)
    return answer
}

@Suite("The workbench's token file")
struct WorkbenchTokenFileTests {
    @Test("a FIFO given as --token-file is refused at once, not waited on; a good file gives its first line")
    func fifoRefused() throws {
        let scratch = Scratch()
        let fifo = scratch.file("token")
        #expect(mkfifo(fifo, 0o600) == 0)
        guard case .failure(let e) = Workbench.readToken(fifo) else { Issue.record("a FIFO was read as a token file"); return }
        #expect("\(e)".contains("cannot read the token file"))
        scratch.write(["good": "abcdefghijklmnopqrstuvwx\nsecond line\n"])
        guard case .success(let token) = Workbench.readToken(scratch.file("good")) else { Issue.record("a good token file was refused"); return }
        #expect(token == "abcdefghijklmnopqrstuvwx")
    }
}

@Suite("The workbench as a process")
struct WorkbenchProcessTests {
    @Test("after a finding is saved, SIGTERM still stops the server, leaving no temporary file")
    func stopsAfterWrite() async throws {
        let ws = exampleWorkspace()
        let binary = packageRoot.appendingPathComponent(".build/debug/safetycode").path
        let outPath = ws.file("serve.out")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["serve", ws.path, "--port", "0"]
        p.standardOutput = out
        p.standardError = out
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        // The start-up line names the port (a debug build on a busy machine may take a while).
        var port: Int?
        for _ in 0..<600 where port == nil {
            let line = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
            if let r = line.range(of: "http://127.0.0.1:") { port = Int(line[r.upperBound...].prefix { $0.isNumber }) }
            else { try await Task.sleep(for: .milliseconds(100)) }
        }
        let served = try #require(port)
        let target = "/services/raidhall-chat/ofcom-icu-u2u@v1"
        let page = try await exchange(port: served, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(served)\r\nConnection: close\r\n\r\n")
        let csrfRange = try #require(page.range(of: "name=\"csrf\" value=\""))
        let token = String(page[csrfRange.upperBound...].prefix { $0 != "\"" })
        let cookieRange = try #require(page.range(of: "safetycode_session="))
        let cookie = String(page[cookieRange.lowerBound...].prefix { $0 != ";" })
        let body = String(buffer: WorkbenchFindingTests.dispute(csrf: token))
        let posted = try await exchange(port: served, "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(served)\r\nCookie: \(cookie)\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        #expect(posted.hasPrefix("HTTP/1.1 303"))
        #expect(FileManager.default.fileExists(atPath: ws.file("Reviews/raidhall-chat-2027-03.yaml")))
        kill(p.processIdentifier, SIGTERM)
        for _ in 0..<300 where p.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!p.isRunning, "SIGTERM did not stop the server")
        let left = try FileManager.default.contentsOfDirectory(atPath: ws.file("Reviews")).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty)
    }
}

@Suite("The workbench's connections")
struct WorkbenchConnectionTests {
    /// A socket connected to 127.0.0.1:`port`, its reads bounded (far beyond any limit tested, so
    /// a server that never answers fails the test instead of hanging it).
    static func connected(_ port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(connected == 0)
        var wait = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Sends bytes (no SIGPIPE when the server has closed); false when the server refused them.
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    /// Runs blocking socket calls on a thread of their own, never on one of the few threads the
    /// server's tasks share with the test (the cooperative pool): a read waiting there for the
    /// server's answer could starve the server of the thread it needs to give it.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { done in
            Thread.detachNewThread { done.resume(returning: work()) }
        }
    }

    /// Sends `bytes` one every 50 ms (each send followed by a read waiting that long), until they
    /// are all sent or the server closes; what the server sent meanwhile.
    static func trickle(_ fd: Int32, _ bytes: [UInt8]) -> String {
        var answer = ""
        var wait = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        for byte in bytes {
            guard send(fd, [byte]) else { break }
            let n = read(fd, &buffer, buffer.count)
            if n > 0 { answer += String(decoding: buffer[..<n], as: UTF8.self) }
            if n == 0 { break }
        }
        return answer
    }

    /// Everything the server sends until it closes the connection (or the bounded read gives up).
    static func readAll(_ fd: Int32) -> String {
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            response += buffer[..<n]
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test("a client that stops sending mid-request is disconnected after the idle timeout")
    func idleClosed() async throws {
        let ws = exampleWorkspace()
        let app = Workbench.application(.init(workspace: ws.path, port: 0, asOf: asOf, sessionSecret: sessionSecret, idleTimeout: .milliseconds(300)))
        try await app.test(.live) { client in
            let fd = try Self.connected(try #require(client.port))
            defer { close(fd) }
            let (n, error): (Int, Int32) = await Self.blocking {
                _ = Self.send(fd, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
                var buffer = [UInt8](repeating: 0, count: 4096)
                var n = 1
                while n > 0 { n = read(fd, &buffer, buffer.count) }
                return (n, errno)
            }
            #expect(n == 0, "the connection was not closed (read gave \(n), errno \(error))")
        }
    }

    @Test("a client trickling its request head a byte at a time (slowloris) is answered 408 and cut off at the head deadline, though each byte resets the idle timeout")
    func slowHeadCut() async throws {
        let ws = exampleWorkspace()
        let app = Workbench.application(.init(workspace: ws.path, port: 0, asOf: asOf, sessionSecret: sessionSecret, idleTimeout: .seconds(30),
                                              headTimeout: .milliseconds(400)))
        try await app.test(.live) { client in
            let fd = try Self.connected(try #require(client.port))
            defer { close(fd) }
            // A head that never ends: a byte every 50 ms, at most 400 of them (20 s), until the server closes.
            let answer = await Self.blocking {
                Self.trickle(fd, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 400))
            }
            #expect(answer.hasPrefix("HTTP/1.1 408"), "the slow head was not cut off: \(answer.prefix(40))")
        }
    }

    @Test("a body declared larger than 1 MiB is answered 413 before any of it is waited for")
    func declaredBodyTooLarge() async throws {
        let ws = exampleWorkspace()
        let app = Workbench.application(.init(workspace: ws.path, port: 0, asOf: asOf, sessionSecret: sessionSecret))
        try await app.test(.live) { client in
            let fd = try Self.connected(try #require(client.port))
            defer { close(fd) }
            let answer = await Self.blocking {
                _ = Self.send(fd, Array(("POST /services/raidhall-chat/ofcom-icu-u2u@v1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 99999999999\r\n\r\ncsrf=").utf8))
                // The first bytes the server sends (the read gives up after 20 s; the idle timeout is 30 s).
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(fd, &buffer, buffer.count)
                return String(decoding: buffer[..<max(n, 0)], as: UTF8.self)
            }
            #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(40))")
        }
        #expect(!FileManager.default.fileExists(atPath: ws.file("Reviews/raidhall-chat-2027-03.yaml")))
    }

    @Test("an 8 MB address, or 70 KB of headers, is answered 431 at once and the connection closed")
    func oversizedHead() async throws {
        let ws = exampleWorkspace()
        let app = Workbench.application(.init(workspace: ws.path, port: 0, asOf: asOf, sessionSecret: sessionSecret))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let heads = [
                "GET /services/" + String(repeating: "a", count: 8 << 20) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + String(repeating: "b", count: 70 << 10) + "\r\n\r\n",
            ]
            for head in heads {
                let fd = try Self.connected(port)
                defer { close(fd) }
                let answer = await Self.blocking {
                    _ = Self.send(fd, Array(head.utf8))
                    return Self.readAll(fd)
                }
                #expect(answer.hasPrefix("HTTP/1.1 431"), "\(head.count) bytes of head: \(answer.prefix(40))")
            }
        }
    }

    @Test("a client trickling its request body a byte at a time is answered 408 and cut off at the body deadline, though each byte resets the idle timeout")
    func slowBodyCut() async throws {
        let ws = exampleWorkspace()
        let app = Workbench.application(.init(workspace: ws.path, port: 0, asOf: asOf, sessionSecret: sessionSecret, idleTimeout: .seconds(30),
                                              bodyTimeout: .milliseconds(400)))
        try await app.test(.live) { client in
            let fd = try Self.connected(try #require(client.port))
            defer { close(fd) }
            let answer = await Self.blocking {
                // The head at once, then a body of 400 bytes sent a byte every 50 ms (20 s), until the server closes.
                guard Self.send(fd, Array(("POST /services/raidhall-chat/ofcom-icu-u2u@v1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 400\r\n\r\n").utf8)) else { return "" }
                return Self.trickle(fd, [UInt8](repeating: UInt8(ascii: "a"), count: 400))
            }
            #expect(answer.hasPrefix("HTTP/1.1 408"), "the slow body was not cut off: \(answer.prefix(40))")
        }
        #expect(!FileManager.default.fileExists(atPath: ws.file("Reviews/raidhall-chat-2027-03.yaml")))
    }

    @Test("a request after a response on the same connection gets the head deadline afresh; keep-alive works")
    func keepAlive() async throws {
        let ws = exampleWorkspace()
        let app = Workbench.application(.init(workspace: ws.path, port: 0, asOf: asOf, sessionSecret: sessionSecret, headTimeout: .seconds(5)))
        try await app.test(.live) { client in
            let fd = try Self.connected(try #require(client.port))
            defer { close(fd) }
            let answer = await Self.blocking {
                _ = Self.send(fd, Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
                return Self.readAll(fd)
            }
            #expect(count("HTTP/1.1 200 OK", in: answer) == 2)
        }
    }
}

@Suite("The workbench's JSON formats")
struct WorkbenchSchemaTests {
    static var hasJSONSchema: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test("each workbench format's page JSON is valid against its committed schema (python-jsonschema)",
          .enabled(if: hasJSONSchema, "python-jsonschema is not installed: `make test` installs it"), arguments: [
        ("portfolio", "/.json"), ("portfolio", "/.json?code=ofcom-icu-u2u@v1&severity=critical"), ("service", "/services/raidhall-chat.json"),
        ("questionnaire", "/questionnaire.json?code=ofcom-icu-u2u@v1"), ("problems", "/services/broken/ofcom-icu-u2u@v1.json"),
        ("drafts", "/questionnaire.json"),
    ])
    func pageJSONValid(schema: String, uri: String) async throws {
        let ws = exampleWorkspace()
        ws.write(["Submissions/broken.yaml": "submission:\n  service: Broken\n  date: [2026\n",
                  // A saved draft and a broken one, for the drafts' list.
                  "Drafts/0123456789abcdef0123456789abcdef.yaml": "draft:\n  codes: [\"ofcom-icu-u2u@v1\"]\n  saved: 2026-11-20\nanswers:\n  \"submission.service\": \"Brambleway Chat\"\n",
                  "Drafts/fedcba9876543210fedcba9876543210.yaml": "draft: [\n"])
        let saved = ws.file("page.json")
        try await withWorkbench(ws) { client in
            try await client.execute(uri: uri, method: .get) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("\"format\":\"safetycode.\(schema)/1\"") || String(buffer: r.body).contains("\"format\": \"safetycode.\(schema)/1\""))
                try Data(String(buffer: r.body).utf8).write(to: URL(fileURLWithPath: saved))
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", packageRoot.appendingPathComponent("Scripts/check-interchange.py").path, "json",
                       packageRoot.appendingPathComponent("Schemas/\(schema).schema.json").path, saved]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(said)")
    }

    @Test("the schema refuses a portfolio whose score is not a percentage (the check is not vacuous)")
    func schemaRefuses() throws {
        let scratch = Scratch()
        scratch.write(["bad.json": #"{"format":"safetycode.portfolio/1","as_of":"2026-11-29","lens":null,"severity":null,"services":[{"stem":"a","service":"A","provider":null,"last_submission":"undated","submissions":1,"codes":[{"code":"x@1","score":1.4,"score_upper":null,"gaps":0,"critical_gaps":0,"risk_challenges":0,"undecided":0}]}]}"#])
        guard Self.hasJSONSchema else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", packageRoot.appendingPathComponent("Scripts/check-interchange.py").path, "json",
                       packageRoot.appendingPathComponent("Schemas/portfolio.schema.json").path, scratch.file("bad.json")]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
    }
}
