import SafetyCodeCore
import YAMLTree

/// The workbench's pages (`safetycode serve`, SPEC section 11): the words and layout around the
/// reports' own bodies (``ReportBody``), rendered from view models with HTML-escaping templates.
/// The server decides what to show and passes it in; nothing here reads a file.
public enum WorkbenchPage {
    /// A problem with a workspace file, shown at the top of a page (never a 500).
    public struct Problem: Sendable, Equatable {
        /// "Submissions/x.yaml:3:7", or the file alone.
        public var place: String
        /// What is wrong.
        public var message: String
        /// "error" or "warning".
        public var severity: String

        /// Creates it from its parts.
        public init(place: String, message: String, severity: String) {
            self.place = place
            self.message = message
            self.severity = severity
        }

        /// The diagnostic as a problem, its file named relative to the workspace.
        public init(_ d: Diagnostic, relativeTo root: String) {
            var place = ""
            if let at = d.location {
                var file = at.file
                if !root.isEmpty, file.hasPrefix(root + "/") { file = String(file.dropFirst(root.count + 1)) }
                place = "\(file):\(at.line):\(at.column)"
            }
            self.init(place: place, message: "[\(d.code.rawValue)] \(d.message)", severity: d.severity == .error ? "error" : "warning")
        }
    }

    /// A choice in a `<select>`.
    public struct Option: Sendable {
        /// The value as typed.
        public var value: String
        /// The words shown.
        public var label: String
        /// Whether it is chosen.
        public var selected: Bool

        /// Creates it from its parts.
        public init(value: String, label: String, selected: Bool = false) {
            self.value = value
            self.label = label
            self.selected = selected
        }
    }


    struct Chooser {
        var codes: [Option]
    }

    /// The questionnaire's first step: choose the codes to answer (a GET form to `/questionnaire`).
    public static func codeChooser(_ codes: [Option]) -> String {
        Templates.render(Chooser(codes: codes), "wb.chooser")
    }

    struct Layout {
        var title: String
        var body: String
        var problems: [Problem]
        var hasProblems: Bool
        var status: String
    }

    /// A whole page: the navigation, the workspace's problems, then `body` (HTML already rendered).
    public static func layout(title: String, body: String, problems: [Problem] = []) -> String {
        Templates.render(Layout(title: title, body: body, problems: problems, hasProblems: !problems.isEmpty, status: ""), "wb.layout")
    }

    struct Message {
        var title: String
        var message: String
    }

    /// A short page saying what went wrong ("No service 'x' in this workspace").
    public static func message(title: String, message: String, problems: [Problem] = []) -> String {
        layout(title: title, body: Templates.render(Message(title: title, message: message), "wb.message"), problems: problems)
    }

    /// The style sheet of every page: the reports' own, then the workbench's forms and tables.
    public static let styleSheet: String = ReportBody.styleSheet + Templates.workbenchStyle + "\n" + QuestionnaireView.stylesheet + "\n"
}

/// A service against one code, as the portfolio shows it: its score range, its gaps, the risk
/// declarations to challenge.
public struct ScoreCell: Sendable {
    /// "84%", or "60–70%" where measures are undecided.
    public var range: String
    /// "at least 60%, at most 70%" or "84%".
    public var rangeWords: String
    /// The colour's name in the style sheet (`bad`, `warn`, `fair`, `good`).
    public var tone: String
    /// The text mark for the tone.
    public var mark: String
    /// Gaps among the measures that apply.
    public var gaps: Int
    /// Critical gaps.
    public var critical: Int
    /// Gaps by severity (critical, high, medium, low), optional measures apart.
    public var gapsBySeverity: [String: Int]
    /// Declared risk levels below what the guidance indicates (SPEC section 9).
    public var challenges: Int
    /// Measures undecided for want of facts.
    public var undecided: Int
    /// The score proven, 0...1, or nil when nothing is scored.
    public var score: Double?
    /// The most it could reach.
    public var scoreUpper: Double?

    /// The cell for an assessment; `challenges`, when given, is the count of challenged risk
    /// declarations (for an assessment made without its risk review), else the review's.
    public init(_ a: Assessment, challenges: Int? = nil) {
        let s = a.summary
        let bar = ScoreBar(s, width: 80)
        range = bar.short
        rangeWords = bar.range
        tone = bar.tone
        mark = bar.mark
        gaps = s.gaps
        critical = s.criticalGaps
        var by: [String: Int] = [:]
        for r in a.results where r.isGap && !a.measure(r).optional { by[r.severity.rawValue, default: 0] += 1 }
        gapsBySeverity = by
        self.challenges = challenges ?? a.risk?.decided.count ?? 0
        undecided = s[.unknown]
        score = s.score
        scoreUpper = s.scoreUpper
    }
}
