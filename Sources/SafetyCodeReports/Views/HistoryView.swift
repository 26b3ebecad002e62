import SafetyCodeCore

/// Everything the Markdown and HTML history reports show (SPEC section 8).
struct HistoryView {
    struct Point {
        var n: Int
        var file: String
        var fileCode: String
        var date: String
        var percent: String
        var gaps: Int
        var unknown: Int
        var reviewed: String
        var hasReview: Bool
        /// The chart: x and y of the point, the label's place.
        var x: Int
        var y: Int
    }

    struct Change {
        var fact: String
        var factCode: String
        var from: String
        var to: String
        var moved: String
        var hasMoved: Bool
        var sentence: String
    }

    struct Step {
        var title: String
        var scoreLine: String
        var closedGaps: String
        var hasClosedGaps: Bool
        var newGaps: String
        var hasNewGaps: Bool
        var newlyApplicable: String
        var hasNewlyApplicable: Bool
        var noLongerApplicable: String
        var hasNoLongerApplicable: Bool
        var regressed: [String]
        var hasRegressed: Bool
        var facts: [Change]
        var hasFacts: Bool
        var findings: [String]
        var hasFindings: Bool
        var unexplained: String
        var hasUnexplained: Bool
    }

    var service: String
    /// The harm lens the history is restricted to (`--lens`, `--harm`), when it is.
    var lens: String?
    var codeTitle: String
    var codeID: String
    var codeVersion: String
    var codeStatus: String
    var asOf: String
    var points: [Point]
    var steps: [Step]
    var hasSteps: Bool
    var scope: [String]
    var hasScope: Bool
    var polyline: String
    var inputs: [GapReportView.Input]
    var generator: String

    static let chartWidth = 640, chartHeight = 200, left = 80, top = 16, plotHeight = 150

    init(_ h: History, inputs: [ReportInput]) {
        let code = h.code
        service = h.points.last?.assessment.submission.service ?? ""
        lens = h.points.first?.assessment.lens
        codeTitle = code.header.title
        codeID = code.header.id
        codeVersion = code.header.version
        codeStatus = code.header.status.words
        asOf = h.points.first?.assessment.asOf.long ?? ""
        let n = h.points.count
        let span = 500
        points = h.points.enumerated().map { k, p in
            let s = p.assessment.summary
            let x = Self.left + (n > 1 ? k * span / (n - 1) : span / 2)
            let y = Self.top + Self.plotHeight - Int(((s.score ?? 0) * Double(Self.plotHeight)).rounded())
            let applied = p.assessment.review?.entries.count { $0.state == .applied } ?? 0
            return Point(n: k + 1, file: p.file, fileCode: Markdown.codeSpan(p.file), date: p.date?.long ?? "undated",
                         percent: GapReportView.percent(s.score),
                         gaps: s.gaps, unknown: s[.unknown],
                         reviewed: p.assessment.review.map { "\($0.review.file) (\(applied) finding\(applied == 1 ? "" : "s") applied\($0.stale ? ", stale" : ""))" } ?? "",
                         hasReview: p.assessment.review != nil, x: x, y: y)
        }
        polyline = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        func list(_ ids: [String]) -> String { ids.joined(separator: ", ") }
        func moves(_ ms: [History.Move]) -> String { ms.map { "\($0.measure) \($0.from.words) → \($0.to.words)" }.joined(separator: "; ") }
        var scope: [String] = []
        steps = h.steps.map { st in
            let a = h.points[st.from], b = h.points[st.to]
            let facts = st.factChanges.map { c in
                let verb = c.lowered ? "lowered" : "changed"
                let sentence = "\(c.fact.path) \(verb) from \(c.from) to \(c.to)" + (c.moved.isEmpty ? ": no decision moved" : ": " + moves(c.moved))
                return Change(fact: c.fact.path, factCode: Markdown.codeSpan(c.fact.path), from: c.from, to: c.to, moved: moves(c.moved),
                              hasMoved: !c.moved.isEmpty, sentence: sentence)
            }
            let title = "\(a.date?.long ?? a.file) → \(b.date?.long ?? b.file)"
            for c in st.scopeReductions {
                scope.append("\(title): \(c.fact.path) lowered from \(c.from) to \(c.to): \(c.outOfScope.joined(separator: ", ")) no longer appl\(c.outOfScope.count == 1 ? "ies" : "y")")
            }
            let findings = st.findingChanges.map { f in
                let e = f.entry
                // Say why a finding stops applying: most often the later submission has no review.
                let why = !f.added && b.assessment.review == nil
                    ? " — not carried over: the later submission has not been reviewed (a review applies to the file it names), so its declaration stands unchallenged"
                    : ""
                return "\(f.added ? "new finding" : "finding no longer applied"): \(e.finding.decision.words) on \(e.finding.subject) by \(e.finding.reviewer) on \(e.finding.date.long) (\(e.finding.reason.trimmingSpaces))"
                    + (f.moved.isEmpty ? "" : ": " + moves(f.moved)) + why
            }
            let sa = a.assessment.summary, sb = b.assessment.summary
            let regressed = st.regressed.map { "\($0.measure): \($0.text) (was met, now \($0.to == .no ? "not met" : "unknown"))" }
            // A score with undecided measures is a range: show it, so a gain is not overstated.
            func range(_ x: Assessment.Summary) -> String {
                x.hasUndecided && x.scoreUpper != x.score ? "\(GapReportView.percent(x.score))–\(GapReportView.percent(x.scoreUpper))" : GapReportView.percent(x.score)
            }
            return Step(title: title, scoreLine: "Score \(range(sa)) → \(range(sb)); gaps \(sa.gaps) → \(sb.gaps); undecided \(sa[.unknown]) → \(sb[.unknown]).",
                        closedGaps: list(st.closedGaps), hasClosedGaps: !st.closedGaps.isEmpty,
                        newGaps: list(st.newGaps), hasNewGaps: !st.newGaps.isEmpty,
                        newlyApplicable: list(st.newlyApplicable), hasNewlyApplicable: !st.newlyApplicable.isEmpty,
                        noLongerApplicable: list(st.noLongerApplicable), hasNoLongerApplicable: !st.noLongerApplicable.isEmpty,
                        regressed: regressed, hasRegressed: !regressed.isEmpty, facts: facts, hasFacts: !facts.isEmpty,
                        findings: findings, hasFindings: !findings.isEmpty,
                        unexplained: moves(st.unexplained), hasUnexplained: !st.unexplained.isEmpty)
        }
        hasSteps = !steps.isEmpty
        self.scope = scope
        hasScope = !scope.isEmpty
        self.inputs = inputs.map { GapReportView.Input(role: $0.role, file: $0.file, sha256: $0.sha256) }
        generator = "safetycode \(SafetyCode.version)"
    }
}
