import Foundation
import HummingbirdTesting
import NIOCore
@testable import SafetyCodeServer
import Testing
import TestSupport

/// Errors in the workspace's files shown where the user looks (SPEC section 11: a broken file is a
/// diagnostic on the page, never a 500), found by a new user's trial.
@Suite("Workspace errors on the page the user is on")
struct WorkspaceErrorsTests {
    static let glowtide = "/services/glowtide-live/ofcom-icu-u2u@v1"

    static func note(base: String = "", reason: String) -> ByteBuffer {
        encode([("csrf", csrf), ("base", base), ("kind", "measure"), ("target", "ICU C1"), ("decision", "note"),
                ("reason", reason), ("reviewer", "A. Analyst"), ("expires", "")])
    }

    @Test("a review file that is a symbolic link is named on the assessment page as left out")
    func linkedReviewNamed() async throws {
        let ws = exampleWorkspace()
        let outside = Scratch()
        try "not a review\n".write(toFile: outside.file("passwd"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: ws.file("Reviews/glowtide-live.yaml"), withDestinationPath: outside.file("passwd"))
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.glowtide, method: .get) { r in
                #expect(r.status == .ok)
                let page = text(r)
                #expect(page.contains("<h2>Problems in the workspace files</h2>"))
                #expect(page.contains("<li class=\"diag diag-error\"><code>Reviews/glowtide-live.yaml</code> error: [symbolic-link] is a symbolic link, which the workbench does not follow"))
                #expect(page.contains("it is left out"))
            }
        }
    }

    @Test("a finding posted where the review file is a symbolic link is refused with 409, said at the top, the text kept, the link untouched")
    func linkedReviewPost() async throws {
        let ws = exampleWorkspace()
        let outside = Scratch()
        let target = outside.file("passwd")
        try "root:x:0:0\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = ws.file("Reviews/glowtide-live.yaml")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try await withWorkbench(ws) { client in
            try await client.execute(uri: Self.glowtide, method: .post, headers: form, body: Self.note(reason: "Words I typed <kept>")) { r in
                #expect(r.status == .conflict)
                let page = text(r)
                let alert = try #require(page.range(of: "<div id=\"not-saved\" role=\"alert\" class=\"alert\">Your finding was not saved: Reviews/glowtide-live.yaml is a symbolic link"))
                // At the top: before the report, not only at the form.
                let report = try #require(page.range(of: "<div class=\"report\">"))
                #expect(alert.lowerBound < report.lowerBound)
                #expect(page.contains(">Words I typed &lt;kept&gt;</textarea>"))
                #expect(page.contains("<li class=\"diag diag-error\"><code>Reviews/glowtide-live.yaml</code> error: [symbolic-link]"))
            }
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "root:x:0:0\n")
    }

    @Test("a service whose submission is a symbolic link: its page's 404 says the file is a link and left out")
    func linkedSubmissionPage() async throws {
        let ws = exampleWorkspace()
        let outside = try replaceWithLink(ws, "Submissions/glowtide-live.yaml")
        defer { withExtendedLifetime(outside) {} }
        try await withWorkbench(ws) { client in
            for uri in ["/services/glowtide-live", Self.glowtide] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .notFound)
                    let page = text(r)
                    #expect(page.contains("its file Submissions/glowtide-live.yaml is a symbolic link, which the workbench does not follow, so it is left out"), "\(uri)")
                    #expect(page.contains("<li class=\"diag diag-error\"><code>Submissions/glowtide-live.yaml</code> error: [symbolic-link]"), "\(uri)")
                }
            }
            // A service that is not there at all keeps the plain 404.
            try await client.execute(uri: "/services/no-such-service", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(!text(r).contains("symbolic link"))
            }
        }
    }

    @Test("with a code file cut short, /compare and /diff of its versions show the file's problems and say the code is left out")
    func brokenCodeOnAdvocatePages() async throws {
        let ws = exampleWorkspace()
        let file = ws.file("Codes/ofcom/illegal-content-u2u/v1.yaml")
        let whole = try String(contentsOfFile: file, encoding: .utf8)
        // The first four lines (to `version: v1`), then a quoted title that never ends (line 5):
        // the stream ends at line 6, column 1.
        let head = whole.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).joined(separator: "\n")
        try (head + "\n  title: \"Illegal content\n").write(toFile: file, atomically: true, encoding: .utf8)
        try await withWorkbench(ws) { client in
            for kind in ["compare", "diff"] {
                try await client.execute(uri: "/\(kind)?from=ofcom-icu-u2u@v1&to=ofcom-icu-u2u@v2-2026-amendments", method: .get) { r in
                    #expect(r.status == .notFound)
                    let page = text(r)
                    #expect(page.contains("<h2>Problems in the workspace files</h2>"), "\(kind)")
                    #expect(page.contains("<code>Codes/ofcom/illegal-content-u2u/v1.yaml:6:1</code> error: [yaml-syntax] found unexpected end of stream"), "\(kind)")
                    #expect(page.contains("There is no code &#39;ofcom-icu-u2u@v1&#39; among the codes of this workspace that could be read: a code whose files have errors (listed on this page) is left out"), "\(kind)")
                }
            }
        }
    }

    @Test("a second finding from the same page load is refused with 409, the message not blaming another reviewer, the text kept")
    func samePageTwice() async throws {
        let ws = exampleWorkspace()
        let review = ws.file("Reviews/raidhall-chat-2027-03.yaml")
        try await withWorkbench(ws) { client in
            // Both forms carry the base of the page as opened: no review file yet.
            try await client.execute(uri: WorkbenchFindingTests.target, method: .post, headers: form, body: WorkbenchFindingTests.dispute()) { r in
                #expect(r.status == .seeOther)
            }
            let saved = try Data(contentsOf: URL(fileURLWithPath: review))
            try await client.execute(uri: WorkbenchFindingTests.target, method: .post, headers: form, body: Self.note(reason: "My second finding")) { r in
                #expect(r.status == .conflict)
                let page = text(r)
                #expect(!page.contains("Another reviewer"))
                #expect(page.contains("<code>Reviews/raidhall-chat-2027-03.yaml</code> changed since this page was opened: someone (perhaps you, in another tab or another form of this page) saved a finding to it, so yours was not saved"))
                #expect(page.contains(">My second finding</textarea>"))
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: review)) == saved)
        }
    }
}
