// make bench: safetycode's speed measured against the physical limit of its first stage, a plain
// libyaml event loop over the same bytes, in the same run. Figures are printed as ratios to that
// baseline, so they mean the same on any machine.
//
//   1. The YAML loader on one multi-megabyte file: (a) libyaml events, (b) YAMLTree's tree.
//   2. A corpus of N synthetic submissions (BENCH_N, default 20,000), made deterministically from
//      the vocabulary: (a) libyaml events, (b) trees, (c) full assessment against every shipped
//      code with JSON Lines output to a null sink, on one core and on all cores; evaluation alone
//      per submission and code; (d) peak memory of a streaming run at N and 4N submissions.
import CLibYAML
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

// MARK: Timing

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func best(_ runs: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let t = now()
        body()
        best = min(best, now() - t)
    }
    return best
}

func bestAsync(_ runs: Int, _ body: () async -> Void) async -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let t = now()
        await body()
        best = min(best, now() - t)
    }
    return best
}

// MARK: libyaml baseline

/// Parses every event of `bytes` and touches nothing.
func rawEvents(_ bytes: [UInt8]) -> Int {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    yaml_parser_initialize(parser)
    defer { yaml_parser_delete(parser) }
    var count = 0
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            count += 1
            if done { break }
        }
    }
    return count
}

// MARK: Corpora

/// One multi-megabyte YAML file of submission-like items.
func bigFile(megabytes: Int) -> [UInt8] {
    var out = "items:\n"
    var i = 0
    while out.utf8.count < megabytes << 20 {
        out += """
          - submission: {service: "Service \(i) · Ünïcode", provider: Provider \(i) Ltd, date: 2026-10-01}
            service:
              type: user-to-user
              uk_users: \(i * 7919 % 20_000_000)
              likely_accessed_by_children: \(i % 2 == 0)
              functionalities: [user_profiles, direct_messaging, commenting, livestreaming]
            risk: {grooming: high, image_based_csam: medium, terrorism: low, hate: negligible}
            controls:
              csam_hash_matching: {in_place: true, perceptual: false, media: [images, video]}
              child_safety_defaults:
                unconnected_users_cannot_message: \(i % 3 == 0)
                location_hidden: true
            note: >
              A folded note that runs over
              two lines, number \(i).

        """
        i += 1
    }
    return Array(out.utf8)
}

/// A deterministic pseudo-random generator (the same corpus every run).
struct Mix {
    var state: UInt64
    init(_ seed: Int) { state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D }
    mutating func next() -> UInt64 {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Submission `i`: every fact of the vocabulary present with some chance (more for the service
/// profile and risks, fewer for controls in small services), values varied by type.
func submission(_ i: Int, _ v: Vocabulary) -> [UInt8] {
    var mix = Mix(i)
    let size = mix.below(4)  // 0 small ... 3 large: more controls declared
    var out = "submission:\n  service: \"Synthetic service \(i)\"\n  provider: Synthetic \(i) Ltd\n  date: 2026-10-01\n"
    var open: [Substring] = []
    for fact in v.grouped(Array(v.facts.indices)).map({ v.facts[$0] }) {
        let parts = fact.path.split(separator: ".")
        let root = parts[0]
        let keep: Int = root == "service" ? 95 : root == "risk" || root == "children_risk" ? 85 : 35 + 15 * size
        guard mix.chance(keep) else { continue }
        let value: String
        switch fact.type {
        case .bool: value = mix.chance(70) ? "true" : "false"
        case .integer: value = fact.path == "service.uk_users" ? String([2_000, 40_000, 800_000, 3_000_000, 12_000_000][mix.below(5)] + mix.below(1000)) : String(mix.below(100))
        case .number: value = String(mix.below(1000)) + ".5"
        case .date: value = "2026-0\(1 + mix.below(9))-1\(mix.below(9))"
        case .string: value = "\"text \(mix.below(100))\""
        case .enumeration(let e): value = "\"\(e.values[e.ordered ? min(e.values.count - 1, mix.below(e.values.count + 1)) : mix.below(e.values.count)])\""
        case .set(let e): value = "[" + e.values.filter { _ in mix.chance(40) }.joined(separator: ", ") + "]"
        }
        var common = 0
        while common < min(open.count, parts.count - 1), open[common] == parts[common] { common += 1 }
        open = Array(open.prefix(common))
        for level in common..<(parts.count - 1) {
            out += String(repeating: "  ", count: level) + parts[level] + ":\n"
            open.append(parts[level])
        }
        out += String(repeating: "  ", count: parts.count - 1) + parts.last! + ": " + value + "\n"
    }
    return Array(out.utf8)
}

// MARK: Peak memory (run in a child process)

func peakKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? -1
    }
    return -1
}

/// Runs the batch engine with a null sink; returns the number of lines and of failed inputs.
nonisolated func summarise(count: Int, workers: Int, codes: [Code], input: @escaping @Sendable (Int) -> (name: String, bytes: [UInt8])) async -> (Int, Int) {
    var lines = 0
    var bytes = 0
    let failures = await Assess.summaries(count: count, workers: workers, codes: codes, asOf: Day("2026-11-29")!, input: input) {
        lines += 1
        bytes &+= $0.utf8.count
    }
    return (lines, failures)
}

let shipped = ["Codes/ofcom/illegal-content-u2u/v1.yaml", "Codes/ofcom/illegal-content-u2u/v2-2026-amendments.yaml",
               "Codes/ofcom/illegal-content-u2u/v2-additional-safety-measures.yaml", "Codes/campaigners/child-safety-asks.yaml",
               "Codes/ofcom/protection-of-children-u2u/v1.yaml", "Codes/ofcom/protection-of-children-u2u/v2-additional-safety-measures.yaml"]
let asOf = Day("2026-11-29")!
let cores = ProcessInfo.processInfo.activeProcessorCount
let (codes, problems) = Assess.compile(codes: shipped)
guard problems.isEmpty, codes.count == shipped.count else {
    print(problems.joined(separator: "\n"))
    print("the shipped codes do not load; run make bench from the project folder")
    exit(2)
}
let vocabulary = codes[0].vocabulary
if let dump = ProcessInfo.processInfo.environment["BENCH_DUMP"] {
    // Writes the first submissions of the corpus, to look at or lint.
    for i in 0..<3 { _ = FileManager.default.createFile(atPath: "\(dump)/s\(i).yaml", contents: Data(submission(i, vocabulary))) }
    exit(0)
}

if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--memory", let n = Int(CommandLine.arguments[2]) {
    // A streaming run: each submission is made when a worker asks for it, assessed, and dropped.
    let v = vocabulary
    let (lines, _) = await summarise(count: n, workers: cores, codes: codes, input: { i in ("s\(i).yaml", submission(i, v)) })
    print(peakKiB(), lines)
    exit(0)
}

func measureMemory(_ n: Int) -> (Int, Int) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    p.arguments = ["--memory", String(n)]
    let pipe = Pipe()
    p.standardOutput = pipe
    try? p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let parts = out.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    return (parts.first ?? -1, parts.count > 1 ? parts[1] : -1)
}

if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "eval" {
    // For profilers: evaluation alone, repeated.
    let docs = (0..<500).map { submission($0, vocabulary) }
    let subs: [Submission] = docs.enumerated().compactMap { i, b in
        guard let doc = try? YAMLLoader().load(bytes: b, file: "s\(i).yaml") else { return nil }
        return SubmissionReader.decode(doc, vocabulary: vocabulary).0
    }
    let assessors = codes.map { Assessor(code: $0) }
    var count = 0
    let t = now()
    for _ in 0..<20 { for s in subs { for a in assessors { count &+= a.assess(s, asOf: asOf, explain: false).results.count } } }
    print(String(format: "%.2f µs per submission and code", (now() - t) / Double(20 * subs.count * assessors.count) * 1e6), count)
    exit(0)
}

if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "full" {
    // For profilers: the full one-core pipeline, repeated.
    let docs = (0..<1000).map { submission($0, vocabulary) }
    let t = now()
    for _ in 0..<3 { _ = await summarise(count: docs.count, workers: 1, codes: codes, input: { i in ("s\(i).yaml", docs[i]) }) }
    print(String(format: "%.2f µs per submission and code", (now() - t) / Double(3 * docs.count * codes.count) * 1e6))
    exit(0)
}

// MARK: 1. The loader on one big file

print("safetycode bench: \(cores) cores, \(codes.count) codes (\(codes.map(\.measures.count).reduce(0, +)) measures), vocabulary of \(vocabulary.facts.count) facts\n")
let big = bigFile(megabytes: Int(ProcessInfo.processInfo.environment["BENCH_MB"] ?? "") ?? 8)
let bigMB = Double(big.count) / 1_048_576
// Raw and tree runs alternate, best of seven each, so drift in the machine's speed hits both alike.
var rawBig = Double.infinity
var kept: YAMLDocument?
var treeBig = Double.infinity
for _ in 0..<7 {
    var t = now()
    _ = rawEvents(big)
    rawBig = min(rawBig, now() - t)
    t = now()
    let doc = try! YAMLLoader(limits: YAMLLimits(maxFileBytes: 1 << 30, maxNodes: 1 << 30)).load(bytes: big, file: "big.yaml")
    treeBig = min(treeBig, now() - t)
    kept = nil
    kept = doc  // freed outside the timed part
}
print("1. YAML loader on one \(String(format: "%.1f", bigMB)) MB file")
print(String(format: "   (a) libyaml event loop      %8.1f MB/s", bigMB / rawBig))
print(String(format: "   (b) YAMLTree tree           %8.1f MB/s   b/a = %.2f  (target >= 0.50)", bigMB / treeBig, rawBig / treeBig))

// MARK: 2. A corpus of submissions

let n = Int(ProcessInfo.processInfo.environment["BENCH_N"] ?? "") ?? 20_000
let corpus = (0..<n).map { submission($0, vocabulary) }
let corpusMB = Double(corpus.reduce(0) { $0 + $1.count }) / 1_048_576
print("\n2. \(n) synthetic submissions, \(String(format: "%.1f", corpusMB)) MB")
let rawCorpus = best(3) { for b in corpus { _ = rawEvents(b) } }
print(String(format: "   (a) libyaml event loop      %8.1f MB/s  %9.0f submissions/s", corpusMB / rawCorpus, Double(n) / rawCorpus))
let treeCorpus = best(3) { for (i, b) in corpus.enumerated() { _ = try? YAMLLoader().load(bytes: b, file: "s\(i).yaml") } }
print(String(format: "   (b) YAMLTree trees          %8.1f MB/s  %9.0f submissions/s   b/a = %.2f", corpusMB / treeCorpus, Double(n) / treeCorpus, rawCorpus / treeCorpus))
let input: @Sendable (Int) -> (name: String, bytes: [UInt8]) = { i in ("s\(i).yaml", corpus[i]) }
var failures = 0
let oneCore = await bestAsync(2) {
    failures = await summarise(count: n, workers: 1, codes: codes, input: input).1
}
let allCores = await bestAsync(2) {
    _ = await summarise(count: n, workers: cores, codes: codes, input: input)
}
print(String(format: "   (c) full assessment, 1 core %8.1f MB/s  %9.0f submissions/s   c/a = %.2f  (target >= 0.50)",
             corpusMB / oneCore, Double(n) / oneCore, rawCorpus / oneCore))
print(String(format: "       all %d cores            %8.1f MB/s  %9.0f submissions/s   all/one = %.2f  (target >= 1.80)",
             cores, corpusMB / allCores, Double(n) / allCores, oneCore / allCores))
print(String(format: "       %.1f µs per submission and code (read, parse, decode, assess, summarise)", oneCore / Double(n * codes.count) * 1e6))
if failures > 0 { print("   (\(failures) submissions had errors)") }

// Evaluation alone: submissions already loaded and decoded.
let loaded: [Submission] = corpus.prefix(2000).enumerated().compactMap { i, b in
    guard let doc = try? YAMLLoader().load(bytes: b, file: "s\(i).yaml") else { return nil }
    return SubmissionReader.decode(doc, vocabulary: vocabulary).0
}
let assessors = codes.map { Assessor(code: $0) }
var statuses = 0
let evaluation = best(3) {
    for s in loaded {
        for a in assessors { statuses &+= a.assess(s, asOf: asOf, explain: false).results.count }
    }
}
print(String(format: "   evaluation alone            %8.2f µs to evaluate all measures of one code for one loaded submission (target < 20)",
             evaluation / Double(loaded.count * assessors.count) * 1e6))

// MARK: (d) Peak memory, streaming

let (small, smallLines) = measureMemory(n)
let (large, largeLines) = measureMemory(4 * n)
print(String(format: "   (d) peak memory             %8.1f MiB at N = %d, %.1f MiB at 4N = %d: growth %.1f%% (target < 10%%)",
             Double(small) / 1024, n, Double(large) / 1024, 4 * n, (Double(large) / Double(small) - 1) * 100))
if smallLines != n * codes.count || largeLines != 4 * n * codes.count { print("   (memory runs wrote \(smallLines) and \(largeLines) lines)") }
