import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Reports are read by ministers and campaigners, also on the workbench's pages (issue 18): they
/// name lenses and kinds of harm in the vocabulary's words, not its ids, and tell no one to type
/// a command-line option.
@Suite("Reports in a reader's words")
struct ReaderWordsTests {
    static let icu = "Codes/ofcom/illegal-content-u2u"
    /// The lens child_sexual_abuse ("Child sexual abuse": csea, grooming, image_based_csam,
    /// csam_urls), each kind named as its risk question in Codes/ofcom/vocabulary.yaml names it.
    static let label = "Only measures that address Child sexual abuse (child sexual exploitation and abuse; grooming; "
        + "image-based child sexual abuse material; URLs to child sexual abuse material)."

    @Test("compare --lens names the lens and its kinds of harm in words, and says in words how to get the score it shows")
    func compareWords() throws {
        let services = ["Submissions/glowtide-live.yaml", "Submissions/raidhall-chat.yaml"]
        for format in ["md", "html"] {
            let r = try CLI.run(["compare", "--from", "\(Self.icu)/v2-2026-amendments.yaml", "--to", "\(Self.icu)/v2-additional-safety-measures.yaml"]
                                + services + ["--lens", "child_sexual_abuse", "--as-of", "2026-11-29", "--format", format, "--out", "-"])
            #expect(r.status == 0, "\(r.stderr)")
            let text = r.stdout
            #expect(text.contains(Self.label), "\(format)")
            #expect(text.contains("(a gap report made as if every measure were in force gives the score shown here)"), "\(format)")
            #expect(!text.contains("--as-if-in-force"), "\(format)")
            for id in ["image_based_csam", "image\\_based\\_csam", "csam_urls", "csam\\_urls", "lens child_sexual_abuse"] {
                #expect(!text.contains(id), "\(format): \(id)")
            }
        }
        let md = try CLI.run(["compare", "--from", "\(Self.icu)/v2-2026-amendments.yaml", "--to", "\(Self.icu)/v2-additional-safety-measures.yaml"]
                             + services + ["--lens", "child_sexual_abuse", "--as-of", "2026-11-29", "--format", "md", "--out", "-"]).stdout
        #expect(md.contains("### Child sexual abuse\n"))
        #expect(md.contains("Kinds of harm: child sexual exploitation and abuse; grooming; image-based child sexual abuse material; URLs to child sexual abuse material."))
    }

    @Test("a kind of harm in two kinds of risk (hate) is named by both questions; one no question names is its id in words")
    func harmWords() throws {
        let loader = Loader()
        let v = try #require(loader.vocabulary("Codes/ofcom/vocabulary.yaml"))
        // risk.hate: "hate offences"; children_risk.hate: "content inciting hatred".
        #expect(v.harmWords("hate") == "hate offences and content inciting hatred")
        #expect(v.harmWords("harassment_stalking_threats_abuse") == "harassment, stalking, threats and abuse")
        #expect(v.harmWords("no_such_kind") == "no such kind")
    }

    @Test("a code's short title names it in the portfolio's narrow columns; an overlay without one does not take its base's")
    func shortTitle() throws {
        let loader = Loader()
        let asm = try #require(loader.code("\(Self.icu)/v2-2026-amendments.yaml"))
        #expect(asm.header.shortTitle == "Illegal content, 2026 amendments")
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["code.yaml": SmallCode.code.replacingOccurrences(of: "title: A small code", with: "title: A small code\n  short_title: Small v1"),
                       "v2.yaml": "code: {version: v2, status: proposed}\nextends: code.yaml\n"])
        let l = Loader()
        #expect(l.code(scratch.file("code.yaml"))?.header.shortTitle == "Small v1")
        let v2 = try #require(l.code(scratch.file("v2.yaml")))
        #expect(v2.header.shortTitle == nil)
        #expect(v2.header.title == "A small code")
    }

    @Test("the gap report's headline and its status table agree: an optional measure partly met is named apart, not hidden")
    func optionalCounted() throws {
        // Raidhall (October) against ICU v1, its review applied: partly met ICU C6, C7, D13 and F1, not met
        // ICU D14; ICU D13 is optional (Codes/ofcom/illegal-content-u2u/v1.yaml), so 4 gaps, F1 the critical one.
        let md = try CLI.run(["assess", "Submissions/raidhall-chat.yaml", "--code", "\(Self.icu)/v1.yaml", "--as-of", "2026-11-29", "--format", "md", "--out", "-"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("27 met, 4 with gaps, 1 of them critical, 1 optional measure partly met (optional measures are not counted as gaps)."))
        #expect(md.stdout.contains("| partly met | 4 (1 of them optional, not counted as a gap) |\n| not met | 1 |\n"))
        let html = try CLI.run(["assess", "Submissions/raidhall-chat.yaml", "--code", "\(Self.icu)/v1.yaml", "--as-of", "2026-11-29", "--format", "html", "--out", "-"])
        #expect(html.stdout.contains("1 optional measure partly met (optional measures are not counted as gaps)."))
        #expect(html.stdout.contains("<li>partly met: <strong>4</strong> (1 of them optional, not counted as a gap)</li>"))
    }

    @Test("a gap report says so beside the date when the submission is dated after the assessment date, and only then")
    func futureDated() throws {
        // Submissions/history/raidhall-chat-2027-03.yaml is dated 2027-03-01.
        let file = "Submissions/history/raidhall-chat-2027-03.yaml"
        let early = try CLI.run(["assess", file, "--code", "\(Self.icu)/v1.yaml", "--as-of", "2026-11-29", "--format", "md", "--out", "-"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stdout.contains("| Declared | 1 March 2027 (dated after the assessment date, 29 November 2026: a declaration of what is planned, "
            + "or a wrong date; assessed as declared) |"))
        let onTheDay = try CLI.run(["assess", file, "--code", "\(Self.icu)/v1.yaml", "--as-of", "2027-03-01", "--format", "md", "--out", "-"])
        #expect(onTheDay.stdout.contains("| Declared | 1 March 2027 |"))
    }
}
