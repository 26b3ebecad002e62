import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SafetyCodeServer
import TestSupport

/// Issue 18: a name with hidden characters shows them as a visible marker on every page, as
/// text (`&lt;U+202E&gt;`), never as raw markup (`<U+202E>`, which a browser reads as an
/// element and drops); an emoji's zero-width joiner is part of the emoji and shown whole.
@Suite("The workbench's pages with a hidden character in a name")
struct HiddenNameTests {
    /// The name a new-user trial typed: a right-to-left override, a zero-width space, and the
    /// technologist emoji 👩‍💻 (U+1F469 U+200D U+1F4BB).
    static let name = "Evil\u{202E}Trial\u{200B}Chat 👩\u{200D}💻"
    /// How every page shows it: the two hidden characters as escaped markers, the emoji whole.
    static let shownHTML = "Evil&lt;U+202E&gt;Trial&lt;U+200B&gt;Chat 👩\u{200D}💻"
    /// How every JSON format shows it (README, hostile input: `<U+202E>`, its `<` escaped).
    static let shownJSON = "Evil<U+202E>Trial<U+200B>Chat 👩\u{200D}💻"
    static let draft = "0123456789abcdef0123456789abcdef"

    /// The example workspace with Lanternly renamed to ``name``, and a saved draft of that name.
    static func workspace() throws -> Scratch {
        let ws = exampleWorkspace()
        let file = ws.url.appendingPathComponent("Submissions/lanternly-live.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("  service: Lanternly Live\n"))
        try Data(text.replacingOccurrences(of: "  service: Lanternly Live\n", with: "  service: \"\(name)\"\n").utf8).write(to: file)
        ws.write(["Drafts/\(draft).yaml": "draft:\n  codes: [\"ofcom-icu-u2u@v1\"]\n  saved: 2026-11-29\nanswers:\n  \"submission.service\": \"\(name)\"\n"])
        return ws
    }

    static func expectShown(_ page: String, _ uri: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(page.contains(shownHTML), "\(uri) does not show the name with its markers escaped", sourceLocation: sourceLocation)
        #expect(!page.contains("<U+"), "\(uri) holds a marker as raw HTML", sourceLocation: sourceLocation)
        #expect(!page.contains("\u{202E}") && !page.contains("\u{200B}"), "\(uri) holds a hidden character itself", sourceLocation: sourceLocation)
    }

    @Test("the portfolio row, the service page's heading and the drafts list show &lt;U+202E&gt; and the emoji whole, never a raw <U+202E>")
    func pagesEscapeTheMarker() async throws {
        let ws = try Self.workspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                Self.expectShown(page, "/")
                #expect(page.contains("<a href=\"/services/lanternly-live\"><strong>\(Self.shownHTML)</strong></a>"))
            }
            try await client.execute(uri: "/services/lanternly-live", method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                Self.expectShown(page, "/services/lanternly-live")
                #expect(page.contains("<h1>\(Self.shownHTML)</h1>"))
            }
            try await client.execute(uri: "/questionnaire", method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                Self.expectShown(page, "/questionnaire")
                #expect(page.contains("<tr id=\"draft-\(Self.draft)\"><td>\(Self.shownHTML)</td>"))
            }
        }
    }

    @Test("every page reachable from the portfolio (the service's, its assessments, compare, diff, the questionnaire) holds no raw <U+")
    func everyPageScanned() async throws {
        let ws = try Self.workspace()
        try await withWorkbench(ws) { client in
            // Follow the site's own links from the portfolio and the questionnaire, other services' pages aside.
            var queue = ["/", "/questionnaire", "/questionnaire?code=ofcom-icu-u2u@v1&draft=\(Self.draft)"]
            var seen = Set(queue)
            var scanned = 0
            while let uri = queue.first, scanned < 40 {
                queue.removeFirst()
                let page = try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    return text(r)
                }
                scanned += 1
                #expect(!page.contains("<U+"), "\(uri) holds a marker as raw HTML")
                for piece in page.components(separatedBy: "href=\"").dropFirst() {
                    var link = String(piece.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
                    if let hash = link.firstIndex(of: "#") { link = String(link[..<hash]) }
                    guard link.hasPrefix("/"), !link.hasSuffix(".json"), !link.hasSuffix(".css"), !seen.contains(link) else { continue }
                    if link.hasPrefix("/services/"), !link.hasPrefix("/services/lanternly-live") { continue }
                    seen.insert(link)
                    queue.append(link)
                }
            }
            // The portfolio, the service, its assessments under the six codes, the questionnaire and more.
            #expect(scanned >= 8, "only \(scanned) pages: \(seen.sorted())")
            #expect(seen.contains("/services/lanternly-live/ofcom-icu-u2u@v1"))
        }
    }

    @Test("the drafts list's JSON gives the name as the portfolio's JSON does: markers as in every JSON format, the emoji whole")
    func draftsJSONConsistent() async throws {
        let ws = try Self.workspace()
        try await withWorkbench(ws) { client in
            let drafts = try await client.execute(uri: "/questionnaire.json", method: .get) { r in try json(r) }
            #expect(drafts["format"] as? String == "safetycode.drafts/1")
            let entry = try #require((drafts["drafts"] as? [[String: Any]])?.first { $0["id"] as? String == Self.draft })
            #expect(entry["service"] as? String == Self.shownJSON)
            let portfolio = try await client.execute(uri: "/index.json", method: .get) { r in try json(r) }
            let service = try #require((portfolio["services"] as? [[String: Any]])?.first { $0["stem"] as? String == "lanternly-live" })
            #expect(service["service"] as? String == Self.shownJSON)
        }
    }
}
