import Foundation
import SafetyCodeCore
import YAMLTree

/// `safetycode assess`: every submission against every code, reports written into a folder
/// (or one report to standard output), an index when there are several submissions.
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

        public init(submissions: [String], codes: [String], formats: [ReportFormat] = ReportFormat.allCases,
                    out: String = "Reports", asOf: Day, failUnder: Double? = nil) {
            self.submissions = submissions
            self.codes = codes
            self.formats = formats
            self.out = out
            self.asOf = asOf
            self.failUnder = failUnder
        }
    }

    /// What happened.
    public struct Outcome: Sendable {
        /// 0 done, 1 a `--fail-under` threshold not reached, 2 bad input.
        public var exitCode: Int32
        /// Problems, rendered compiler style.
        public var diagnostics: [String]
        /// Files written, in order.
        public var written: [String]
        /// The report, when writing to standard output.
        public var standardOutput: String?
        /// One line per submission and code: score and gaps.
        public var lines: [String]
    }

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

    /// Runs the assessment.
    public static func run(_ options: Options, loader: Loader = Loader()) -> Outcome {
        var written: [String] = []
        var lines: [String] = []
        let toStdout = options.out == "-"
        let codePaths = codeFiles(options.codes, loader: loader)
        if codePaths.isEmpty {
            loader.report([.error(.missingFile, "no code to assess against: give --code with a code file", at: nil)])
        }
        let codes = codePaths.compactMap { path -> Code? in
            if !FileManager.default.fileExists(atPath: path) {
                loader.report([.error(.missingFile, "no such code file", at: SourceLocation(file: path, line: 1, column: 1))])
                return nil
            }
            return loader.code(path)
        }
        var missing: [Diagnostic] = []
        let submissionPaths = Lint.expand(options.submissions, missing: &missing)
        loader.report(missing)
        if toStdout && (submissionPaths.count != 1 || codePaths.count != 1 || options.formats.count != 1) {
            loader.report([.error("bad-option", "--out - writes one report to standard output: give one submission, one code and one --format", at: nil)])
            return finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        var rows: [[Assessment]] = []
        var standardOutput: String?
        var failedThreshold = false
        for path in submissionPaths {
            var row: [Assessment] = []
            for code in codes {
                guard let submission = loader.submission(path, vocabulary: code.vocabulary) else { break }
                for alt in submission.alternatives where code.index(of: alt.measureID) == nil && codes.allSatisfy({ $0.index(of: alt.measureID) == nil }) {
                    loader.report([Diagnostic(.warning, code: .unknownMeasure,
                                              message: "an alternative is claimed for '\(alt.measureID)', which none of the codes assessed has",
                                              at: alt.location)])
                }
                let assessment = Assessor(code: code).assess(submission, asOf: options.asOf)
                row.append(assessment)
                let inputs = ReportInput.of(code, loader: loader)
                let sha = loader.sha256(path) ?? ""
                let s = assessment.summary
                if let threshold = options.failUnder, let score = s.score, score < threshold { failedThreshold = true }
                lines.append("\(submission.service) against \(code.header.id) \(code.header.version): \(GapReportView.percent(s.score)), \(s.gaps) gaps, \(s[.unknown]) undecided")
                for format in options.formats {
                    let text = GapReport.render(assessment, format: format, submissionSHA: sha, inputs: inputs)
                    if toStdout {
                        standardOutput = text
                        continue
                    }
                    let target = ReportFile.path(out: options.out, submission: path, code: code, ext: format.fileExtension)
                    do {
                        try ReportFile.write(text, to: target)
                        written.append(target)
                    } catch {
                        loader.report(error.diagnostics)
                    }
                }
            }
            if row.count == codes.count, !row.isEmpty { rows.append(row) }
        }
        if !toStdout, rows.count > 1 {
            let view = IndexView(assessments: rows, formats: Set(options.formats))
            for (name, template) in [("index.md", "index.md"), ("index.html", "index.html")] {
                let target = (options.out as NSString).appendingPathComponent(name)
                do {
                    try ReportFile.write(Templates.render(view, template), to: target)
                    written.append(target)
                } catch {
                    loader.report(error.diagnostics)
                }
            }
        }
        return finish(loader, written: written, stdout: standardOutput, lines: lines, failed: failedThreshold)
    }

    static func finish(_ loader: Loader, written: [String], stdout: String?, lines: [String], failed: Bool) -> Outcome {
        let code: Int32 = loader.hasErrors ? 2 : failed ? 1 : 0
        return Outcome(exitCode: code, diagnostics: loader.renderedDiagnostics(), written: written, standardOutput: stdout, lines: lines)
    }
}
