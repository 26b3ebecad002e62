import Foundation
import TestSupport
import Testing
import YAMLTree
@testable import SafetyCodeCore
@testable import SafetyCodeReports

@Suite("Batch assessment")
struct BatchTests {
    /// Thirty submissions made from the examples, with different names and some facts dropped.
    static func corpus(_ scratch: Scratch) throws -> [String] {
        let examples = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Submissions").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var files: [String: String] = [:]
        for i in 0..<30 {
            var text = try String(contentsOf: packageRoot.appendingPathComponent("Submissions/\(examples[i % examples.count])"), encoding: .utf8)
            if i % 3 == 1 { text = text.replacingOccurrences(of: "grooming: high", with: "grooming: ~") }
            if i % 4 == 2 { text = text.replacingOccurrences(of: "in_place: true", with: "in_place: false") }
            files[String(format: "batch/s%02d.yaml", i)] = text
        }
        scratch.write(files)
        return files.keys.sorted().map { scratch.file($0) }
    }

    static let codes = ["Codes/ofcom/illegal-content-u2u/v1.yaml", "Codes/campaigners/child-safety-asks.yaml",
                        "Codes/ofcom/protection-of-children-u2u/v1.yaml"].map { packageRoot.appendingPathComponent($0).path }

    @Test("a batch run's jsonl agrees line for line with the single-submission JSON reports")
    func jsonlAgrees() async throws {
        let scratch = Scratch()
        _ = try Self.corpus(scratch)
        let day = Day("2026-11-29")!
        let batch = await Assess.run(.init(submissions: [scratch.file("batch")], codes: Self.codes, formats: [.jsonl],
                                           out: scratch.file("jsonl"), asOf: day, workers: 4))
        #expect(batch.exitCode == 0, "\(batch.diagnostics)")
        let lines = try String(contentsOfFile: scratch.file("jsonl/summary.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 30 * 3)
        let single = await Assess.run(.init(submissions: [scratch.file("batch")], codes: Self.codes, formats: [.json],
                                            out: scratch.file("json"), asOf: day, workers: 1))
        #expect(single.exitCode == 0)
        var n = 0
        for line in lines {
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let file = try #require((summary["submission"] as? [String: Any])?["file"] as? String)
            let code = try #require(summary["code"] as? [String: Any])
            let path = scratch.file("json/\(ReportFile.stem(file))/\(code["id"]!)@\(code["version"]!).json")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            #expect(NSDictionary(dictionary: summary["summary"] as! [String: Any]).isEqual(to: report["summary"] as! [String: Any]), "\(path)")
            let measures = report["measures"] as! [[String: Any]]
            let gaps = measures.filter { ["partial", "not_met"].contains($0["status"] as! String) && $0["optional"] == nil }.map { $0["id"] as! String }
            #expect(summary["gaps"] as? [String] == gaps, "\(path)")
            #expect((summary["submission"] as? [String: Any])?["sha256"] as? String == (report["submission"] as? [String: Any])?["sha256"] as? String)
            n += 1
        }
        #expect(n == 90)
    }

    @Test("the output is the same whatever the parallelism", arguments: [2, 3, 8])
    func deterministic(workers: Int) async throws {
        let scratch = Scratch()
        _ = try Self.corpus(scratch)
        let day = Day("2026-11-29")!
        let one = await Assess.run(.init(submissions: [scratch.file("batch")], codes: Self.codes, formats: [.jsonl, .csv],
                                         out: scratch.file("one"), asOf: day, workers: 1))
        let many = await Assess.run(.init(submissions: [scratch.file("batch")], codes: Self.codes, formats: [.jsonl, .csv],
                                          out: scratch.file("many"), asOf: day, workers: workers))
        #expect(one.lines == many.lines)
        #expect(one.lines.count == 90)
        for f in scratch.files(under: "one") {
            #expect(FileManager.default.contentsEqual(atPath: scratch.file("one/" + f), andPath: scratch.file("many/" + f)), "\(f)")
        }
        #expect(scratch.files(under: "one") == scratch.files(under: "many"))
    }

    @Test("work handed to the cores in batches comes back in input order, the last batch short", arguments: [(70, 32, 2), (64, 32, 2), (5, 32, 3), (0, 32, 2), (9, 1, 2)])
    func batchesInOrder(count: Int, batch: Int, workers: Int) async {
        var seen: [Int] = []
        var values: [Int] = []
        await Assess.forEachInOrder(count: count, workers: workers, batch: batch, { i in i * 3 }) { i, v in
            seen.append(i)
            values.append(v)
        }
        #expect(seen == Array(0..<count))
        #expect(values == (0..<count).map { $0 * 3 })
    }

    @Test("a batch's work comes back as one value per range of indices, in order, the last range short")
    func batchRangesInOrder() async {
        var ranges: [Range<Int>] = []
        var sums: [Int] = []
        await Assess.forEachBatchInOrder(count: 70, workers: 2, batch: 32, { range in range.reduce(0, +) }) { range, sum in
            ranges.append(range)
            sums.append(sum)
        }
        #expect(ranges == [0..<32, 32..<64, 64..<70])
        // 0+…+31 = 496; 32+…+63 = 1520; 64+…+69 = 399.
        #expect(sums == [496, 1520, 399])
    }

    @Test("a large run with broken files among its batches counts and lists them, whatever the parallelism", arguments: [1, 2])
    func brokenFilesInBatches(workers: Int) async throws {
        let scratch = Scratch()
        let good = try String(contentsOf: packageRoot.appendingPathComponent("Submissions/raidhall-chat.yaml"), encoding: .utf8)
        var files: [String: String] = [:]
        // 70 files: more than a run lists line by line, so they go to the cores 32 at a time; the
        // broken ones are in the first, second and last (short) batch.
        for i in 0..<70 {
            files[String(format: "big/s%02d.yaml", i)] = [5, 40, 69].contains(i) ? "submission: [unclosed\n" : good
        }
        scratch.write(files)
        let run = await Assess.run(.init(submissions: [scratch.file("big")], codes: [Self.codes[0]], formats: [.jsonl],
                                         out: scratch.file("out"), asOf: Day("2026-11-29")!, workers: workers))
        #expect(run.exitCode == 2)
        #expect(run.lines == ["assessed 67 of 70 submissions against 1 code"])
        let lines = try String(contentsOfFile: scratch.file("out/summary.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 67)
        #expect(!lines.contains { $0.contains("s05.yaml") || $0.contains("s40.yaml") || $0.contains("s69.yaml") })
        #expect(lines.first?.contains("s00.yaml") == true && lines.last?.contains("s68.yaml") == true)
        let named = run.diagnostics.compactMap { d in ["s05.yaml", "s40.yaml", "s69.yaml"].first { d.contains($0) } }
        #expect(named.first == "s05.yaml" && named.last == "s69.yaml" && Set(named).count == 3, "\(run.diagnostics)")
    }

    @Test("--format jsonl with --out - writes the lines to standard output, in input order")
    func jsonlStdout() throws {
        let scratch = Scratch()
        let files = try Self.corpus(scratch)
        let r = try CLI.run(["assess", scratch.file("batch"), "--code", Self.codes[0], "--format", "jsonl", "--out", "-",
                             "--as-of", "2026-11-29", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == files.count)
        for (line, file) in zip(lines, files) {
            #expect(line.contains("\"file\":\"\(file)\""))
        }
        #expect(!r.stderr.contains("of 30 submissions"), "no progress when standard error is not a terminal")
    }

    @Test("a submission named twice is assessed once, with a warning: one report folder, no '-2' copy filed as another service")
    func namedTwice() throws {
        let scratch = Scratch()
        let good = try String(contentsOf: packageRoot.appendingPathComponent("Submissions/raidhall-chat.yaml"), encoding: .utf8)
        scratch.write(["in/raidhall-chat.yaml": good])
        let file = scratch.file("in/raidhall-chat.yaml")
        let r = try CLI.run(["assess", file, scratch.file("in"), file, "--code", Self.codes[0], "--format", "md,jsonl", "--out", scratch.file("out"),
                             "--as-of", "2026-11-29"])
        #expect(r.status == 0, "\(r.stderr)")
        // Named twice as it is, and found again in its folder.
        #expect(r.stderr.components(separatedBy: "\n").filter { !$0.isEmpty } == [
            "safetycode: warning: [bad-option] the file \(file) is named more than once (it is also in the folder \(scratch.file("in"))): it is taken once",
            "safetycode: warning: [bad-option] the file \(file) is named more than once: it is taken once",
        ], "\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "\n").filter { $0.contains(" against ") }.count == 1, "\(r.stdout)")
        #expect(scratch.files(under: "out").filter { $0.hasSuffix(".md") && !$0.hasPrefix("index") } == ["raidhall-chat/ofcom-icu-u2u@v1.md"])
        let lines = try String(contentsOfFile: scratch.file("out/summary.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
    }
}
