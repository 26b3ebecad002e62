import SafetyCodeCore

/// The HTML reports as parts of a web page (the workbench, `safetycode serve`): what each report
/// holds inside `<main>`, rendered with the same view models and templates as the standalone
/// report files, and the style sheet those files carry inline, to be served as a file of its own
/// (the workbench's Content-Security-Policy forbids inline style).
public enum ReportBody {
    /// Every rule the reports' pages use: the common sheet, then the diff's and the comparison's.
    public static let styleSheet: String = Templates.style + "\n" + Templates.diffStyle + "\n" + Templates.compareStyle + "\n"

    /// A gap report's body (as `assess` writes it in `<main>`), with the `score-headline` element.
    public static func gap(_ a: Assessment, submissionSHA: String, inputs: [ReportInput]) -> String {
        Templates.render(GapReportView(a, submissionSHA: submissionSHA, inputs: inputs), "gap.body.html")
    }

    /// The score in one phrase, as the gap report's `score-headline` shows it: "84%", or
    /// "at least 84%, at most 87%: 2 measures undecided".
    public static func scoreHeadline(_ a: Assessment) -> String {
        GapReportView(a, submissionSHA: "", inputs: []).scoreHeadline
    }

    /// A history's body (SPEC section 8).
    public static func history(_ h: History, inputs: [ReportInput]) -> String {
        Templates.render(HistoryView(h, inputs: inputs), "history.body.html")
    }

    /// A code diff's body.
    public static func diff(_ d: CodeDiff, inputs: [ReportInput], filter: HarmFilter = HarmFilter()) -> String {
        Templates.render(DiffView(d, inputs: inputs, filter: filter), "diff.body.html")
    }

    /// Which submission a comparison scored for a service, where the workbench chose it (a
    /// service's latest submission): the service's report name, for the section's anchor
    /// `compare-STEM`, and a line saying which submission it is.
    public struct Scored: Sendable {
        /// The service's report name (its top-level file's stem), not the scored file's own.
        public var stem: String
        /// "Scored on its latest submission, of 1 March 2027 (Submissions/history/…)".
        public var note: String

        /// Creates it from its parts.
        public init(stem: String, note: String) {
            self.stem = stem
            self.note = note
        }
    }

    /// A comparison's body, a section `compare-STEM` per service; `scored`, by submission file,
    /// names the service and says which submission was scored.
    public static func compare(_ c: Comparison, inputs: [ReportInput], scored: [String: Scored] = [:]) -> String {
        Templates.render(CompareView(c, inputs: inputs, scored: scored), "compare.body.html")
    }
}
