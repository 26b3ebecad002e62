import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// Issue 14: exact diffs and comparisons for advocates, and harm lenses (SPEC section 10).
@Suite("Advocates: diffs, comparisons and lenses")
struct AdvocateTests {
    /// The eight example services (Submissions/*.yaml; Submissions/history/ holds a later
    /// version of one of them, which a comparison of services does not count twice).
    static let services: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Submissions").path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted().map { "Submissions/" + $0 }

    static let icu = "Codes/ofcom/illegal-content-u2u"

    // MARK: Diff

    @Test("the v1 -> 2026 diff states the redefinition of multi_risk once, and lists only G1 as changed")
    func redefinitionOnce() throws {
        let loader = Loader()
        let a = try #require(loader.code(packageRoot.appendingPathComponent("\(Self.icu)/v1.yaml").path))
        let b = try #require(loader.code(packageRoot.appendingPathComponent("\(Self.icu)/v2-2026-amendments.yaml").path))
        let d = CodeDiff(from: a, to: b)
        // The 2026 overlay replaces G1 (new check, wording, source) and redefines the multi-risk list:
        // encouraging_assisting_suicide is replaced by suicide_self_harm, cyberflashing added, each
        // named in the vocabulary's words (its risk questions: "risk of suicide and self-harm").
        #expect(d.changed.map(\.id) == ["ICU G1"])
        let multi = try #require(d.definitionsChanged.first { $0.name == "multi_risk" })
        #expect(multi.itemsAdded.contains { $0.contains("risk of suicide and self-harm") }, "\(multi.itemsAdded)")
        #expect(multi.itemsAdded.contains { $0.contains("cyberflashing") }, "\(multi.itemsAdded)")
        #expect(multi.itemsRemoved.contains { $0.contains("risk of encouraging or assisting suicide") }, "\(multi.itemsRemoved)")
        // A3 applies to large or multi-risk services: moved by the definition, not changed itself.
        #expect(multi.measures.contains("ICU A3"))
        #expect(!d.changed.contains { $0.id == "ICU A3" })
        #expect(d.added.map(\.id) == ["ICU C14", "ICU C15", "ICU C16"])
    }

    @Test("no diff report shows identical before and after text, or says 'in force, in force from'")
    func noIdenticalText() throws {
        let pairs = [("v1.yaml", "v2-2026-amendments.yaml"), ("v2-2026-amendments.yaml", "v2-additional-safety-measures.yaml"),
                     ("v1.yaml", "v2-additional-safety-measures.yaml")]
        for (x, y) in pairs {
            let r = try CLI.run(["diff", "--from", "\(Self.icu)/\(x)", "--to", "\(Self.icu)/\(y)", "--format", "md", "--out", "-"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.contains("in force, in force from"))
            for line in r.stdout.split(separator: "\n") where line.hasPrefix("| ") && !line.hasPrefix("| |") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.count == 5 { #expect(cells[2] != cells[3], "\(x) -> \(y): \(line)") }
            }
            // "Before: X. Now: X." with the same X.
            let text = r.stdout
            var rest = Substring(text)
            while let b = rest.range(of: "Before: ") {
                let after = rest[b.upperBound...]
                guard let n = after.range(of: ". Now: ") else { break }
                let before = after[..<n.lowerBound]
                let now = after[n.upperBound...].prefix { $0 != "\n" }
                #expect(now != before + ".", "\(x) -> \(y): identical before/now: \(before)")
                rest = after[n.upperBound...]
            }
        }
    }

    @Test("the Markdown diff has one section per changed definition naming the measures it moves")
    func definitionSection() throws {
        let r = try CLI.run(["diff", "--from", "\(Self.icu)/v1.yaml", "--to", "\(Self.icu)/v2-2026-amendments.yaml", "--format", "md", "--out", "-"])
        #expect(r.stdout.contains("## Definitions changed"))
        #expect(r.stdout.contains("### ~ multi\\_risk") || r.stdout.contains("### ~ multi_risk"), "\(r.stdout.prefix(3000))")
        #expect(r.stdout.contains("ICU A3"))
        // The headline counts the measure changed in its own text, not the redefinition's seventeen.
        #expect(r.stdout.contains("3 measures added, 0 removed, 1 changed"))
        #expect(r.stdout.components(separatedBy: "### ~ ICU").count - 1 == 1)
    }

    @Test("an added measure's 'Applies to' spells out the definitions it names (crisis risk)")
    func definitionsSpelledOut() throws {
        let r = try CLI.run(["diff", "--from", "\(Self.icu)/v1.yaml", "--to", "\(Self.icu)/v2-2026-amendments.yaml", "--format", "md", "--out", "-"])
        #expect(r.stdout.contains("Applies to: type is user-to-user and crisis risk"))
        #expect(r.stdout.contains("- where crisis risk means (risk of terrorism is high or risk of hate offences is high"), "\(r.stdout)")
        #expect(r.stdout.contains("- where large service means UK users more than 7,000,000"))
    }

    @Test("assess --lens over several submissions writes its reports and index beside the whole run's, never over them")
    func lensFilesApart() throws {
        let scratch = Scratch()
        let out = scratch.file("out")
        let r = try CLI.run(["assess", ] + Self.services + ["--code", "\(Self.icu)/v1.yaml", "--lens", "child_sexual_abuse",
                             "--as-of", "2026-11-29", "--format", "md", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/index--child_sexual_abuse.md"))
        #expect(!FileManager.default.fileExists(atPath: out + "/index.md"))
        #expect(FileManager.default.fileExists(atPath: out + "/raidhall-chat/ofcom-icu-u2u@v1--child_sexual_abuse.md"))
        #expect(!FileManager.default.fileExists(atPath: out + "/raidhall-chat/ofcom-icu-u2u@v1.md"))
    }

    @Test("diffing two unrelated codes warns, in the terminal and in the report")
    func unrelated() throws {
        let r = try CLI.run(["diff", "--from", "\(Self.icu)/v1.yaml", "--to", "Codes/ofcom/protection-of-children-u2u/v1.yaml",
                             "--format", "json", "--out", "-"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning:") && r.stderr.contains("not versions of one code"), "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((o["warning"] as? String)?.contains("not versions of one code") == true)
        let same = try CLI.run(["diff", "--from", "\(Self.icu)/v1.yaml", "--to", "\(Self.icu)/v2-2026-amendments.yaml", "--format", "json", "--out", "-"])
        #expect(!same.stderr.contains("warning:"))
    }

    // MARK: Compare

    /// v1 of the small code with M2 given a third check (three, weight 1) that the service fails.
    static let stricter = """
        code: {version: v3, status: proposed}
        extends: code.yaml
        replace:
          - id: M2
            section: A
            title: Partly met, asks more
            severity: high
            applies_when: large
            requires:
              - {id: one, text: Does one, check: controls.a.one, weight: 3}
              - {id: two, text: Does two, check: controls.a.two}
              - {id: three, text: Does three, check: controls.a.three}
            source: {url: https://example.org/m2, confidence: secondary}

        """

    @Test("a gap under both versions whose score falls is 'worsened', and the score change is explained")
    func worsened() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["v3.yaml": Self.stricter, "s.yaml": """
            submission: {service: S}
            service: {uk_users: 5000}
            controls:
              a: {one: true, two: false, three: false}

            """])
        let loader = Loader()
        let a = try #require(loader.code(scratch.file("code.yaml")))
        let b = try #require(loader.code(scratch.file("v3.yaml")), "\(loader.diagnostics)")
        let s = try #require(loader.submission(scratch.file("s.yaml"), vocabulary: a.vocabulary))
        let e = Comparison(from: a, to: b, submissions: [s], asOf: Day("2026-11-29")!).entries[0]
        // M2 under v1: 3 of 4 weighted checks (0.75); under v3: 3 of 5 (0.6). A gap under both.
        #expect(e.worsened == ["M2"])
        #expect(e.newGaps.isEmpty && e.closedGaps.isEmpty && e.improved.isEmpty)
        #expect(!e.unaffected)
        let md = try CLI.run(["compare", "--from", "code.yaml", "--to", "v3.yaml", "s.yaml", "--as-of", "2026-11-29", "--format", "md", "--out", "-"],
                             in: scratch.url)
        #expect(md.stdout.contains("Gaps that worsen:"))
        #expect(md.stdout.contains("**M2: Partly met, asks more** (high): partial, 75% → partial, 60%"), "\(md.stdout)")
        #expect(md.stdout.contains("new check: Does three (not met)"))
        #expect(!md.stdout.contains("Unaffected"))
    }

    @Test("a service that declares nothing is undecided under both versions: a range from 0 to 100%, never 0%")
    func undecidedIsNotZero() throws {
        // Only a name and a date: no fact is declared, so no check is decided under either code.
        let scratch = Scratch()
        scratch.write(["e.yaml": "submission: {service: Emptyhall, date: 2026-11-01}\n"])
        let r = try CLI.run(["compare", "--from", "\(Self.icu)/v1.yaml", "--to", "\(Self.icu)/v2-2026-amendments.yaml", scratch.file("e.yaml"),
                             "--as-of", "2026-11-29", "--format", "md", "--out", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("| Emptyhall | ") })
        #expect(row.hasPrefix("| Emptyhall | 0–100% | 0–100% | undecided: nothing declared decides it |"), "\(row)")
    }

    @Test("the change in points is the difference of the whole percentages shown beside it")
    func pointsFromShownFigures() throws {
        for file in ["compare--ofcom-icu-u2u@v1--ofcom-icu-u2u@v2-2026-amendments.md",
                     "compare--ofcom-icu-u2u@v2-2026-amendments--ofcom-icu-u2u@v2-additional-safety-measures.md",
                     "compare--ofcom-icu-u2u@v1--campaigners-child-safety-asks@v1.md"] {
            let r = try CLI.run(["compare", "--from", "\(Self.icu)/\(file.contains("v1--o") || file.contains("v1--c") ? "v1.yaml" : "v2-2026-amendments.yaml")",
                                 "--to", file.contains("campaigners") ? "Codes/campaigners/child-safety-asks.yaml"
                                     : file.contains("additional") ? "\(Self.icu)/v2-additional-safety-measures.yaml" : "\(Self.icu)/v2-2026-amendments.yaml",
                                 ] + Self.services + ["--as-of", "2026-11-29", "--format", "md", "--out", "-"])
            #expect(r.status == 0, "\(r.stderr)")
            var rows = 0
            for line in r.stdout.split(separator: "\n") {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                // "75%", or "75–81%" (what is proven, up to what would be): the change is in the first figure.
                func proven(_ cell: String) -> Int? {
                    cell.hasSuffix("%") ? Int(cell.dropLast().split(separator: "–").first ?? "") : nil
                }
                guard cells.count >= 4, let x = proven(cells[1]), let y = proven(cells[2]) else { continue }
                rows += 1
                let delta = cells[3]
                if y == x {
                    #expect(delta == "no change" || delta.contains("less than 1 point"), "\(line)")
                } else {
                    #expect(delta.hasPrefix("\(y > x ? "+" : "")\(y - x) point"), "\(line)")
                }
            }
            #expect(rows == Self.services.count, "\(file)")
        }
    }

    // MARK: Lenses

    @Test("the vocabulary names the lenses SPEC section 10 asks for, and says where sextortion belongs")
    func vocabularyLenses() throws {
        let loader = Loader()
        let code = try #require(loader.code(packageRoot.appendingPathComponent("\(Self.icu)/v1.yaml").path))
        let v = code.vocabulary
        for name in ["child_sexual_abuse", "children", "violence_and_hate", "fraud"] { #expect(v.lens(name) != nil, "\(name)") }
        #expect(Set(v.lens("child_sexual_abuse")?.harms ?? []) == ["csea", "grooming", "image_based_csam", "csam_urls"])
        #expect(v.lens("child_sexual_abuse")?.note?.contains("Sextortion") == true)
        #expect(Set(v.lens("sextortion")?.harms ?? []) == ["grooming", "intimate_image_abuse"])
    }

    @Test("a lens naming a kind of harm the vocabulary lacks is an error at its line and column")
    func badLens() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["vocabulary.yaml": SmallCode.vocabulary + """
            lenses:
              abuse:
                title: Abuse
                harms: [groming]

            """])
        let r = try CLI.run(["lint", "code.yaml"], in: scratch.url)
        #expect(r.status == 2)
        let out = r.stdout + r.stderr
        // Line 13 of the vocabulary: its nine lines, then lenses, abuse, title, harms; column 13 is the list's first item.
        #expect(out.contains("vocabulary.yaml:13:13: error: [bad-value] 'groming' in lens 'abuse' is not a kind of harm"), "\(out)")
        #expect(out.contains("did you mean 'grooming'"), "\(out)")
    }

    @Test("--lens with a name the vocabulary lacks exits 2 naming the lenses there are")
    func unknownLens() throws {
        for command in [["diff", "--from", "\(Self.icu)/v1.yaml", "--to", "\(Self.icu)/v2-2026-amendments.yaml"],
                        ["compare", "--from", "\(Self.icu)/v1.yaml", "--to", "\(Self.icu)/v2-2026-amendments.yaml", "Submissions"],
                        ["assess", "Submissions/raidhall-chat.yaml", "--code", "\(Self.icu)/v1.yaml"]] {
            let r = try CLI.run(command + ["--lens", "child_abuse", "--out", "-", "--format", "json"])
            #expect(r.status == 2, "\(command[0]): \(r.stderr)")
            #expect(r.stderr.contains("--lens 'child_abuse' is not a lens") && r.stderr.contains("child_sexual_abuse"), "\(r.stderr)")
        }
    }

    @Test("assess --lens shows only the lens's measures, labelled in every format, with harms in JSON and CSV")
    func assessLens() throws {
        var seen: [String: String] = [:]
        for format in ["md", "html", "json", "csv"] {
            let r = try CLI.run(["assess", "Submissions/raidhall-chat.yaml", "--code", "\(Self.icu)/v1.yaml", "--lens", "child_sexual_abuse",
                                 "--as-of", "2026-11-29", "--format", format, "--out", "-"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Only measures that address Child sexual abuse (child sexual exploitation and abuse; grooming;"), "\(format)")
            seen[format] = r.stdout
        }
        // v1's measures naming csea, grooming, image_based_csam or csam_urls: C9, C10, F1, F2, J1, J2.
        let o = try #require(try JSONSerialization.jsonObject(with: Data(seen["json"]!.utf8)) as? [String: Any])
        let measures = try #require(o["measures"] as? [[String: Any]])
        #expect(measures.map { $0["id"] as? String } == ["ICU C9", "ICU C10", "ICU F1", "ICU F2", "ICU J1", "ICU J2"])
        #expect(measures.first?["harms"] as? [String] == ["image_based_csam"])
        let csv = seen["csv"]!.split(separator: "\r\n")
        #expect(csv.first?.contains(",as_if_in_force,lens,") == true)
        #expect(csv.count == 7)
        #expect(csv.dropFirst().allSatisfy { $0.contains("grooming") || $0.contains("csam") })
        #expect(!seen["md"]!.contains("ICU C15") && !seen["md"]!.contains("ICU A1:"))
    }

    @Test("every gap report has a 'by harm' table: each kind, its measures, how many apply and are met")
    func byHarm() throws {
        let scratch = Scratch()
        scratch.write(SmallCode.files())
        scratch.write(["code.yaml": SmallCode.code.replacingOccurrences(of: "title: Applicability unknown", with: "title: Applicability unknown\n    harms: [grooming]")
            .replacingOccurrences(of: "title: Always met", with: "title: Always met\n    harms: [grooming]")])
        let r = try CLI.run(["assess", "small-service.yaml", "--code", "code.yaml", "--as-of", "2026-11-29", "--format", "md", "--out", "-"], in: scratch.url)
        #expect(r.status == 0, "\(r.stderr)")
        // M1 (met, applies) and M8 (applicability unknown: grooming risk not given) address grooming.
        // M8's status is unknown, which counts as applying for the score; M1 is met.
        #expect(r.stdout.contains("## By harm"))
        #expect(r.stdout.contains("| grooming | M1, M8 | 2 of 2 | 1 |"), "\(r.stdout)")
    }

    @Test("compare's per-lens view: every number on the campaigners' page traces to a measure it names")
    func lensTraces() throws {
        let r = try CLI.run(["compare", "--from", "\(Self.icu)/v2-2026-amendments.yaml", "--to", "\(Self.icu)/v2-additional-safety-measures.yaml",
                             ] + Self.services + ["--lens", "child_sexual_abuse", "--as-of", "2026-11-29", "--format", "json", "--out", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let harms = try #require(o["harms"] as? [String: [String]])
        let lensKinds: Set<String> = ["csea", "grooming", "image_based_csam", "csam_urls"]
        let lenses = try #require(o["lenses"] as? [[String: Any]])
        #expect(lenses.map { $0["lens"] as? String } == ["child_sexual_abuse"])
        let lens = lenses[0]
        let services = try #require(lens["services"] as? [[String: Any]])
        #expect(services.count == Self.services.count)
        var gaining: Set<String> = [], gainingGaps: Set<String> = []
        for s in services {
            let name = try #require(s["service"] as? String)
            let from = Set(s["from_applicable"] as? [String] ?? []), to = Set(s["to_applicable"] as? [String] ?? [])
            for id in from.union(to) { #expect(!lensKinds.isDisjoint(with: harms[id] ?? []), "\(id) is not in the lens") }
            let newly = Set(s["newly_applicable"] as? [String] ?? []), newGaps = Set(s["new_gaps"] as? [String] ?? [])
            // What newly applies applies after and not before; a new gap is a gap after and not before.
            #expect(newly.isSubset(of: to) && newly.isDisjoint(with: from), "\(name)")
            let fg = Set(s["from_gaps"] as? [String] ?? []), tg = Set(s["to_gaps"] as? [String] ?? [])
            #expect(newGaps.isSubset(of: tg) && newGaps.isDisjoint(with: fg), "\(name)")
            if !newly.isEmpty { gaining.insert(name) }
            if !newGaps.isEmpty { gainingGaps.insert(name) }
        }
        #expect(lens["services_gaining_obligations"] as? Int == gaining.count)
        #expect(lens["services_gaining_gaps"] as? Int == gainingGaps.count)
        let newly = try #require(lens["newly_applicable"] as? [[String: Any]])
        #expect(Set(newly.flatMap { $0["services"] as? [String] ?? [] }) == gaining)
        // The 2025 proposal's grooming measure ASM-PT2 is among those the lens can show; no terrorism measure is.
        let named = Set(newly.compactMap { $0["measure"] as? String })
        #expect(!named.contains("ICU ASM-TH1") && !named.contains("ICU C15"))
        #expect(named.allSatisfy { !lensKinds.isDisjoint(with: harms[$0] ?? []) })
        // The HTML page: each "how many" equals the services it names.
        let html = try CLI.run(["compare", "--from", "\(Self.icu)/v2-2026-amendments.yaml", "--to", "\(Self.icu)/v2-additional-safety-measures.yaml",
                                ] + Self.services + ["--lens", "child_sexual_abuse", "--as-of", "2026-11-29", "--format", "md", "--out", "-"])
        #expect(html.stdout.contains("Lens:"))
        for line in html.stdout.split(separator: "\n") where line.hasPrefix("| ICU ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, let n = Int(cells[3]) else { continue }
            #expect(cells[2].components(separatedBy: ", ").count == n, "\(line)")
        }
    }

    @Test("history --lens follows only the lens's measures, labelled in every format, written beside the whole history")
    func historyLens() throws {
        let args = ["history", "Submissions/raidhall-chat.yaml", "Submissions/history/raidhall-chat-2027-03.yaml",
                    "--code", "\(Self.icu)/v1.yaml", "--as-of", "2026-11-29", "--lens", "child_sexual_abuse"]
        let md = try CLI.run(args + ["--format", "md", "--out", "-"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("> **Lens:** Only measures that address Child sexual abuse (child sexual exploitation and abuse;"))
        // ICU F1 (grooming) leaves scope as the grooming risk is lowered; ICU C6 (moderation,
        // no kind of harm) closes in the whole history but is not a measure of this lens.
        #expect(md.stdout.contains("ICU F1"))
        #expect(!md.stdout.contains("ICU C6"))
        let json = try CLI.run(args + ["--format", "json", "--out", "-"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((o["lens"] as? String)?.hasPrefix("Only measures that address Child sexual abuse (") == true)
        let scratch = Scratch()
        let files = try CLI.run(args + ["--format", "html", "--out", scratch.file("out")])
        #expect(files.status == 0)
        #expect(scratch.files(under: "out") == ["history/raidhall-chat/ofcom-icu-u2u@v1--child_sexual_abuse.html"])
    }
}
