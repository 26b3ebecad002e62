import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

/// What the fuzz targets run on each input, shared with the regression tests that replay every
/// input a fuzzer ever crashed on. Each entry must return normally for any bytes at all: a crash,
/// a hang or a sanitizer report is a bug.
public enum FuzzEntry {
    /// The YAML loader with small limits, and rendering of whatever it reports.
    public static func yaml(_ bytes: [UInt8]) {
        let limits = YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 32, maxNodes: 20_000)
        do {
            let doc = try YAMLLoader(limits: limits).load(bytes: bytes, file: "fuzz.yaml")
            _ = FileKind.of(doc)
            if let node = doc.root.pairs?.first?.value { _ = doc.text.mark(ofValueOffset: 3, in: node) }
        } catch {
            let text = SourceText(bytes: bytes)
            for d in error.diagnostics { _ = d.rendered { _ in text } }
        }
    }

    /// The shipped codes, loaded once (from the folder the process runs in, or SAFETYCODE_ROOT).
    public static let codes: [Code] = {
        let root = ProcessInfo.processInfo.environment["SAFETYCODE_ROOT"] ?? FileManager.default.currentDirectoryPath
        let files = ["Codes/ofcom/illegal-content-u2u/v2-additional-safety-measures.yaml", "Codes/campaigners/child-safety-asks.yaml",
                     "Codes/ofcom/protection-of-children-u2u/v2-additional-safety-measures.yaml"]
        let loader = Loader()
        return files.compactMap { loader.code(root + "/" + $0) }
    }()

    /// An expression parsed and type-checked against the first shipped code, then evaluated on
    /// an empty submission and explained.
    public static func expression(_ bytes: [UInt8]) {
        guard let code = codes.first else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        if case .value(let tree, let compiled, _) = code.check(expression: text) {
            // A disagreement between the two evaluators is a bug: stop, so the fuzzer keeps the input.
            precondition(tree == compiled, "compiled and tree evaluation disagree on \(text)")
        }
    }

    /// A submission decoded against the shipped vocabulary, assessed against every shipped code,
    /// and rendered: in every format when `everyFormat` (the regression tests), otherwise in one
    /// format per code picked by the input's bytes, so every format is reached across the
    /// corpus. (Every format for every code took a shipped example over libFuzzer's 10 s under
    /// the sanitizer on a loaded machine, and 8 inputs a minute is no fuzzing.)
    public static func submission(_ bytes: [UInt8], everyFormat: Bool = false) {
        let read = SubmissionReader.parse(bytes: bytes, file: "fuzz.yaml", limits: YAMLLimits(maxFileBytes: 1 << 20, maxDepth: 32, maxNodes: 20_000))
        guard let doc = read.document, let vocabulary = codes.first?.vocabulary else { return }
        let (submission, diagnostics) = SubmissionReader.decode(doc, vocabulary: vocabulary)
        for d in diagnostics { _ = d.rendered { _ in doc.text } }
        guard let submission else { return }
        let all = ReportFormat.allCases
        let pick = bytes.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
        for (k, code) in codes.enumerated() {
            let a = Assessor(code: code).assess(submission, asOf: Day("2026-11-29")!)
            for format in everyFormat ? all : [all[(pick + k) % all.count]] {
                _ = GapReport.render(a, format: format, submissionSHA: read.sha256, inputs: ReportInput.of(code))
            }
        }
    }
}
