import Foundation
import SafetyCodeCore
import YAMLTree

/// `safetycode diff` and `safetycode compare`: load the two codes (and the submissions), render
/// the report in each format, and write it into the output folder or to standard output.
public enum DiffRun {
    /// What to do.
    public struct Options: Sendable {
        public var from: String
        public var to: String
        public var submissions: [String]
        public var formats: [ReportFormat]
        public var out: String
        public var asOf: Day
        /// `--lens` and `--harm`: show only the measures that address them.
        public var filter: HarmFilter

        public init(from: String, to: String, submissions: [String] = [], formats: [ReportFormat] = [.markdown, .html, .json],
                    out: String = "Reports", asOf: Day, filter: HarmFilter = HarmFilter()) {
            self.filter = filter
            self.from = from
            self.to = to
            self.submissions = submissions
            self.formats = formats
            self.out = out
            self.asOf = asOf
        }
    }

    static func name(_ kind: String, _ a: Code, _ b: Code, _ filter: HarmFilter = HarmFilter()) -> String {
        // A lens's report is named apart, so it never overwrites the whole comparison.
        let lens = filter.isEmpty ? "" : "--" + (filter.lenses + filter.harms).joined(separator: "+")
        return ReportFile.safeComponent("\(kind)--\(a.header.id)@\(a.header.version)--\(b.header.id)@\(b.header.version)\(lens)")
    }

    static func emit(_ texts: [(ReportFormat, String)], name: String, options: Options, loader: Loader) -> Assess.Outcome {
        var written: [String] = []
        var stdout: String?
        if options.out == "-" {
            if texts.count != 1 {
                loader.report([.error(.badOption, "--out - writes one report to standard output: give one --format", at: nil)])
            } else {
                stdout = texts[0].1
            }
        } else {
            // Every format of the report from this run, none from another writing at the same time.
            let lock = OutputLock(folder: options.out)
            defer { withExtendedLifetime(lock) {} }
            for (format, text) in texts {
                let path = (options.out as NSString).appendingPathComponent(name + "." + format.fileExtension)
                do {
                    try ReportFile.write(text, to: path)
                    written.append(path)
                } catch {
                    loader.report(error.diagnostics)
                }
            }
        }
        return Assess.finish(loader, written: written, stdout: stdout, lines: [], failed: false)
    }

    static func codes(_ options: Options, _ loader: Loader) -> (Code, Code)? {
        for path in [options.from, options.to] where !FileManager.default.fileExists(atPath: path) {
            loader.report([.error(.missingFile, "no such code file", at: SourceLocation(file: path, line: 1, column: 1))])
        }
        guard let a = loader.code(options.from), let b = loader.code(options.to) else { return nil }
        let problems = options.filter.problems(b.vocabulary)
        if !problems.isEmpty {
            loader.report(problems)
            return nil
        }
        return (a, b)
    }

    /// Runs a diff.
    public static func diff(_ options: Options, loader: Loader = Loader()) -> Assess.Outcome {
        guard let (a, b) = codes(options, loader) else { return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false) }
        let whole = CodeDiff(from: a, to: b)
        if whole.unrelated {
            loader.report([Diagnostic(.warning, code: .badValue, message: "\(a.header.id) \(a.header.version) and \(b.header.id) \(b.header.version) are not versions of one code (\(a.vocabulary.id != b.vocabulary.id ? "different vocabularies" : "different ids and no measure in common")): the diff lists every measure as added or removed", at: nil)])
        }
        let d = options.filter.isEmpty ? whole : whole.filtered { options.filter.matches($0, b.vocabulary) }
        let fromInputs = ReportInput.of(a)
        let inputs = fromInputs + ReportInput.of(b).filter { !fromInputs.contains($0) }
        let texts = options.formats.map { ($0, DiffReport.render(d, format: $0, inputs: inputs, filter: options.filter)) }
        var outcome = emit(texts, name: name("diff", a, b, options.filter), options: options, loader: loader)
        outcome.lines = ["\(a.header.id) \(a.header.version) -> \(b.header.id) \(b.header.version): \(d.added.count) added, \(d.removed.count) removed, \(d.changed.count) changed, \(d.definitionsChanged.count) definition\(d.definitionsChanged.count == 1 ? "" : "s") changed"]
        return outcome
    }

    /// One submission's part of a comparison, as a worker leaves it.
    struct CompareWork: Sendable {
        var assessments: (Assessment, Assessment)?
        var input: ReportInput?
        var diagnostics: [String] = []
        var hasErrors = false
    }

    /// Runs a comparison over the submissions: each submission is read and assessed under both
    /// versions on one of `workers` tasks, and the services are taken in the order of the paths,
    /// so the report does not depend on `workers`. Each service's two assessments are reduced,
    /// as it is added, to what the per-measure and per-lens views show: memory grows little
    /// with the number of services.
    public static func compare(_ options: Options, loader: Loader = Loader(),
                               workers: Int = ProcessInfo.processInfo.activeProcessorCount) async -> Assess.Outcome {
        guard let (a, b) = codes(options, loader) else { return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false) }
        var missing: [Diagnostic] = []
        let paths = Lint.expand(options.submissions, missing: &missing)
        loader.report(missing)
        if paths.isEmpty { loader.report([.error(.missingFile, "no submissions to compare: give one or more submission files", at: nil)]) }
        if a.vocabulary.facts.map(\.path) != b.vocabulary.facts.map(\.path) {
            loader.report([.error(.badValue, "the two codes use different vocabularies, so one submission cannot be read for both", at: nil)])
            return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        var c = Comparison(from: a, to: b, filter: options.filter)
        var digests: [String: String] = [:]
        var submissionInputs: [ReportInput] = []
        var problems: [String] = []
        var hasErrors = false
        let asOf = options.asOf
        await Assess.forEachInOrder(count: paths.count, workers: max(1, workers)) { i in
            var w = CompareWork()
            let path = paths[i]
            // The submission's problems rendered here, with its lines from the text already read.
            func fail(_ ds: [Diagnostic], _ text: SourceText?) {
                w.diagnostics += ds.sorted(by: Diagnostic.byPlace).map { d in d.rendered { $0 == path ? text : Diagnostic.readSource($0) } }
                w.hasErrors = w.hasErrors || ds.contains { $0.severity == .error }
            }
            let read = SubmissionReader.read(path: path)
            fail(read.diagnostics, nil)
            guard let document = read.document else { return w }
            let (submission, ds) = SubmissionReader.decode(document, vocabulary: b.vocabulary)
            fail(ds, document.text)
            guard let submission else { return w }
            w.assessments = Comparison.assess(submission, from: a, to: b, asOf: asOf)
            w.input = ReportInput(role: "submission", file: submission.file, sha256: read.sha256)
            return w
        } emit: { _, w in
            problems += w.diagnostics
            hasErrors = hasErrors || w.hasErrors
            if let (x, y) = w.assessments, let input = w.input {
                c.add(x, y)
                digests[input.file] = input.sha256
                submissionInputs.append(input)
            }
        }
        let codeInputs = ReportInput.of(a)
        let inputs = codeInputs + ReportInput.of(b).filter { !codeInputs.contains($0) } + submissionInputs
        let texts = options.formats.map { ($0, DiffReport.render(c, format: $0, inputs: inputs, digests: digests)) }
        var outcome = emit(texts, name: name("compare", a, b, options.filter), options: options, loader: loader)
        outcome.diagnostics += problems
        if hasErrors { outcome.exitCode = 2 }
        let critical = c.entries.filter { !$0.newCriticalGaps.isEmpty }.count
        outcome.lines = ["\(a.header.id) \(a.header.version) -> \(b.header.id) \(b.header.version): \(critical) of \(c.entries.count) services gain at least one critical gap"]
        return outcome
    }
}
