import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

/// The event decoder (straight from libyaml's events) against the tree decoder of record, and the
/// summary-only evaluation of `--format jsonl` against the full assessment.
@Suite("Event decoder and summary-only evaluation")
struct EventDecoderTests {
    static let codeFiles = [
        "Codes/ofcom/illegal-content-u2u/v1.yaml", "Codes/ofcom/illegal-content-u2u/v2-2026-amendments.yaml",
        "Codes/ofcom/illegal-content-u2u/v2-additional-safety-measures.yaml", "Codes/campaigners/child-safety-asks.yaml",
        "Codes/ofcom/protection-of-children-u2u/v1.yaml", "Codes/ofcom/protection-of-children-u2u/v2-additional-safety-measures.yaml",
    ].map { packageRoot.appendingPathComponent($0).path }

    static let codes: [Code] = {
        let (codes, problems) = Assess.compile(codes: codeFiles)
        precondition(problems.isEmpty && codes.count == codeFiles.count, "\(problems)")
        return codes
    }()

    static var vocabulary: Vocabulary { codes[0].vocabulary }

    @Test("a key table finds each of its keys, and nothing that is only a prefix, an extension or a near miss of one")
    func keyTable() {
        // Forty keys in a table of 128 buckets, with keys that share prefixes and lengths.
        let words = ["service", "services", "serv", "risk", "risks", "grooming", "image_based_csam", "controls", "children_risk", "uk_users"]
            + (0..<30).map { "k\($0)" }
        let table = KeyTable(words.enumerated().map { ($1, $0 * 7) })
        func find(_ key: String) -> Int? { Array(key.utf8).withUnsafeBufferPointer { table.lookup($0) } }
        #expect(find("service") == 0)
        #expect(find("services") == 7)
        #expect(find("serv") == 14)
        #expect(find("risks") == 28)
        #expect(find("uk_users") == 63)
        #expect(find("k0") == 70)
        #expect(find("k29") == 273)
        for (i, word) in words.enumerated() { #expect(find(word) == i * 7, "\(word)") }
        for miss in ["", "s", "ser", "servicess", "Service", "risk ", "k30", "k", "uk_user", "grooming\u{0}"] {
            #expect(find(miss) == nil, "\(miss)")
        }
        #expect(Array("x".utf8).withUnsafeBufferPointer { KeyTable([]).lookup($0) } == nil)
    }

    static func examples() throws -> [(String, [UInt8])] {
        let folder = packageRoot.appendingPathComponent("Submissions")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted().map {
            let path = folder.appendingPathComponent($0).path
            return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }

    /// The tree path: the decoder of record.
    static func tree(_ bytes: [UInt8], _ file: String) -> (Submission?, [Diagnostic]) {
        let read = SubmissionReader.parse(bytes: bytes, file: file)
        guard let doc = read.document else { return (nil, read.diagnostics) }
        return SubmissionReader.decode(doc, vocabulary: vocabulary)
    }

    /// What a user could tell apart: facts, header, evidence, alternatives and places.
    static func differences(_ a: Submission, _ b: Submission) -> [String] {
        var out: [String] = []
        if a.file != b.file { out.append("file") }
        if a.service != b.service || a.provider != b.provider || a.date != b.date || a.note != b.note { out.append("header") }
        if a.location != b.location { out.append("location \(a.location) / \(b.location)") }
        for (slot, (x, y)) in zip(a.facts, b.facts).enumerated() where x != y {
            out.append("\(vocabulary.facts[slot].path): \(String(describing: x)) / \(String(describing: y))")
        }
        if a.facts.count != b.facts.count { out.append("fact count") }
        if Set(a.evidence.keys) != Set(b.evidence.keys) { out.append("evidence keys") }
        for (k, e) in a.evidence {
            if let f = b.evidence[k], f.document != e.document || f.url != e.url || f.note != e.note { out.append("evidence for \(k)") }
        }
        if a.alternatives.map(\.measureID) != b.alternatives.map(\.measureID) { out.append("alternative ids") }
        for (x, y) in zip(a.alternatives, b.alternatives)
        where x.description != y.description || x.rationale != y.rationale || x.location != y.location {
            out.append("alternative \(x.measureID)")
        }
        return out
    }

    @Test("every example submission decodes from events to what the tree gives")
    func examplesAgree() throws {
        let schema = SubmissionSchema(Self.vocabulary)
        let examples = try Self.examples()
        #expect(examples.count >= 8)
        for (file, bytes) in examples {
            let (expected, problems) = Self.tree(bytes, file)
            #expect(problems.isEmpty, "\(file): \(problems)")
            let fast = SubmissionReader.decodeEvents(bytes, file: file, schema: schema)
            let s = try #require(fast, "the event decoder gave up on \(file)")
            #expect(Self.differences(try #require(expected), s) == [], "\(file)")
        }
    }

    @Test("on 1,500 generated submissions the event decoder gives the tree's submission, or gives up where the tree reports a problem")
    func generatedAgree() throws {
        let schema = SubmissionSchema(Self.vocabulary)
        var decoded = 0, refused = 0, withEvidence = 0, withAlternatives = 0
        for i in 0..<1500 {
            var gen = Generator(seed: i, vocabulary: Self.vocabulary, breakage: i % 3 == 0 ? 30 : 0)
            let text = gen.submission()
            let bytes = Array(text.utf8)
            let file = "gen/s\(i).yaml"
            let (expected, problems) = Self.tree(bytes, file)
            let fast = SubmissionReader.decodeEvents(bytes, file: file, schema: schema)
            if let expected, problems.isEmpty {
                let s = try #require(fast, "the event decoder gave up on a file the tree takes without a word:\n\(text)")
                #expect(Self.differences(expected, s) == [], "\n\(text)")
                decoded += 1
                if !s.evidence.isEmpty { withEvidence += 1 }
                if !s.alternatives.isEmpty { withAlternatives += 1 }
            } else {
                #expect(fast == nil, "the event decoder took a file the tree reports (\(problems.map(\.message))):\n\(text)")
                refused += 1
            }
        }
        // The corpus exercises both sides, and the features it claims to.
        #expect(decoded > 900 && refused > 150, "\(decoded) decoded, \(refused) refused")
        #expect(withEvidence > 200 && withAlternatives > 200, "\(withEvidence) with evidence, \(withAlternatives) with alternatives")
    }

    @Test("files the tree reports are refused by the event decoder", arguments: [
        ("submission: {service: A}\nservice: {uk_users: 10, uk_users: 11}\n", "duplicate key"),
        ("submission: {service: A}\nservice: {uk_users: \"10\"}\n", "whole number"),
        ("submission: {service: A}\nservice: {uk_user: 10}\n", "no fact"),
        ("submission: {service: A}\nservice: &x {uk_users: 10}\n", "anchor"),
        ("submission: {service: A}\nrisk: {grooming: severe}\n", "must be one of"),
        ("submission: {service: \"A\\x01\"}\n", "control character"),
        ("submission: {service: A}\n---\nsubmission: {service: B}\n", "second document"),
        ("submission: {service: ~}\n", "service"),
        ("submission: {service: A}\nevidence: {service.uk_users: ~}\n", "must be a mapping"),
        ("submission: {service: A}\nalternative_measures: {ICU-C1: {description: \" \", rationale: why}}\n", "empty"),
        ("submission: {service: A}\nservice: {uk_users: [1]}\n", "whole number"),
        ("submission: {service: A}\nextra: 1\n", "unknown key"),
        ("submission: {service: A}\nfindings: []\n", "expected a submission file"),
    ])
    func refused(_ text: String, _ words: String) throws {
        let schema = SubmissionSchema(Self.vocabulary)
        let (s, problems) = Self.tree(Array(text.utf8), "bad.yaml")
        #expect(s == nil)
        #expect(problems.contains { $0.message.contains(words) }, "\(problems.map(\.message))")
        #expect(SubmissionReader.decodeEvents(Array(text.utf8), file: "bad.yaml", schema: schema) == nil)
    }

    @Test("a batch run still reports a bad file's problem at its place, through the tree")
    func fallbackReports() async throws {
        let scratch = Scratch()
        scratch.write(["in/a.yaml": "submission:\n  service: A\nservice:\n  uk_users: 10\n  uk_users: 12\n"])
        let outcome = await Assess.run(.init(submissions: [scratch.file("in")], codes: [Self.codeFiles[0]], formats: [.jsonl],
                                             out: scratch.file("out"), asOf: Day("2026-11-29")!, workers: 1))
        #expect(outcome.exitCode == 2)
        #expect(outcome.diagnostics.joined().contains("a.yaml:5:3: error: [duplicate-key] duplicate key 'uk_users'"), "\(outcome.diagnostics)")
    }

    /// The JSON Lines line from the full assessment, as `--format jsonl` wrote it before.
    static func fullLine(_ s: Submission, _ code: Code, _ day: Day, asIfInForce: Bool = false) -> String {
        let a = Assessor(code: code).assess(s, asOf: day, asIfInForce: asIfInForce, explain: false)
        return JSONL.line(a, sha256: "0123", summary: a.summary)
    }

    @Test("the summary-only line is byte for byte the full assessment's, on every example, code and date, in force or as if")
    func summaryLinesAgree() throws {
        var compared = 0
        for (file, bytes) in try Self.examples() {
            let s = try #require(Self.tree(bytes, file).0)
            for code in Self.codes {
                for day in ["2024-01-01", "2025-07-25", "2026-11-29", "2030-01-01"].map({ Day($0)! }) {
                    for asIf in [false, true] {
                        let (line, summary) = JSONL.line(s, assessor: Assessor(code: code), asOf: day, asIfInForce: asIf, sha256: "0123")
                        #expect(line == Self.fullLine(s, code, day, asIfInForce: asIf),
                                "\(file) against \(code.header.id) \(code.header.version) at \(day), as if in force: \(asIf)")
                        #expect(summary == Assessor(code: code).assess(s, asOf: day, asIfInForce: asIf).summary)
                        compared += 1
                    }
                }
            }
        }
        // Nine example services, six codes, four dates, two ways.
        #expect(compared == 9 * 6 * 4 * 2)
    }

    @Test("the summary-only line agrees on 300 generated submissions against all six codes")
    func summaryLinesAgreeGenerated() throws {
        var compared = 0, gaps = 0
        for i in 0..<300 {
            var gen = Generator(seed: 10_000 + i, vocabulary: Self.vocabulary, breakage: 0)
            guard let s = Self.tree(Array(gen.submission().utf8), "g\(i).yaml").0 else { continue }
            for code in Self.codes {
                let day = Day("2026-11-29")!
                let asIf = i % 2 == 1
                let (line, summary) = JSONL.line(s, assessor: Assessor(code: code), asOf: day, asIfInForce: asIf, sha256: "0123")
                #expect(line == Self.fullLine(s, code, day, asIfInForce: asIf))
                gaps += summary.gaps
                compared += 1
            }
        }
        #expect(compared > 250 * 6 && gaps > 1000, "\(compared) lines, \(gaps) gaps")
    }

    @Test("assess --format jsonl (without reviews) writes the same file as the full assessment gives, line for line")
    func jsonlRunUnchanged() async throws {
        let scratch = Scratch()
        let day = Day("2026-11-29")!
        let outcome = await Assess.run(.init(submissions: [packageRoot.appendingPathComponent("Submissions").path], codes: Self.codeFiles,
                                             formats: [.jsonl], out: scratch.file("out"), asOf: day, workers: 2, conventionalReviews: false))
        #expect(outcome.exitCode == 0, "\(outcome.diagnostics)")
        let written = try String(contentsOfFile: scratch.file("out/summary.jsonl"), encoding: .utf8)
        var expected = ""
        let codes = Assess.loadCodes(.init(submissions: [], codes: Self.codeFiles, asOf: day), loader: Loader())
        // Every file the run finds, Submissions/history/ included, in its order.
        var missing: [Diagnostic] = []
        let files = Lint.expand([packageRoot.appendingPathComponent("Submissions").path], missing: &missing)
        #expect(files.count > 9 && missing.isEmpty)
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let s = try #require(Self.tree(bytes, file).0)
            for code in codes {
                let a = Assessor(code: code).assess(s, asOf: day, explain: false)
                expected += JSONL.line(a, sha256: SubmissionReader.sha256(bytes)) + "\n"
            }
        }
        #expect(written == expected)
    }

    /// The JSON Lines of one run over Raidhall and Lumenwisp against ICU v1, by service.
    static func reviewedLines(reviews: Bool) async throws -> [String: String] {
        let scratch = Scratch()
        let submissions = ["raidhall-chat", "lumenwisp-video"].map { packageRoot.appendingPathComponent("Submissions/\($0).yaml").path }
        let outcome = await Assess.run(.init(submissions: submissions, codes: [Self.codeFiles[0]], formats: [.jsonl], out: scratch.file("out"),
                                             asOf: Day("2026-11-29")!, workers: 1, conventionalReviews: reviews))
        #expect(outcome.exitCode == 0, "\(outcome.diagnostics)")
        let lines = try String(contentsOfFile: scratch.file("out/summary.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        var out: [String: String] = [:]
        for line in lines { out[line.contains("\"service\":\"Raidhall\"") ? "Raidhall" : "Lumenwisp"] = line }
        return out
    }

    @Test("reviews picked up beside the submissions change their JSON Lines summaries (the summary-only path is not taken)")
    func reviewsChangeJSONL() async throws {
        let plain = try await Self.reviewedLines(reviews: false)
        let reviewed = try await Self.reviewedLines(reviews: true)
        // Reviews/raidhall-chat.yaml rejects the alternative claimed for ICU F1 (a critical
        // measure), so it is assessed on its checks and becomes a critical gap.
        let raidhall = try #require(plain["Raidhall"]), raidhallReviewed = try #require(reviewed["Raidhall"])
        #expect(raidhall.contains("\"alternative\":1,") && raidhall.contains("\"critical_gaps\":[]"), "\(raidhall)")
        #expect(raidhallReviewed.contains("\"alternative\":0,") && raidhallReviewed.contains("\"critical_gaps\":[\"ICU F1\"]"), "\(raidhallReviewed)")
        // Reviews/lumenwisp-video.yaml accepts the alternative claimed for ICU J2: no longer
        // counted as claimed, and scored as met, so the score rises.
        let lumenwisp = try #require(plain["Lumenwisp"]), lumenwispReviewed = try #require(reviewed["Lumenwisp"])
        #expect(lumenwisp.contains("\"alternative\":1,") && lumenwispReviewed.contains("\"alternative\":0,"))
        func score(_ line: String) -> Double? {
            guard let r = line.range(of: "\"score\":") else { return nil }
            return Double(line[r.upperBound...].prefix { $0 != "," })
        }
        #expect((score(lumenwispReviewed) ?? 0) > (score(lumenwisp) ?? 1))
    }

    @Test("a file that starts with a byte-order mark is left to the tree, which reads it")
    func byteOrderMark() throws {
        let text = Array("\u{FEFF}submission: {service: A}\nservice: {uk_users: 10}\n".utf8)
        #expect(SubmissionReader.decodeEvents(text, file: "bom.yaml", schema: SubmissionSchema(Self.vocabulary)) == nil)
        let s = try #require(Self.tree(text, "bom.yaml").0)
        #expect(s.service == "A")
    }
}

/// Random submissions from the vocabulary: block and flow styles, nulls in every spelling, plain,
/// quoted and block scalars, comments, evidence and alternatives; with `breakage` per cent, a
/// problem the tree reports (a wrong type, a duplicate or unknown key, an anchor...).
struct Generator {
    var state: UInt64
    let v: Vocabulary
    let breakage: Int

    init(seed: Int, vocabulary: Vocabulary, breakage: Int) {
        state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        v = vocabulary
        self.breakage = breakage
    }

    mutating func below(_ n: Int) -> Int {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return Int((state &* 0x2545_F491_4F6C_DD1D) % UInt64(max(1, n)))
    }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }

    /// A null, in one of its spellings (the empty one only where a block mapping allows it).
    mutating func null(block: Bool) -> String { pick(block ? ["~", "null", "Null", "NULL", ""] : ["~", "null", "NULL"]) }

    /// Text in some style: plain, single or double quoted (with escapes and non-ASCII).
    mutating func text(_ words: String) -> String {
        switch below(4) {
        case 0: return words
        case 1: return "'\(words) it''s'"
        case 2: return "\"\(words) \\\"quoted\\\" caf\\u00e9 é\""
        default: return "\"\(words)\""
        }
    }

    enum Item { case value(String, block: String?), group([(String, Item)]) }

    mutating func value(_ fact: Vocabulary.Fact) -> Item {
        if chance(8) { return .value(null(block: false), block: null(block: true)) }
        if chance(breakage / 6) {
            // A wrong type: a quoted bool, a word for a number, a list for a scalar.
            return .value(pick(["\"true\"", "many", "[1, 2]", "{a: 1}", "yes", "2026-13-45"]), block: nil)
        }
        switch fact.type {
        case .bool: return .value(pick(["true", "false", "True", "FALSE"]), block: nil)
        case .integer(let lo, let hi):
            let l = lo ?? 0, h = min(hi ?? 5_000_000, l + 5_000_000)
            return .value(String(l + below(h - l + 1)), block: nil)
        case .number(let lo, let hi):
            let l = lo ?? 0, h = hi ?? 100
            return .value(pick(["\(l)", "\(h)", "\((l + h) / 2)"]), block: nil)
        case .date: return .value(pick(["2026-03-14", "'2025-12-01'", "\"2024-02-29\""]), block: nil)
        case .string:
            let t = text("some words \(below(100))")
            return .value(t, block: chance(30) ? "|\n  line one\n  line two" : nil)
        case .enumeration(let e):
            let word = chance(breakage / 4) ? "not-a-value" : pick(e.values)
            return .value(chance(50) ? word : "\"\(word)\"", block: nil)
        case .set(let e):
            let chosen = e.values.filter { _ in chance(40) }
            let flow = "[" + chosen.map { chance(30) ? "'\($0)'" : $0 }.joined(separator: ", ") + "]"
            let block = chosen.isEmpty ? nil : "\n" + chosen.map { "- \($0)" }.joined(separator: "\n")
            return .value(flow, block: block)
        }
    }

    /// Emits a mapping in block style at `indent`, or in flow style.
    mutating func emit(_ pairs: [(String, Item)], indent: Int, flow: Bool) -> String {
        if flow {
            return "{" + pairs.map { key, item -> String in
                switch item {
                case .value(let text, _): return "\(key): \(text)"
                case .group(let inner): return "\(key): " + emit(inner, indent: 0, flow: true)
                }
            }.joined(separator: ", ") + "}"
        }
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for (key, item) in pairs {
            if chance(10) { out += "\(pad)# a comment about \(key)\n" }
            switch item {
            case .value(let text, let block):
                if let block, chance(50) {
                    let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
                    if block.hasPrefix("\n") {
                        out += "\(pad)\(key):" + lines.dropFirst().map { "\n\(pad)  \($0)" }.joined() + "\n"
                    } else if block.hasPrefix("|") || block.hasPrefix(">") {
                        out += "\(pad)\(key): " + lines[0] + lines.dropFirst().map { "\n\(pad)\($0)" }.joined() + "\n"
                    } else {
                        out += "\(pad)\(key):\(block.isEmpty ? "" : " " + block)\n"
                    }
                } else {
                    out += "\(pad)\(key): \(text)" + (chance(10) ? "  # trailing comment" : "") + "\n"
                }
            case .group(let inner):
                if chance(20) {
                    out += "\(pad)\(key): " + emit(inner, indent: 0, flow: true) + "\n"
                } else {
                    out += "\(pad)\(key):\n" + emit(inner, indent: indent + 2, flow: false)
                }
            }
        }
        return out
    }

    /// Nests the chosen facts by their paths.
    static func nest(_ facts: [(path: [Substring], item: Item)]) -> [(String, Item)] {
        var order: [String] = []
        var leaves: [String: Item] = [:]
        var groups: [String: [(path: [Substring], item: Item)]] = [:]
        for (path, item) in facts {
            let head = String(path[0])
            if !order.contains(head) { order.append(head) }
            if path.count == 1 { leaves[head] = item } else { groups[head, default: []].append((Array(path.dropFirst()), item)) }
        }
        return order.map { key in leaves[key].map { (key, $0) } ?? (key, .group(nest(groups[key]!))) }
    }

    mutating func submission() -> String {
        var out = chance(30) ? "# yaml-language-server: $schema=../Schemas/submission.schema.json\n" : ""
        var header: [(String, Item)] = [("service", .value(text("Generated service \(below(1000))"), block: nil))]
        if chance(60) { header.append(("provider", .value(chance(20) ? null(block: false) : text("Provider Ltd"), block: nil))) }
        if chance(60) { header.append(("date", .value(chance(20) ? "~" : "2026-10-0\(1 + below(9))", block: nil))) }
        if chance(30) { header.append(("note", .value(text("a note"), block: ">\n  folded\n  note"))) }
        out += "submission:\n" + emit(header, indent: 2, flow: false)
        var chosen: [(path: [Substring], item: Item)] = []
        let keep = 20 + below(70)
        for slot in v.grouped(Array(v.facts.indices)) where chance(keep) {
            chosen.append((v.facts[slot].path.split(separator: "."), value(v.facts[slot])))
        }
        if chance(breakage / 5) { chosen.append((["controls", "no_such_fact"], .value("true", block: nil))) }
        for (part, items) in Self.nest(chosen) {
            if chance(5) {
                out += "\(part): \(null(block: false))\n"
                continue
            }
            let body: [(String, Item)]
            if case .group(let inner) = items { body = inner } else { continue }
            var pairs = body
            if chance(breakage / 5), let first = pairs.first { pairs.append(first) }  // a duplicate key
            if chance(25) {
                out += "\(part): " + emit(pairs, indent: 0, flow: true) + "\n"
            } else {
                out += "\(part)\(chance(breakage / 8) ? ": &anchor" : ":")\n" + emit(pairs, indent: 2, flow: false)
            }
        }
        if chance(40) {
            out += "evidence:\n"
            for _ in 0..<(1 + below(3)) {
                let path = chance(breakage / 6) ? "controls.not_a_fact" : pick(v.facts).path
                if out.contains("  \(path):") { continue }
                if chance(50) {
                    out += "  \(path): {document: \(text("Policy")), url: \"https://example.org/\(below(99))\", note: \(null(block: false))}\n"
                } else {
                    out += "  \(path):\n    document: \(text("Handbook"))\n    # where\n    note: \(text("see section 4"))\n"
                }
            }
        }
        if chance(40) {
            out += "alternative_measures:\n"
            for id in ["ICU-C1", "ICU-D9", "PCU-F1", "NO-SUCH-MEASURE"].filter({ _ in chance(50) }) {
                let description = chance(breakage / 6) ? "\" \"" : text("we do something else")
                if chance(50) {
                    out += "  \(id): {description: \(description), rationale: \(text("it works"))}\n"
                } else {
                    out += "  \(id):\n    description: |\n      what we do\n      instead\n    rationale: \(text("why"))\n"
                }
            }
            if out.hasSuffix("alternative_measures:\n") { out += "  ICU-C1: {description: d, rationale: r}\n" }
        }
        if chance(breakage / 10) { out += "---\nsubmission: {service: again}\n" }
        return out
    }
}
