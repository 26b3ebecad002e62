import Foundation
import SafetyCodeCore
import YAMLTree

/// `safetycode assess`: every submission against every code. Codes are loaded and compiled once;
/// submissions stream through a bounded pool of workers (one submission in memory per worker), and
/// everything printed comes out in input order whatever the parallelism.
public enum Assess {
    /// What to do.
    public struct Options: Sendable {
        public var submissions: [String]
        public var codes: [String]
        public var formats: [ReportFormat]
        /// The output folder, or "-" for standard output.
        public var out: String
        public var asOf: Day
        public var failUnder: Double?
        /// How many submissions are assessed at once (default: the number of cores).
        public var workers: Int
        /// Show progress on standard error (only when it is a terminal).
        public var progress: Bool
        /// Assess measures not yet in force as if they were (as `compare` does), labelled so.
        public var asIfInForce: Bool
        /// Start CSV reports with a UTF-8 byte-order mark (for spreadsheet programs that need one).
        public var csvBOM: Bool
        /// `--lens` and `--harm`: report only the measures that address them.
        public var filter: HarmFilter
        /// Review files (SPEC section 7), each applied to the submission it names.
        public var reviews: [String] = []
        /// Pick up `Reviews/<submission-stem>.yaml` for a submission no `--review` names.
        public var conventionalReviews: Bool = true

        public init(submissions: [String], codes: [String], formats: [ReportFormat] = ReportFormat.reports,
                    out: String = "Reports", asOf: Day, failUnder: Double? = nil,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount, progress: Bool = false,
                    asIfInForce: Bool = false, csvBOM: Bool = false,
                    filter: HarmFilter = HarmFilter(),
                    reviews: [String] = [], conventionalReviews: Bool = true) {
            self.reviews = reviews
            self.conventionalReviews = conventionalReviews
            self.filter = filter
            self.asIfInForce = asIfInForce
            self.csvBOM = csvBOM
            self.submissions = submissions
            self.codes = codes
            self.formats = formats
            self.out = out
            self.asOf = asOf
            self.failUnder = failUnder
            // Bounded, so the pool's window (twice the workers) cannot overflow.
            self.workers = min(max(1, workers), Assess.maxWorkers)
            self.progress = progress
        }
    }

    /// The most submissions assessed at once.
    public static let maxWorkers = 1024

    /// What happened.
    public struct Outcome: Sendable {
        /// 0 done, 1 a `--fail-under` threshold not reached, 2 bad input.
        public var exitCode: Int32
        /// Problems, rendered compiler style.
        public var diagnostics: [String]
        /// Files written, in order.
        public var written: [String]
        /// The report, when writing one report to standard output.
        public var standardOutput: String?
        /// One line per submission and code: score and gaps.
        public var lines: [String]
    }

    /// Runs with up to this many submissions print a line per submission and code.
    static let linesUpTo = 50

    /// Expands `--code` arguments: a file, or a folder searched for code and overlay files.
    static func codeFiles(_ args: [String], loader: Loader) -> [String] {
        var missing: [Diagnostic] = []
        var out: [String] = []
        for arg in args {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                for file in Lint.expand([arg], missing: &missing) {
                    guard let doc = loader.document(file), let kind = FileKind.of(doc), kind == .code || kind == .overlay else { continue }
                    out.append(file)
                }
            } else {
                out.append(arg)
            }
        }
        loader.report(missing)
        return out
    }

    /// What one worker produced for one submission, or for a batch of them merged (in order).
    struct Work: Sendable {
        var diagnostics: [String] = []
        var hasErrors = false
        /// Submissions with errors (not assessed), of those this work covers.
        var failedSubmissions = 0
        /// A report that could not be written: exit code 3 (SPEC section 4), not bad input.
        var writeFailed = false
        var written: [String] = []
        var lines: [String] = []
        /// JSON Lines summaries as their UTF-8 bytes, each line ending in a newline: one buffer
        /// per batch, so the thread that writes them frees one block, not a string per line
        /// (freeing another thread's memory contends for its malloc arena).
        var jsonl: [UInt8] = []
        var standardOutput: String?
        /// Assessments scoring below `--fail-under`, and the first of them in words.
        var below = 0
        var firstBelow: String?
        var belowThreshold: Bool { below > 0 }
        var rows: [IndexRow] = []

        /// Adds what `other` produced after this.
        mutating func append(_ other: Work) {
            diagnostics += other.diagnostics
            hasErrors = hasErrors || other.hasErrors
            failedSubmissions += other.failedSubmissions
            writeFailed = writeFailed || other.writeFailed
            written += other.written
            lines += other.lines
            jsonl += other.jsonl
            if let s = other.standardOutput { standardOutput = s }
            below += other.below
            firstBelow = firstBelow ?? other.firstBelow
            rows += other.rows
        }

        /// Adds one JSON Lines summary.
        mutating func appendLine(_ line: String) {
            jsonl.append(contentsOf: line.utf8)
            jsonl.append(0x0A)
        }
    }

    /// Loads the codes once, without those that have errors (reported into the loader), in an
    /// order of their own (by overlay chain), so that what a run writes does not depend on the order
    /// of the `--code` options. The same file named twice is assessed once; two files that give
    /// the same id and version (whose reports would share a name) are refused, naming both.
    static func loadCodes(_ options: Options, loader: Loader) -> [Code] {
        let codePaths = codeFiles(options.codes, loader: loader)
        if codePaths.isEmpty {
            loader.report([.error(.missingFile, "no code to assess against: give --code with a code file", at: nil)])
        }
        var seenFiles: Set<String> = []
        var byName: [String: (Code, String)] = [:]
        var codes: [Code] = []
        var clashing: Set<String> = []
        for path in codePaths {
            guard seenFiles.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted else { continue }
            if !FileManager.default.fileExists(atPath: path) {
                loader.report([.error(.missingFile, "no such code file", at: SourceLocation(file: path, line: 1, column: 1))])
                continue
            }
            guard let code = loader.code(path) else { continue }
            let name = ReportFile.codeName(code).lowercased()
            if let (first, firstPath) = byName[name] {
                loader.report([.error(.duplicateId, "this code is \(code.header.id) \(code.header.version), as \(firstPath) is: their reports would share the name \(ReportFile.codeName(code)); give one of them",
                                      at: headerPlace(path, loader), notes: [.init("\(first.header.id) \(first.header.version) is here", at: headerPlace(firstPath, loader))])])
                clashing.insert(name)
                continue
            }
            byName[name] = (code, path)
            codes.append(code)
        }
        codes.removeAll { clashing.contains(ReportFile.codeName($0).lowercased()) }
        // Each chain together, from its base file to its last overlay (v1, its amendments, the
        // proposals on them...); chains in the order of their base files' paths.
        func key(_ c: Code) -> (String, Int, String, String) {
            (URL(fileURLWithPath: c.files.first ?? "").standardizedFileURL.path, c.files.count, c.header.id, c.header.version)
        }
        return codes.sorted { key($0) < key($1) }
    }

    /// The review of each submission that has one, by its index: a `--review` file that names
    /// it, or by convention `Reviews/<stem>.yaml`. A `--review` that names no submission of the
    /// run is an error. Kept sparse, and each folder looked for once, so a batch of many files
    /// pays for neither.
    static func reviewFiles(_ options: Options, paths: PathList, loader: Loader) -> [Int: String] {
        func key(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }
        var named: [String: String] = [:]
        let keys = options.reviews.isEmpty ? [] : paths.map(key)
        for file in options.reviews {
            guard FileManager.default.fileExists(atPath: file) else {
                loader.report([.error(.missingFile, "no such review file", at: SourceLocation(file: file, line: 1, column: 1))])
                continue
            }
            guard let target = ReviewFiles.namedSubmission(file) else {
                loader.report([.error(.missingKey, "a review file names its submission under 'review: {submission: ...}'", at: SourceLocation(file: file, line: 1, column: 1))])
                continue
            }
            if keys.contains(key(target)) {
                named[key(target)] = file
            } else if paths.count == 1 {
                // One submission and one review: the reviewer asked for it, so it applies; the
                // run says that the review names another file (and a SHA-256 that differs makes it stale).
                named[keys[0]] = file
                loader.report([Diagnostic(.warning, code: .staleReview, message: "the review \(file) names \(target), not \(paths[0]): applied as --review asks",
                                          at: SourceLocation(file: file, line: 1, column: 1))])
            } else {
                loader.report([.error(.badOption, "the review \(file) is of \(target), which is not among the submissions assessed", at: nil)])
            }
        }
        var found: [Int: String] = [:]
        var folders: [String: Bool] = [:]
        var nearReviews: [String: Bool] = [:]
        func folderExists(_ folder: String) -> Bool {
            if let known = folders[folder] { return known }
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) && isDir.boolValue
            folders[folder] = exists
            return exists
        }
        // The last folder's answer, kept aside: a folder's files come one after another.
        var last: (folder: Substring, near: Bool)?
        for i in paths.indices {
            if !named.isEmpty, let file = named[keys[i]] {
                found[i] = file
                continue
            }
            guard options.conventionalReviews else { continue }
            let path = paths[i]
            // Once per folder of submissions: whether any Reviews folder is near it at all.
            let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            let parent = slash.map { $0 == path.startIndex ? "/" : path[..<$0] } ?? ""
            let near: Bool
            if let last, last.folder == parent {
                near = last.near
            } else {
                near = nearReviews[String(parent)] ?? ReviewFiles.anyFolder(near: String(parent), folderExists: folderExists)
                nearReviews[String(parent)] = near
                last = (parent, near)
            }
            guard near, let file = ReviewFiles.conventional(for: path, folderExists: folderExists) else { continue }
            // By convention only when the review is of this very file (a same-named submission
            // elsewhere is not reviewed by it).
            if let target = ReviewFiles.namedSubmission(file), key(target) != key(path) {
                loader.report([Diagnostic(.warning, code: .staleReview,
                                          message: "\(file) reviews \(target), not \(path): not applied (give --review to apply it)",
                                          at: SourceLocation(file: file, line: 1, column: 1))])
                continue
            }
            found[i] = file
        }
        return found
    }

    /// Where a code file gives its version (or its first line).
    static func headerPlace(_ path: String, _ loader: Loader) -> SourceLocation {
        if let doc = loader.document(path),
           let header = doc.root.pairs?.first(where: { $0.keyText == "code" })?.value,
           let version = header.pairs?.first(where: { $0.keyText == "version" })?.value {
            return doc.location(of: version)
        }
        return SourceLocation(file: path, line: 1, column: 1)
    }

    /// Runs the assessment.
    public static func run(_ options: Options, loader: Loader = Loader()) async -> Outcome {
        let toStdout = options.out == "-"
        // With more than one core, the submissions are listed on another while the codes compile.
        // One after the other they were the run's serial start, with the other cores idle: a
        // folder of 20,000 files takes about 20 ms to list, the six shipped codes about 50 ms to
        // compile. The listing's problems are still reported after the codes'.
        let submissions = options.submissions
        let listing: Task<(PathList, [Diagnostic]), Never>? = options.workers > 1
            ? Task.detached {
                var missing: [Diagnostic] = []
                let paths = Lint.list(submissions, missing: &missing)
                return (paths, missing)
            }
            : nil
        let codes = loadCodes(options, loader: loader)
        var vocabularies: Set<String> = []
        for code in codes where vocabularies.insert(code.vocabulary.file).inserted {
            let problems = options.filter.problems(code.vocabulary)
            if !problems.isEmpty {
                loader.report(problems)
                return finish(loader, written: [], stdout: nil, lines: [], failed: false)
            }
        }
        // One buffer of names, not a string per file: memory does not grow with the folder.
        let paths: PathList
        var missing: [Diagnostic] = []
        if let listing {
            (paths, missing) = await listing.value
        } else {
            paths = Lint.list(options.submissions, missing: &missing)
        }
        loader.report(missing)
        let reportFormats = options.formats.filter { $0 != .jsonl }
        if toStdout && options.formats != [.jsonl] && (paths.count != 1 || codes.count != 1 || options.formats.count != 1) {
            loader.report([.error(.badOption, "--out - writes one report to standard output: give one submission, one code and one --format (or --format jsonl)", at: nil)])
            return finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        // Nothing is written when no code could be loaded: no index of services against no codes.
        if codes.isEmpty && loader.hasErrors {
            return finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        // Report folders only when there are reports (a large jsonl run keeps no second list of names).
        let folders = reportFormats.isEmpty ? [] : ReportFile.folders(for: Array(paths))
        let reviews = reviewFiles(options, paths: paths, loader: loader)
        var diagnostics = loader.renderedDiagnostics()
        var renamed: [String] = []
        if !toStdout && !reportFormats.isEmpty {
            for (path, folder) in zip(paths, folders) where folder != ReportFile.stem(path) {
                renamed.append("note: the reports of \(path) go into \((options.out as NSString).appendingPathComponent(folder))/, as another submission of this run, or the run's own index, has the name \(ReportFile.stem(path))")
            }
        }
        // Held until the run returns: no other run writes into this folder meanwhile.
        let lock = toStdout ? nil : OutputLock(folder: options.out)
        defer { withExtendedLifetime(lock) {} }
        // An output folder that cannot be made is said once, and nothing is assessed: not once per
        // report (four formats of a hundred submissions would be four hundred lines naming their
        // subfolders), and no scores printed as if reports had been written.
        if !toStdout, lock == nil, let why = ReportFile.makeFolder(options.out) {
            loader.report([.error(.writeFailed, "cannot create the folder \(options.out): \(why)", at: nil)])
            return finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        // The same for a folder that is there but may not be written into (read-only, another
        // user's).
        if !toStdout, access(options.out, W_OK | X_OK) != 0 {
            loader.report([.error(.writeFailed, "cannot write into the folder \(options.out): \(String(cString: strerror(errno)))", at: nil)])
            return finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        var hasErrors = loader.hasErrors
        // A report that could not be written: exit code 3 (SPEC section 4), not bad input.
        var writeFailed = false
        // A report that could not be written, so the index (which links every report) is not.
        var reportFailed = false
        var written: [String] = []
        var lines: [String] = renamed
        var rows: [IndexRow] = []
        var standardOutput: String?
        var failed = false
        var below = 0
        var firstBelow: String?
        // JSON Lines go to standard output as they come (with --out -), or to a file renamed at the end.
        if lock != nil && options.formats.contains(.jsonl) { JSONLSink.removeLeftovers(in: options.out) }
        let jsonlSink: JSONLSink? = options.formats.contains(.jsonl) ? JSONLSink(out: options.out) : nil
        let progress = options.progress && isatty(2) == 1 ? Progress(total: paths.count) : nil
        let keepRows = !toStdout && paths.count > 1 && !reportFormats.isEmpty
        // A line per submission and code for small runs; large runs end with one line of totals.
        let perLine = paths.count <= Self.linesUpTo
        var assessed = 0
        let schemas = Self.schemas(codes)
        let assessors = codes.map { Assessor(code: $0, asOf: options.asOf, asIfInForce: options.asIfInForce) }
        // Summaries only (no reports kept or written per submission): files go to the cores in batches.
        let batch = reportFormats.isEmpty && !keepRows && !perLine ? 32 : 1
        await forEachBatchInOrder(count: paths.count, workers: options.workers, batch: batch) { range in
            // A batch's work merged on the worker's own thread: what is handed back is one value.
            var merged = Work()
            for i in range {
                let (bytes, problems) = SubmissionReader.bytes(path: paths[i])
                merged.append(work(file: paths[i], bytes: bytes, problems: problems, schemas: schemas, folder: folders.isEmpty ? "" : folders[i],
                                   codes: codes, options: options, formats: reportFormats, keepRow: keepRows, lines: perLine, review: reviews[i],
                                   assessors: assessors))
            }
            return merged
        } emit: { range, w in
            diagnostics += w.diagnostics
            hasErrors = hasErrors || w.hasErrors
            writeFailed = writeFailed || w.writeFailed
            reportFailed = reportFailed || w.writeFailed
            written += w.written
            lines += w.lines
            if let s = w.standardOutput { standardOutput = s }
            failed = failed || w.belowThreshold
            below += w.below
            firstBelow = firstBelow ?? w.firstBelow
            rows += w.rows
            assessed += range.count - w.failedSubmissions
            jsonlSink?.write(w.jsonl)
            progress?.step(range.count)
        }
        progress?.done()
        if !perLine {
            lines.append("assessed \(assessed) of \(paths.count) submissions against \(codes.count) code\(codes.count == 1 ? "" : "s")")
        }
        if let sink = jsonlSink {
            do {
                if let path = try sink.finish() { written.append(path) }
            } catch {
                diagnostics += error.diagnostics.map { $0.rendered() }
                hasErrors = true
                writeFailed = true
            }
        }
        if keepRows, rows.count > 1, reportFailed {
            lines.append("the index is not written: it would link to reports that could not be")
        } else if keepRows, rows.count > 1 {
            let view = IndexView(rows: rows, codes: codes, asOf: options.asOf, formats: Set(reportFormats),
                                 comparisons: comparisonLinks(codes, out: options.out))
            // A lens's index sits beside the whole run's, never over it.
            let lens = options.filter.isEmpty ? "" : "--" + ReportFile.safeComponent((options.filter.lenses + options.filter.harms).joined(separator: "+"))
            for name in ["index.md", "index.html"] {
                let file = lens.isEmpty ? name : name.replacingOccurrences(of: "index.", with: "index\(lens).")
                let target = (options.out as NSString).appendingPathComponent(file)
                do {
                    try ReportFile.write(Templates.render(view, name), to: target)
                    written.append(target)
                } catch {
                    diagnostics += error.diagnostics.map { $0.rendered() }
                    hasErrors = true
                    writeFailed = true  // exit code 3, as for a report (SPEC section 4)
                }
            }
        }
        // Why the exit code is 1, on standard error (standard output may be the JSON Lines).
        if let threshold = options.failUnder, let first = firstBelow {
            let which = below == 1 ? ": " : "; the first: "
            diagnostics.append("safetycode: note: \(below) assessment\(below == 1 ? "" : "s") of \(assessed * codes.count) score\(below == 1 ? "s" : "") below --fail-under \(threshold)\(which)\(first)")
        }
        let code: Int32 = writeFailed ? 3 : hasErrors ? 2 : failed ? 1 : 0
        return Outcome(exitCode: code, diagnostics: diagnostics, written: written, standardOutput: standardOutput, lines: lines)
    }

    /// The comparisons already written into `<out>/comparisons/` between codes of this run, one
    /// code built on the other (so `make demo` writes them first and the index links to them).
    static func comparisonLinks(_ codes: [Code], out: String) -> [(title: String, href: String)] {
        var links: [(title: String, href: String)] = []
        for b in codes {
            for a in codes where a.header.id != b.header.id || a.header.version != b.header.version {
                guard let base = a.files.last, b.files.dropLast().contains(base) else { continue }
                for (kind, words) in [("compare", "what it means for each service"), ("diff", "what changes in the code")] {
                    let href = "comparisons/" + DiffRun.name(kind, a, b) + ".html"
                    guard FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(href)) else { continue }
                    links.append(("\(a.header.id) \(a.header.version) → \(b.header.id) \(b.header.version): \(words)", href))
                }
            }
        }
        return links
    }

    /// The event decoder's tables, once per vocabulary of the codes (by its file).
    static func schemas(_ codes: [Code]) -> [String: SubmissionSchema] {
        var out: [String: SubmissionSchema] = [:]
        for code in codes where out[code.vocabulary.file] == nil { out[code.vocabulary.file] = SubmissionSchema(code.vocabulary) }
        return out
    }

    /// One submission against every code: hash once, decode once per vocabulary (straight from the
    /// parser's events; through the tree, which reports every problem at its place, when that
    /// gives up), assess, render and write. Without reports to write, a review or a lens, only
    /// summaries are made: no per-measure result is kept.
    static func work(
        file path: String, bytes: [UInt8]?, problems: [Diagnostic], schemas: [String: SubmissionSchema], folder: String,
        codes: [Code], options: Options, formats: [ReportFormat], keepRow: Bool, lines: Bool = true, review reviewPath: String? = nil,
        assessors: [Assessor]
    ) -> Work {
        var w = Work()
        var text: SourceText?
        func fail(_ ds: [Diagnostic], _ text: SourceText?) {
            guard !ds.isEmpty else { return }
            w.diagnostics += Diagnostic.renderAll(ds.sorted(by: Diagnostic.byPlace)) { file in file == path ? text : Diagnostic.readSource(file) }
            if ds.contains(where: { $0.severity == .error }) {
                w.hasErrors = true
                w.failedSubmissions = 1
            }
        }
        guard let bytes else {
            fail(problems, nil)
            return w
        }
        let sha256 = SubmissionReader.sha256(bytes)
        // The tree, parsed only when the event decoder gives up on this file (at most once).
        var document: YAMLDocument??
        var decoded: [String: Submission?] = [:]
        // The facts resolved for the compiled plans, once per vocabulary, not once per code.
        var tables: [String: FactTable] = [:]
        var reviews: [String: (Review?, String)] = [:]
        var assessments: [Assessment] = []
        var first = true
        let explain = !formats.isEmpty
        // Summaries straight from the statuses as they are decided: nothing per measure to keep.
        let summaryOnly = !explain && reviewPath == nil && options.filter.isEmpty
        // Each code and assessor read in place (`codes[k]`, `assessors[k]`), never copied into a
        // local: a copy retains every array of the compiled code, and the workers share them, so
        // their reference counts would be written from every core for every file.
        for k in codes.indices {
            let key = codes[k].vocabulary.file
            if decoded[key] == nil {
                if let schema = schemas[key], let s = SubmissionReader.decodeEvents(bytes, file: path, schema: schema) {
                    decoded[key] = .some(s)
                } else {
                    if document == nil {
                        let read = SubmissionReader.parse(bytes: bytes, file: path)
                        document = .some(read.document)
                        // With the file's own text, so a syntax error shows its line and caret as lint's do.
                        if read.document == nil { fail(read.diagnostics, SourceText(bytes: bytes)) }
                    }
                    guard let doc = document ?? nil else { return w }
                    text = doc.text
                    let (s, ds) = SubmissionReader.decode(doc, vocabulary: codes[k].vocabulary)
                    fail(ds, doc.text)
                    decoded[key] = .some(s)
                }
            }
            guard let submission = decoded[key] ?? nil else { return w }
            // Once per submission, not once per code.
            if first {
                first = false
                let unknown = submission.alternatives.filter { alt in codes.allSatisfy { $0.index(of: alt.measureID) == nil } }
                if !unknown.isEmpty {
                    fail(unknown.map { alt in
                        Diagnostic(.warning, code: .unknownMeasure,
                                   message: "an alternative is claimed for '\(alt.measureID)', which none of the codes assessed has", at: alt.location)
                    }, text ?? SourceText(bytes: bytes))
                }
            }
            var review: Review?, reviewSHA = ""
            if let reviewPath {
                if reviews[key] == nil {
                    let (r, sha, ds) = ReviewFiles.read(reviewPath, vocabulary: codes[k].vocabulary)
                    fail(ds + (r?.unknownMeasures(in: codes, severity: .warning) ?? []), nil)
                    if let r, let want = r.submissionSHA256, want != sha256 {
                        fail([Diagnostic(.warning, code: .staleReview,
                                         message: "\(path) changed since it was reviewed (its SHA-256 is \(sha256), the review names \(want)): the findings are listed and not applied",
                                         at: r.location)], nil)
                    }
                    reviews[key] = (r, sha)
                }
                guard let (r, sha) = reviews[key], let r else { return w }
                (review, reviewSHA) = (r, sha)
            }
            let s: Assessment.Summary
            var assessment: Assessment?
            if summaryOnly {
                let table = tables[key] ?? FactTable(submission.facts)
                if codes.count > 1 && tables[key] == nil { tables[key] = table }
                if options.formats.contains(.jsonl) {
                    let line: String
                    (line, s) = JSONL.line(submission, table: table, assessor: assessors[k], asOf: options.asOf, asIfInForce: options.asIfInForce,
                                           sha256: sha256)
                    w.appendLine(line)
                } else {
                    s = assessors[k].summary(submission, table: table, asOf: options.asOf, asIfInForce: options.asIfInForce)
                }
            } else {
                let a = assessors[k].assess(submission, review: review, reviewSHA: reviewSHA, submissionSHA: sha256,
                                                    asOf: options.asOf, asIfInForce: options.asIfInForce, explain: explain)
                    .filtered(options.filter)
                assessments.append(a)
                assessment = a
                s = a.summary
                if options.formats.contains(.jsonl) { w.appendLine(JSONL.line(a, sha256: sha256, summary: s)) }
            }
            if let threshold = options.failUnder, let score = s.score, score < threshold {
                w.below += 1
                if w.firstBelow == nil {
                    w.firstBelow = "\(submission.service) against \(codes[k].header.id) \(codes[k].header.version) (\(GapReportView.percent(score)), \(path))"
                }
            }
            if lines {
                var review = s[.alternative] > 0 ? ", \(s[.alternative]) alternative\(s[.alternative] == 1 ? "" : "s") needing review" : ""
                if let r = assessment?.review {
                    let applied = r.entries.count { $0.state == .applied }
                    review += ", reviewed (\(applied) finding\(applied == 1 ? "" : "s") applied\(r.stale ? "; stale" : ""))"
                }
                let range = s.hasUndecided && s.scoreUpper != s.score ? " to \(GapReportView.percent(s.scoreUpper))" : ""
                let label = options.asIfInForce ? " (as if in force)" : ""
                w.lines.append("\(submission.service) against \(codes[k].header.id) \(codes[k].header.version)\(label): \(GapReportView.percent(s.score))\(range), \(s.gaps) gap\(s.gaps == 1 ? "" : "s"), \(s[.unknown]) undecided\(review)")
            }
            guard explain, let a = assessment else { continue }
            let inputs = ReportInput.of(codes[k])
            for format in formats {
                var text = GapReport.render(a, format: format, submissionSHA: sha256, inputs: inputs)
                if format == .csv && options.csvBOM { text = "\u{FEFF}" + text }
                if options.out == "-" {
                    w.standardOutput = text
                    continue
                }
                var target = ReportFile.path(out: options.out, folder: folder, code: codes[k], ext: format.fileExtension)
                if !options.filter.isEmpty {
                    // A lens's report sits beside the whole report, never over it.
                    let lens = ReportFile.safeComponent((options.filter.lenses + options.filter.harms).joined(separator: "+"))
                    target = String(target.dropLast(format.fileExtension.count + 1)) + "--" + lens + "." + format.fileExtension
                }
                do {
                    try ReportFile.write(text, to: target)
                    w.written.append(target)
                } catch {
                    fail(error.diagnostics, nil)
                    w.writeFailed = true
                }
            }
        }
        if keepRow {
            // The index shows codes not yet in force as if they were (SPEC section 3), so a
            // proposal's column shows what it would require.
            let shown = assessments.map { a in
                a.asIfInForce || !IndexRow.showsAsIfInForce(a.code) ? a
                    : Assessor(code: a.code).assess(a.submission, asOf: a.asOf, asIfInForce: true, explain: false)
            }
            w.rows = [IndexRow(shown, folder: folder, reported: assessments)]
        }
        return w
    }

    /// Runs `body` for indices 0..<count on up to `workers` tasks at once, and calls `emit` with
    /// each result in index order. A task takes `batch` consecutive indices (results small enough
    /// to hold many of, as JSON Lines summaries, go in batches so the cores are not spent handing
    /// out and collecting one file at a time). At most `2 × workers` batches wait to be emitted, so
    /// memory stays bounded however many inputs there are.
    static func forEachInOrder<T: Sendable>(
        count: Int, workers: Int, batch: Int = 1, _ body: @escaping @Sendable (Int) -> T, emit: (Int, T) -> Void
    ) async {
        await forEachBatchInOrder(count: count, workers: workers, batch: batch) { range in
            range.map(body)
        } emit: { range, results in
            for (i, t) in zip(range, results) { emit(i, t) }
        }
    }

    /// Runs `body` for consecutive ranges of 0..<count (`batch` indices each, the last one
    /// shorter) on up to `workers` tasks at once, and calls `emit` with each range's result in
    /// order. A batch's result is made, and can be merged into one value, on its worker's own
    /// thread. At most `2 × workers` batches are under way or waiting to be emitted.
    static func forEachBatchInOrder<T: Sendable>(
        count: Int, workers: Int, batch: Int = 1, _ body: @escaping @Sendable (Range<Int>) -> T, emit: (Range<Int>, T) -> Void
    ) async {
        let size = max(1, batch)
        let batches = (count + size - 1) / size
        func range(_ b: Int) -> Range<Int> { b * size..<min(count, (b + 1) * size) }
        if workers <= 1 {
            for b in 0..<batches { emit(range(b), body(range(b))) }
            return
        }
        await withTaskGroup(of: (Int, T).self) { group in
            var next = 0
            var waiting: [Int: T] = [:]
            var emitted = 0
            let window = workers * 2
            func add(_ b: Int) {
                group.addTask { (b, body(range(b))) }
            }
            while next < min(batches, window) {
                add(next)
                next += 1
            }
            while let (b, result) = await group.next() {
                waiting[b] = result
                while let r = waiting.removeValue(forKey: emitted) {
                    emit(range(emitted), r)
                    emitted += 1
                }
                while next < batches && next - emitted < window {
                    add(next)
                    next += 1
                }
            }
        }
    }

    /// Assesses submissions given as bytes (from memory or made on the fly) against compiled codes
    /// and hands each JSON Lines summary to `output`, in input order: the batch engine without
    /// files, for benchmarks and embedding. Returns the number of inputs with errors.
    public static func summaries(
        count: Int, workers: Int, codes: [Code], asOf: Day,
        input: @escaping @Sendable (Int) -> (name: String, bytes: [UInt8]), output: (String) -> Void
    ) async -> Int {
        let options = Options(submissions: [], codes: [], formats: [.jsonl], out: "-", asOf: asOf, workers: workers)
        let schemas = Self.schemas(codes)
        let assessors = codes.map { Assessor(code: $0, asOf: asOf) }
        var failures = 0
        await forEachBatchInOrder(count: count, workers: workers, batch: 32) { range in
            var merged = Work()
            for i in range {
                let (name, bytes) = input(i)
                merged.append(work(file: name, bytes: bytes, problems: [], schemas: schemas, folder: "", codes: codes, options: options, formats: [],
                                   keepRow: false, lines: false, assessors: assessors))
            }
            return merged
        } emit: { _, w in
            failures += w.failedSubmissions
            for line in w.jsonl.split(separator: 0x0A) { output(String(decoding: line, as: UTF8.self)) }
        }
        return failures
    }

    /// The codes of a folder (files, or folders searched for code and overlay files, as `--code`
    /// takes them), loaded and ordered as `assess` loads them, with every problem found: for the
    /// workbench, which reports problems on its pages.
    public static func loadCodes(_ arguments: [String]) -> (codes: [Code], diagnostics: [Diagnostic]) {
        let loader = Loader()
        let codes = loadCodes(Options(submissions: [], codes: arguments, asOf: Day(year: 2000, month: 1, day: 1)!), loader: loader)
        return (codes, loader.diagnostics)
    }

    /// Loads the codes and overlays among `files` (files of other kinds skipped), as
    /// ``loadCodes(_:)`` does with a folder's files: for the workbench, whose files come from its
    /// own list of the workspace (regular files only) rather than from reading the folder.
    public static func loadCodes(amongFiles files: [String]) -> (codes: [Code], diagnostics: [Diagnostic]) {
        let loader = Loader()
        let codeFiles = files.filter { file in
            guard let doc = loader.document(file), let kind = FileKind.of(doc) else { return false }
            return kind == .code || kind == .overlay
        }
        let codes = loadCodes(Options(submissions: [], codes: codeFiles, asOf: Day(year: 2000, month: 1, day: 1)!), loader: loader)
        return (codes, loader.diagnostics)
    }

    /// Loads and compiles codes once, for ``summaries(count:workers:codes:asOf:input:output:)``;
    /// nil with the rendered problems when any has errors.
    public static func compile(codes paths: [String]) -> ([Code], [String]) {
        let loader = Loader()
        let codes = paths.compactMap { loader.code($0) }
        return (codes, loader.renderedDiagnostics())
    }

    static func finish(_ loader: Loader, written: [String], stdout: String?, lines: [String], failed: Bool) -> Outcome {
        let code: Int32 = loader.diagnostics.contains { $0.code == .writeFailed } ? 3 : loader.hasErrors ? 2 : failed ? 1 : 0
        return Outcome(exitCode: code, diagnostics: loader.renderedDiagnostics(), written: written, standardOutput: stdout, lines: lines)
    }
}

/// A progress line on standard error, redrawn in place.
final class Progress {
    let total: Int
    var count = 0
    init(total: Int) { self.total = total }

    /// `done` more submissions assessed: redrawn at every 50th, and at the last.
    func step(_ done: Int = 1) {
        let before = count
        count += done
        if count == total || count / 50 != before / 50 {
            Descriptor.writeStandardError("\rassessed \(count) of \(total) submissions")
        }
    }

    func done() {
        if count > 0 { Descriptor.writeStandardError("\n") }
    }
}
