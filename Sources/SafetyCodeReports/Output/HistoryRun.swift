import Foundation
import SafetyCodeCore
import YAMLTree

/// `safetycode history`: several submissions of one service against each code, in date order
/// (SPEC section 8), each with its review where one applies.
public enum HistoryRun {
    /// What to do.
    public struct Options: Sendable {
        public var submissions: [String]
        public var codes: [String]
        public var formats: [ReportFormat]
        /// The output folder, or "-" for standard output.
        public var out: String
        public var asOf: Day
        public var reviews: [String]
        public var conventionalReviews: Bool
        /// `--lens` and `--harm`: follow only the measures that address them.
        public var filter: HarmFilter

        public init(submissions: [String], codes: [String], formats: [ReportFormat] = HistoryReport.formats, out: String = "Reports",
                    asOf: Day, reviews: [String] = [], conventionalReviews: Bool = true, filter: HarmFilter = HarmFilter()) {
            self.filter = filter
            self.submissions = submissions
            self.codes = codes
            self.formats = formats
            self.out = out
            self.asOf = asOf
            self.reviews = reviews
            self.conventionalReviews = conventionalReviews
        }
    }

    /// The histories, without writing them (for tests and the workbench); nil after reporting
    /// problems into the loader.
    public static func histories(_ options: Options, loader: Loader) -> [History]? {
        let assessOptions = Assess.Options(submissions: options.submissions, codes: options.codes, asOf: options.asOf,
                                           reviews: options.reviews, conventionalReviews: options.conventionalReviews)
        let codes = Assess.loadCodes(assessOptions, loader: loader)
        var missing: [Diagnostic] = []
        let paths = Lint.list(options.submissions, missing: &missing)
        loader.report(missing)
        if paths.isEmpty { loader.report([.error(.missingFile, "no submissions: give the submissions of one service, in any order", at: nil)]) }
        let reviews = Assess.reviewFiles(assessOptions, paths: paths, loader: loader)
        guard !loader.hasErrors else { return nil }
        var out: [History] = []
        for code in codes {
            var points: [History.Point] = []
            for (i, path) in paths.enumerated() {
                let reviewPath = reviews[i]
                guard let s = loader.submission(path, vocabulary: code.vocabulary) else { continue }
                let sha = loader.sha256(path) ?? ""
                var review: Review?, reviewSHA = ""
                if let reviewPath {
                    review = loader.review(reviewPath, vocabulary: code.vocabulary)
                    reviewSHA = loader.sha256(reviewPath) ?? ""
                    if let r = review, let want = r.submissionSHA256, want != sha {
                        loader.report([Diagnostic(.warning, code: .staleReview,
                                                  message: "\(path) changed since it was reviewed (its SHA-256 is \(sha), the review names \(want)): the findings are listed and not applied",
                                                  at: r.location)])
                    }
                }
                let a = Assessor(code: code).assess(s, review: review, reviewSHA: reviewSHA, submissionSHA: sha, asOf: options.asOf)
                    .filtered(options.filter)
                points.append(.init(assessment: a, sha256: sha))
            }
            out.append(History(code: code, points: points))
        }
        let services = Set(out.first?.points.map { $0.assessment.submission.service } ?? [])
        if services.count > 1 {
            loader.report([.error(.badValue, "a history follows one service; these submissions name \(services.sorted().joined(separator: ", "))", at: nil)])
        }
        return loader.hasErrors ? nil : out
    }

    /// Runs the history and writes `<out>/history/<stem>/<code-id>@<version>.<ext>`, where
    /// `<stem>` is the stem of the oldest submission's file.
    public static func run(_ options: Options, loader: Loader = Loader()) -> Assess.Outcome {
        guard let histories = histories(options, loader: loader) else { return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false) }
        if options.out == "-" && (histories.count != 1 || options.formats.count != 1) {
            loader.report([.error(.badOption, "--out - writes one report to standard output: give one --code and one --format", at: nil)])
            return Assess.finish(loader, written: [], stdout: nil, lines: [], failed: false)
        }
        var written: [String] = [], lines: [String] = [], stdout: String?
        for h in histories {
            guard let first = h.points.first else { continue }
            let inputs = h.points.map { ReportInput(role: "submission", file: $0.file, sha256: $0.sha256) }
                + h.points.compactMap { p in p.assessment.review.map { ReportInput(role: "review", file: $0.review.file, sha256: $0.sha256) } }
                + ReportInput.of(h.code)
            let scores = h.points.map { GapReportView.percent($0.assessment.summary.score) }.joined(separator: " → ")
            let scope = h.steps.flatMap(\.scopeReductions).count
            lines.append("\(first.assessment.submission.service) against \(h.code.header.id) \(h.code.header.version): \(scores) over \(h.points.count) submission\(h.points.count == 1 ? "" : "s")"
                         + (scope > 0 ? ", \(scope) lowered value\(scope == 1 ? "" : "s") took measures out of scope" : ""))
            for format in options.formats {
                let text = HistoryReport.render(h, format: format, inputs: inputs)
                if options.out == "-" { stdout = text; continue }
                let folder = (("history" as NSString).appendingPathComponent(ReportFile.stem(first.file)))
                var target = ReportFile.path(out: options.out, folder: folder, code: h.code, ext: format.fileExtension)
                if !options.filter.isEmpty {
                    // A lens's history sits beside the whole history, never over it.
                    let lens = ReportFile.safeComponent((options.filter.lenses + options.filter.harms).joined(separator: "+"))
                    target = String(target.dropLast(format.fileExtension.count + 1)) + "--" + lens + "." + format.fileExtension
                }
                do {
                    try ReportFile.write(text, to: target)
                    written.append(target)
                } catch {
                    loader.report(error.diagnostics)
                }
            }
        }
        return Assess.finish(loader, written: written, stdout: stdout, lines: lines, failed: false)
    }
}
