import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Risk profiles and challenges to the declared risk (SPEC section 9). Expected values are worked
/// out by hand from Codes/ofcom/risk-profiles/u2u.yaml, the ICU v1 measures and the submissions.
@Suite("Risk profiles: challenging the declared risk")
struct RiskProfileTests {
    static let icu = packageRoot.appendingPathComponent("Codes/ofcom/illegal-content-u2u/v1.yaml").path
    static let vocabulary = packageRoot.appendingPathComponent("Codes/ofcom/vocabulary.yaml").path
    static let glowtide = packageRoot.appendingPathComponent("Submissions/glowtide-live.yaml").path
    static let day = Day("2026-11-29")!

    func assess(_ submission: String, code: String = icu) throws -> Assessment {
        let loader = Loader()
        let c = try #require(loader.code(code), "\(loader.diagnostics)")
        let s = try #require(loader.submission(submission, vocabulary: c.vocabulary), "\(loader.diagnostics)")
        return Assessor(code: c).assess(s, asOf: Self.day)
    }

    /// A submission with the given `service` and `risk` lines, every other fact left unknown.
    func submission(_ scratch: Scratch, service: String, risk: String) -> String {
        scratch.write(["s.yaml": """
            submission: {service: Test service}
            service:
              type: user-to-user
              uk_users: 500000
            \(service)
            risk:
            \(risk)

            """])
        return scratch.file("s.yaml")
    }

    @Test("Glowtide declares low grooming risk with children, DMs, connections and livestreaming: challenged at high, with its factors, rule, source and the critical ICU F1 it hides")
    func understatedGrooming() throws {
        let a = try assess(Self.glowtide)
        let review = try #require(a.risk)
        let c = try #require(review.challenges.first { $0.harm == "risk.grooming" })
        #expect(c.decided)
        #expect(c.declared == "low")
        #expect(c.indicated == "high")
        #expect(c.rule.id == "grooming-high")
        #expect(c.rule.source.paragraph == "Risk Assessment Guidance, CSEA (grooming) risk level table")
        #expect(c.rule.source.confidence == .unconfirmed)
        let present = Set(c.factors.map(\.factor.id))
        // Every grooming factor but `gaming` (service.kinds is [social_media]).
        #expect(present == ["child_users", "social_media", "user_profiles", "user_connections", "direct_messaging", "livestreaming",
                            "network_expansion_prompts", "connection_lists_visible"])
        // 950,000 users is not large, so ICU F1 and F2 apply only at high grooming risk; at high both
        // are partly met (location hidden, nothing else of F1; F2's connection-request prompt only).
        #expect(c.hidden.newlyApplicable.map(\.id) == ["ICU F1", "ICU F2"])
        #expect(c.hidden.newGaps == ["ICU F1", "ICU F2"])
        #expect(c.hidden.newlyApplicable.first?.severity == .critical)
        #expect(review.hiddenGaps == ["ICU F1", "ICU F2"])
        // At medium, still not large: nothing more applies.
        let grooming = try #require(review.sensitivity.first { $0.harm == "risk.grooming" })
        #expect(grooming.ifLevel == "medium")
        #expect(grooming.effect.newlyApplicable.isEmpty)
    }

    @Test("the gap report names the understatement right after the score, in Markdown, HTML, JSON and CSV")
    func reportFormats() throws {
        let a = try assess(Self.glowtide)
        let md = GapReport.render(a, format: .markdown, submissionSHA: "x", inputs: ReportInput.of(a.code))
        let section = try #require(md.range(of: "## Risk declarations to challenge"))
        let score = try #require(md.range(of: "\nScore "))
        let bySection = try #require(md.range(of: "## Score by section"))
        #expect(score.upperBound < section.lowerBound && section.upperBound < bySection.lowerBound)
        #expect(md.contains("### ⚠ grooming (`risk.grooming`): declared low, the guidance indicates at least high"))
        #expect(md.contains("2 more gaps would show"))
        #expect(md.contains("| ICU F1: Safety defaults for child users | critical | partial |"))
        #expect(md.contains("Users can send each other direct messages: service.functionalities includes direct\\_messaging"))
        let html = GapReport.render(a, format: .html, submissionSHA: "x", inputs: ReportInput.of(a.code))
        #expect(html.contains("<h2>Risk declarations to challenge</h2>"))
        #expect(html.contains("declared <strong>low</strong>, the guidance indicates at least <strong>high</strong>"))
        let json = try parseJSON(GapReport.render(a, format: .json, submissionSHA: "x", inputs: []))
        let challenges = try #require(json["risk_challenges"] as? [[String: Any]])
        let g = try #require(challenges.first { $0["harm"] as? String == "risk.grooming" })
        #expect(g["declared"] as? String == "low")
        #expect(g["indicated"] as? String == "high")
        #expect((g["rule"] as? [String: Any])?["id"] as? String == "grooming-high")
        #expect((g["source"] as? [String: Any])?["confidence"] as? String == "unconfirmed")
        #expect((g["new_gaps"] as? [String]) == ["ICU F1", "ICU F2"])
        #expect((g["factors"] as? [[String: Any]])?.count == 8)
        let sensitivity = try #require(json["sensitivity"] as? [[String: Any]])
        #expect(sensitivity.contains { $0["harm"] as? String == "risk.grooming" && $0["if_level"] as? String == "medium" })
        let csv = GapReport.render(a, format: .csv, submissionSHA: "x", inputs: [])
        #expect(csv.split(separator: "\r\n").first?.contains(",reason,hidden_by_declared_risk,source_paragraph,") == true)
        #expect(csv.split(separator: "\r\n").contains { $0.contains(",ICU F1,") && $0.contains(",risk.grooming>high,ICU F1,") })
    }

    @Test("a service with none of a harm's risk factors is never challenged on it, whatever level it declares")
    func noFactorsNoChallenge() throws {
        let scratch = Scratch()
        let path = submission(scratch, service: """
              likely_accessed_by_children: false
              file_storage_or_sharing: false
              functionalities: []
              kinds: []
              network_expansion_prompts: false
              connection_lists_visible: false
            """, risk: """
              grooming: negligible
              image_based_csam: negligible
              csam_urls: negligible
            """)
        let a = try assess(path)
        #expect(try #require(a.risk).challenges.isEmpty)
        let md = GapReport.render(a, format: .markdown, submissionSHA: "x", inputs: [])
        #expect(md.contains("No declared level is below what the risk guidance indicates, on the facts given."))
    }

    @Test("children alone (no contact features, no risky service kind) is a factor but no rule holds: no challenge")
    func factorWithoutRule() throws {
        let scratch = Scratch()
        let path = submission(scratch, service: """
              likely_accessed_by_children: true
              functionalities: [commenting]
              kinds: [discussion_forum]
              network_expansion_prompts: false
              connection_lists_visible: false
            """, risk: "  grooming: low")
        #expect(try #require(try assess(path).risk).challenges.isEmpty)
    }

    @Test("where the factors are unknown the challenge is undecided and the missing facts join the questions")
    func undecided() throws {
        let scratch = Scratch()
        // Children, no contact features, service kinds not given: grooming-medium hangs on whether it
        // is a gaming or social media service; grooming-high is false (no direct messaging).
        let path = submission(scratch, service: """
              likely_accessed_by_children: true
              functionalities: [commenting]
            """, risk: "  grooming: low")
        let a = try assess(path)
        let c = try #require(a.risk?.challenges.first)
        #expect(a.risk?.challenges.count == 1)
        #expect(c.harm == "risk.grooming")
        #expect(!c.decided)
        #expect(c.indicated == "medium")
        #expect(c.missingFacts.map { a.code.vocabulary.facts[$0].path } == ["service.kinds"])
        let question = try #require(a.openQuestions.first { $0.fact.path == "service.kinds" })
        #expect(question.measures == ["risk.grooming level"])
        #expect(a.risk?.hiddenGaps == [])
    }

    @Test("a challenge undecided for want of facts is a whole sentence in the report (a trial found the fragment '1 more may be, for want of facts')")
    func undecidedSentence() throws {
        let scratch = Scratch()
        let path = submission(scratch, service: """
              likely_accessed_by_children: true
              functionalities: [commenting]
            """, risk: "  grooming: low")
        let a = try assess(path)
        let md = GapReport.render(a, format: .markdown, submissionSHA: "x", inputs: [])
        #expect(md.contains("1 declared level may be below what the risk guidance indicates: the facts that would decide it are missing (asked under Questions for the platform)."), "\(md)")
        #expect(!md.contains("more may be, for want of facts"))
    }

    @Test("the one-level-up table says a challenged kind may bring measures at its indicated level (a trial read the table as contradicting the challenge)")
    func oneLevelUpWords() throws {
        let a = try assess(Self.glowtide, code: packageRoot.appendingPathComponent("Codes/ofcom/illegal-content-u2u/v2-2026-amendments.yaml").path)
        let md = GapReport.render(a, format: .markdown, submissionSHA: "x", inputs: [])
        // Under the 2026 amendments, Glowtide's grooming is challenged at high (ICU F1, F2), yet one step up (medium) brings nothing:
        // the table lists only intimate image abuse, so its words must say why grooming is not there.
        #expect(md.contains("| `risk.intimate_image_abuse` | medium | high | ICU C14 | ICU C14 |"))
        #expect(!md.contains("| `risk.grooming` | low |"))
        #expect(md.contains("A kind not listed brings none at one step; a kind challenged above may still bring measures at the level the guidance indicates."))
    }

    @Test("explain prints a long fact value once and '(as above)' after (a trial counted the functionalities list a dozen times)")
    func explainPrintsLongValuesOnce() throws {
        let r = try CLI.run(["explain", "risk.grooming", "Submissions/glowtide-live.yaml", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml", "--as-of", "2026-11-29"])
        #expect(r.status == 0, "\(r.stderr)")
        let full = "service.functionalities  =>  [user_profiles, user_connections, direct_messaging, image_video_sharing, commenting, livestreaming, recommender_feed, user_search, notable_user_labels, monetised_content_labels]"
        #expect(r.stdout.components(separatedBy: full).count - 1 == 1)
        #expect(r.stdout.contains("service.functionalities  =>  (as above)"))
        // Short values are still printed each time.
        #expect(r.stdout.components(separatedBy: "service.likely_accessed_by_children  =>  true").count - 1 > 1)
    }

    @Test("a misspelt fact in a factor is one error, not one more for each rule that names the factor")
    func misspeltFactorOneError() throws {
        let scratch = Scratch()
        scratch.write(["risk-profiles/p.yaml": """
            risk_profile:
              id: p
              version: "1"
              title: P
              vocabulary: \(Self.vocabulary)
            harms:
              risk.grooming:
                factors:
                  - id: dms
                    text: DMs
                    when: service.functionalitiez contains direct_messaging
                    source: {url: https://example.org, confidence: unconfirmed}
                guidance:
                  - id: r
                    at_least: high
                    when: dms
                    text: T
                    source: {url: https://example.org, confidence: unconfirmed}

            """])
        let report = Lint.run(paths: [scratch.file("risk-profiles/p.yaml")])
        let lines = report.rendered.joined(separator: "\n")
        #expect(lines.contains("\(scratch.file("risk-profiles/p.yaml")):11:15: error: [unknown-fact] no fact 'service.functionalitiez' in the vocabulary; did you mean 'service.functionalities'?"), "\(lines)")
        #expect(report.errors == 1, "\(lines)")
    }

    @Test("schema outside the repository says to give --vocabulary, instead of a missing file never named")
    func schemaOutsideRepository() throws {
        let scratch = Scratch()
        let r = try CLI.run(["schema", "risk-profile"], in: scratch.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("safetycode: error: [missing-file] the schemas are made from a vocabulary, and there is no Codes/ofcom/vocabulary.yaml in this folder: run from the repository's folder or give --vocabulary FILE"), "\(r.stderr)")
        let given = try CLI.run(["schema", "risk-profile", "--vocabulary", Self.vocabulary], in: scratch.url)
        #expect(given.status == 0, "\(given.stderr)")
        #expect(given.stdout.contains("\"risk.grooming\""))
    }

    @Test("explain risk.grooming shows each factor and rule with its value, the challenge and the measures it hides")
    func explain() throws {
        let r = try CLI.run(["explain", "risk.grooming", "Submissions/glowtide-live.yaml", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml", "--as-of", "2026-11-29"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("● direct_messaging: Users can send each other direct messages [present]"))
        #expect(r.stdout.contains("○ gaming: The service is a gaming service [absent]"))
        #expect(r.stdout.contains("grooming-high: at least high when the condition holds: true"))
        #expect(r.stdout.contains("Challenge: declared low, the guidance indicates at least high (rule grooming-high)"))
        #expect(r.stdout.contains("✗ ICU F1 (critical): Safety defaults for child users — partial, a gap"))
        let bad = try CLI.run(["explain", "risk.groming", "Submissions/glowtide-live.yaml", "--code", "Codes/ofcom/illegal-content-u2u/v1.yaml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean 'risk.grooming'?"))
    }

    @Test("a bad risk profile is refused with each problem at its line and column")
    func lintProblems() throws {
        let scratch = Scratch()
        scratch.write(["risk-profiles/p.yaml": """
            risk_profile:
              id: p
              version: "1"
              title: P
              vocabulary: \(Self.vocabulary)
            harms:
              risk.groming:
                factors: []
                guidance: []
              risk.grooming:
                factors:
                  - id: dms
                    text: DMs
                    when: service.functionalities contains direct_messaging
                    source: {url: https://example.org, confidence: unconfirmed}
                guidance:
                  - id: r
                    at_least: hihg
                    when: service.likely_accessed_by_children
                    text: T
                    source: {url: https://example.org, confidence: unconfirmed}

            """])
        let report = Lint.run(paths: [scratch.file("risk-profiles/p.yaml")])
        let lines = report.rendered.joined(separator: "\n")
        let file = scratch.file("risk-profiles/p.yaml")
        #expect(lines.contains("\(file):7:3: error: [unknown-fact] 'risk.groming' is not a declared risk level in the vocabulary; did you mean 'risk.grooming'?"))
        #expect(lines.contains("\(file):18:19: error: [bad-value] 'at_least' must be one of negligible, low, medium, high, not 'hihg'"))
        #expect(lines.contains("\(file):19:15: error: [bad-value] rule 'r' of risk.grooming uses none of its risk factors (dms)"))
        #expect(report.errors == 3)
    }

    @Test("the shipped risk profile lints clean, and its schema is made and committed")
    func shipped() throws {
        let report = Lint.run(paths: [packageRoot.appendingPathComponent("Codes/ofcom/risk-profiles").path, Self.vocabulary])
        #expect(report.diagnostics.isEmpty, "\(report.rendered)")
        let r = try CLI.run(["schema", "risk-profile"])
        #expect(r.status == 0)
        let schema = try parseJSON(r.stdout)
        let harms = try #require((schema["properties"] as? [String: Any])?["harms"] as? [String: Any])
        #expect((harms["properties"] as? [String: Any])?["risk.grooming"] != nil)
        #expect(harms["additionalProperties"] as? Bool == false)
    }

    @Test("compare counts, per version, the services whose gaps are hidden by declarations below the indicated level")
    func compare() throws {
        let loader = Loader()
        let from = try #require(loader.code(Self.icu))
        let s = try #require(loader.submission(Self.glowtide, vocabulary: from.vocabulary))
        let c = Comparison(from: from, to: from, submissions: [s], asOf: Self.day)
        #expect(c.hiddenByDeclaredRisk.from.services == 1)
        #expect(c.hiddenByDeclaredRisk.from.gaps == 2)
        let json = try parseJSON(DiffReport.json(c, digests: [:]).serialized())
        let hidden = try #require(json["hidden_by_declared_risk"] as? [String: Any])
        #expect((hidden["from"] as? [String: Any])?["gaps"] as? Int == 2)
    }

    @Test("a code whose risk profile has errors yields no report (found by a trial: the report silently lost its challenges)")
    func brokenProfile() throws {
        let scratch = Scratch()
        try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("Codes/ofcom").path, toPath: scratch.file("codes"))
        let profile = scratch.file("codes/risk-profiles/u2u.yaml")
        let text = try String(contentsOfFile: profile, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "when: service.functionalities contains user_profiles", with: "when: service.functionalitiez contains user_profiles")
        #expect(broken != text)
        try broken.write(toFile: profile, atomically: true, encoding: .utf8)
        let r = try CLI.run(["assess", packageRoot.appendingPathComponent("Submissions/glowtide-live.yaml").path, "--code", "codes/illegal-content-u2u/v1.yaml",
                             "--as-of", "2026-11-29", "--out", "out"], in: scratch.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: [unknown-fact] no fact 'service.functionalitiez'"), "\(r.stderr)")
        #expect(r.stderr.contains("beside the vocabulary has errors, so this code cannot be assessed"))
        #expect(scratch.files(under: "out").isEmpty)
    }
}

/// The portfolio's count of challenged declarations (issue 18's speed work): made without
/// assessing the submission again per level, it must give the risk review's figure.
@Suite("Risk profiles: the challenge count the portfolio shows")
struct ChallengeCountTests {
    @Test("Glowtide under ICU v1: one challenged declaration (grooming, as its committed report says), counted on an assessment without explanations")
    func glowtide() throws {
        let loader = Loader()
        let c = try #require(loader.code(RiskProfileTests.icu), "\(loader.diagnostics)")
        let s = try #require(loader.submission(RiskProfileTests.glowtide, vocabulary: c.vocabulary), "\(loader.diagnostics)")
        let bare = Assessor(code: c).assess(s, asOf: RiskProfileTests.day, explain: false)
        #expect(bare.risk == nil)
        #expect(Assessor(code: c).decidedChallengeCount(bare) == 1)
    }

    @Test("for every example submission (history included) under every shipped code, reviews applied, the count equals the full risk review's decided challenges")
    func everyExample() throws {
        let codeFiles = (FileManager.default.enumerator(atPath: packageRoot.appendingPathComponent("Codes").path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.contains("/tests/") }.map { packageRoot.appendingPathComponent("Codes/" + $0).path }
        let codes = Assess.loadCodes(amongFiles: codeFiles).codes
        #expect(codes.count == 6)
        let submissions = ["glowtide-live", "lanternly-live", "lumenwisp-video", "marblewave-social", "nocturnelle-adult", "purfling-lane-forum",
                           "raidhall-chat", "stashmoor-file-locker", "whisperlark-messenger", "history/raidhall-chat-2027-03"]
        var compared = 0, challenged = 0
        for code in codes where !code.riskProfiles.isEmpty {
            for name in submissions {
                let loader = Loader()
                let path = packageRoot.appendingPathComponent("Submissions/\(name).yaml").path
                let s = try #require(loader.submission(path, vocabulary: code.vocabulary), "\(loader.diagnostics)")
                let stem = String(name.split(separator: "/").last!)
                let reviewPath = packageRoot.appendingPathComponent("Reviews/\(stem).yaml").path
                let review = FileManager.default.fileExists(atPath: reviewPath) ? loader.review(reviewPath, vocabulary: code.vocabulary) : nil
                let sha = try #require(loader.sha256(path))
                let assessor = Assessor(code: code)
                let full = assessor.assess(s, review: review, submissionSHA: sha, asOf: RiskProfileTests.day)
                let bare = assessor.assess(s, review: review, submissionSHA: sha, asOf: RiskProfileTests.day, explain: false)
                let expected = try #require(full.risk).decided.count
                #expect(assessor.decidedChallengeCount(bare) == expected, "\(name) under \(code.header.id) \(code.header.version)")
                compared += 1
                challenged += expected
            }
        }
        // Every code with risk profiles, every example; some of them challenged (Glowtide's grooming at least).
        #expect(compared >= 10)
        #expect(challenged > 0)
    }

    @Test("a reviewer's dispute raising Glowtide's grooming level to high leaves nothing to challenge: the count reads the reviewed level, as the risk review does")
    func reviewedLevel() throws {
        let scratch = Scratch()
        let sha = "64ab3112697261fd45aa15e7baf21d4d50447e4444755be8b106614430b776f9"  // sha256sum Submissions/glowtide-live.yaml
        scratch.write(["r.yaml": """
            review:
              submission: Submissions/glowtide-live.yaml
              submission_sha256: \(sha)
            findings:
              - fact: risk.grooming
                decision: dispute
                value: high
                reason: The guidance's table puts this combination at high.
                reviewer: A. Analyst
                date: 2026-11-24

            """])
        let loader = Loader()
        let c = try #require(loader.code(RiskProfileTests.icu), "\(loader.diagnostics)")
        let s = try #require(loader.submission(RiskProfileTests.glowtide, vocabulary: c.vocabulary), "\(loader.diagnostics)")
        let review = try #require(loader.review(scratch.file("r.yaml"), vocabulary: c.vocabulary), "\(loader.diagnostics)")
        let assessor = Assessor(code: c)
        let bare = assessor.assess(s, review: review, submissionSHA: sha, asOf: RiskProfileTests.day, explain: false)
        #expect(assessor.decidedChallengeCount(bare) == 0)
        let full = assessor.assess(s, review: review, submissionSHA: sha, asOf: RiskProfileTests.day)
        #expect(full.risk?.decided.count == 0)
    }
}
