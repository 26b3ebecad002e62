import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SafetyCodeServer
import TestSupport

/// The portfolio of a large workspace is read a hundred services at a time.
@Suite("The portfolio's pages")
struct PortfolioPagesTests {
    /// The example codes and 205 copies of Nocturnelle's submission named "Service 001" to
    /// "Service 205" (files s001.yaml to s205.yaml, so stems s001 to s205, in name order).
    static func largeWorkspace() throws -> Scratch {
        let ws = Scratch()
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Codes"), to: ws.url.appendingPathComponent("Codes"))
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Submissions/nocturnelle-adult.yaml"), encoding: .utf8)
        var files: [String: String] = [:]
        for i in 1...205 {
            let n = String(format: "%03d", i)
            files["Submissions/s\(n).yaml"] = text.replacingOccurrences(of: "  service: Nocturnelle\n", with: "  service: Service \(n)\n")
        }
        #expect(ws.write(files) == nil)
        return ws
    }

    @Test("205 services fill three pages of 100: each page lists its own, says which, and links the others with the filters kept")
    func pages() async throws {
        let ws = try Self.largeWorkspace()
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/?code=ofcom-icu-u2u@v1", method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                #expect(page.contains("205 services against 1 code, assessed as of 29 November 2026. Services 1 to 100 are shown (page 1 of 3)."))
                #expect(page.contains("<tr id=\"service-s001\">") && page.contains("<tr id=\"service-s100\">"))
                #expect(!page.contains("<tr id=\"service-s101\">"))
                #expect(count("<tr id=\"service-", in: page) == 100)
                #expect(page.contains("<strong aria-current=\"page\">1</strong>"))
                #expect(page.contains("<a href=\"/?code=ofcom-icu-u2u@v1&amp;page=2\">2</a>"))
                #expect(page.contains("<a rel=\"next\" href=\"/?code=ofcom-icu-u2u@v1&amp;page=2\">Next</a>"))
                #expect(!page.contains("rel=\"prev\""))
            }
            try await client.execute(uri: "/?code=ofcom-icu-u2u@v1&page=3", method: .get) { r in
                let page = text(r)
                #expect(page.contains("Services 201 to 205 are shown (page 3 of 3)."))
                #expect(count("<tr id=\"service-", in: page) == 5)
                #expect(page.contains("<tr id=\"service-s201\">") && page.contains("<tr id=\"service-s205\">"))
                #expect(page.contains("<a rel=\"prev\" href=\"/?code=ofcom-icu-u2u@v1&amp;page=2\">Previous</a>"))
                #expect(page.contains("<a href=\"/?code=ofcom-icu-u2u@v1\">1</a>"))
                #expect(!page.contains("rel=\"next\""))
            }
            // No page 4, and no page "two": a 404 saying how pages are numbered.
            for bad in ["4", "0", "two", "-1"] {
                try await client.execute(uri: "/?code=ofcom-icu-u2u@v1&page=\(bad)", method: .get) { r in
                    #expect(r.status == .notFound)
                    #expect(text(r).contains("The portfolio has no page &#39;\(bad)&#39;") || text(r).contains("The portfolio has no page '\(bad)'"))
                }
            }
            // The JSON lists every service.
            try await client.execute(uri: "/.json?code=ofcom-icu-u2u@v1", method: .get) { r in
                let j = try json(r)
                #expect((j["services"] as? [Any])?.count == 205)
            }
        }
    }

    @Test("nine services fit one page: no page links")
    func onePage() async throws {
        try await withWorkbench(exampleWorkspace()) { client in
            try await client.execute(uri: "/", method: .get) { r in
                let page = text(r)
                #expect(page.contains("9 services against 6 codes, assessed as of 29 November 2026.</p>"))
                #expect(!page.contains("portfolio-pages"))
            }
        }
    }

    @Test("a submission replaced by a symbolic link is left out and named on the page as a link, not silently dropped")
    func linkNamed() async throws {
        let ws = exampleWorkspace()
        let outside = try replaceWithLink(ws, "Submissions/glowtide-live.yaml")
        defer { withExtendedLifetime(outside) {} }
        try await withWorkbench(ws) { client in
            try await client.execute(uri: "/", method: .get) { r in
                let page = text(r)
                #expect(!page.contains("<tr id=\"service-glowtide-live\">"))
                #expect(page.contains("8 services against 6 codes"))
                #expect(page.contains("Submissions/glowtide-live.yaml"))
                #expect(page.contains("[symbolic-link] is a symbolic link, which the workbench does not follow"))
            }
        }
    }

    @Test("with the vocabulary broken, a page asking for a code it stops says why, and the service page lists the error")
    func brokenVocabulary() async throws {
        let ws = exampleWorkspace()
        let vocabulary = ws.file("Codes/ofcom/vocabulary.yaml")
        let text0 = try String(contentsOfFile: vocabulary, encoding: .utf8)
        try ("facts: [unclosed\n" + text0).write(toFile: vocabulary, atomically: true, encoding: .utf8)
        try await withWorkbench(ws) { client in
            for uri in ["/services/raidhall-chat/ofcom-icu-u2u@v1", "/questionnaire?code=ofcom-icu-u2u@v1"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound)
                    let page = text(r)
                    #expect(page.contains("There is no code &#39;ofcom-icu-u2u@v1&#39; among the codes of this workspace that could be read")
                            || page.contains("There is no code 'ofcom-icu-u2u@v1' among the codes of this workspace that could be read"), "\(uri)")
                    #expect(page.contains("Codes/ofcom/vocabulary.yaml:"), "\(uri)")
                }
            }
            try await client.execute(uri: "/services/raidhall-chat", method: .get) { r in
                #expect(text(r).contains("Codes/ofcom/vocabulary.yaml:"))
            }
        }
    }

    @Test("a filter naming no lens, severity or code of the workspace is a 404 saying so, not all services shown as if unfiltered")
    func unknownFilters() async throws {
        try await withWorkbench(exampleWorkspace()) { client in
            for (query, name) in [("lens=bogus", "lens"), ("severity=dire", "severity"), ("code=ofcom-icu-u2u@v9", "code")] {
                try await client.execute(uri: "/?" + query, method: .get) { r in
                    #expect(r.status == .notFound, "\(query)")
                    #expect(text(r).contains("The portfolio has no \(name) "), "\(query)")
                }
            }
            // The form's "all" choices send empty values: the whole portfolio.
            try await client.execute(uri: "/?lens=&severity=&code=", method: .get) { r in
                #expect(r.status == .ok)
                #expect(text(r).contains("9 services against 6 codes"))
            }
        }
    }
}
