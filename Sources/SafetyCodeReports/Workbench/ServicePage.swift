import SafetyCodeCore

/// A service's page (`/services/STEM`): its submissions over time, the latest assessment under
/// each code, its reviews, its open questions, and each code's history (SPEC section 8).
public struct ServicePage: Sendable {
    /// One submission of the service.
    public struct Version: Sendable {
        /// The submission file, relative to the workspace.
        public var file: String
        /// Its `submission.date`, or "undated".
        public var date: String
        /// The file's SHA-256.
        public var sha256: String
        /// The review file applied to it, if any.
        public var review: String
        /// Its assessment page under each code, at the version's own address.
        public var assessments: [Link]
        /// Whether it is the service's latest submission.
        public var isLatest: Bool
        /// The assessment date, when the submission is dated after it (a future-dated declaration), else nil.
        public var futureOf: Day?

        /// Creates it from its parts.
        public init(file: String, date: String, sha256: String, review: String, assessments: [Link], isLatest: Bool, futureOf: Day? = nil) {
            self.futureOf = futureOf
            self.file = file
            self.date = date
            self.sha256 = sha256
            self.review = review
            self.assessments = assessments
            self.isLatest = isLatest
        }
    }

    /// A link to an assessment page: short words, and the code's full title.
    public struct Link: Sendable {
        /// The page.
        public var href: String
        /// The code's short title ("Illegal content v1"), or "ofcom-icu-u2u v1".
        public var label: String
        /// The code's title.
        public var title: String

        /// Creates it from its parts.
        public init(href: String, label: String, title: String) {
            self.href = href
            self.label = label
            self.title = title
        }
    }

    /// The latest submission's assessment under one code.
    public struct Latest: Sendable {
        /// "ofcom-icu-u2u@1".
        public var ref: String
        /// The assessment shown.
        public var assessment: Assessment
        /// The history of every version under this code (nil when the service has one version).
        public var history: History?
        /// The history report's input files.
        public var historyInputs: [ReportInput]

        /// Creates it from its parts.
        public init(ref: String, assessment: Assessment, history: History?, historyInputs: [ReportInput]) {
            self.ref = ref
            self.assessment = assessment
            self.history = history
            self.historyInputs = historyInputs
        }
    }

    /// The service's report name (its top-level file's stem).
    public var stem: String
    /// The service's name.
    public var name: String
    /// The provider, or empty.
    public var provider: String
    /// Its submissions, latest first.
    public var versions: [Version]
    /// The latest submission's assessment under each code.
    public var latest: [Latest]
    /// The questionnaire prefilled with the latest answers (the `new-version` link).
    public var newVersionHref: String

    /// Creates it from its parts.
    public init(stem: String, name: String, provider: String, versions: [Version], latest: [Latest], newVersionHref: String) {
        self.stem = stem
        self.name = name
        self.provider = provider
        self.versions = versions
        self.latest = latest
        self.newVersionHref = newVersionHref
    }

    struct VersionView {
        var file: String
        var date: String
        var sha: String
        var review: String
        var hasReview: Bool
        var assessments: [Link]
        var isLatest: Bool
        /// Why the date is flagged (dated after the assessment date), or "".
        var future: String
        var isFuture: Bool
    }

    struct LatestView {
        var href: String
        var label: String
        var title: String
        var range: String
        var tone: String
        var mark: String
        var critical: String
        var headline: String
        /// The headline is shown under the score only when it says more than the score (a range
        /// with undecided measures), not the same figure twice.
        var hasHeadline: Bool
        /// For a code with measures not yet in force: that the score counts only those in force
        /// (the portfolio scores such a code as if in force, so the figures differ).
        var inForceOnly: String
        var hasInForceOnly: Bool
    }

    /// "Counts only the 42 measures in force on 30 November 2026; 13 are not yet in force", with
    /// "(the portfolio scores this code as if they were)" for a code the portfolio scores so
    /// (``IndexRow/showsAsIfInForce(_:)``); "" when every measure is in force.
    static func inForceOnly(_ a: Assessment) -> String {
        let later = a.results.filter { !$0.inForce }.count
        guard later > 0 else { return "" }
        let now = a.results.count - later
        let portfolio = IndexRow.showsAsIfInForce(a.code) ? " (the portfolio scores this code as if \(later == 1 ? "it were" : "they were"))" : ""
        return "Counts only the \(now) measure\(now == 1 ? "" : "s") in force on \(a.asOf.long); \(later) \(later == 1 ? "is" : "are") not yet in force" + portfolio
    }

    struct FindingView {
        var subject: String
        var decision: String
        var reviewer: String
        var date: String
        var reason: String
        var state: String
    }

    struct QuestionView {
        var path: String
        var question: String
        var codes: String
    }

    struct HistoryView {
        var label: String
        var body: String
    }

    struct View {
        var name: String
        var provider: String
        var hasProvider: Bool
        var versions: [VersionView]
        var latest: [LatestView]
        var findings: [FindingView]
        var hasFindings: Bool
        var reviewFile: String
        var questions: [QuestionView]
        var hasQuestions: Bool
        var histories: [HistoryView]
        var hasHistories: Bool
        var newVersionHref: String
    }

    /// The page body.
    public func body() -> String {
        var findings: [FindingView] = []
        var reviewFile = ""
        if let r = latest.first?.assessment.review {
            reviewFile = r.review.file
            findings = r.entries.map { e in
                FindingView(subject: e.finding.subject, decision: e.finding.decision.words, reviewer: e.finding.reviewer,
                            date: e.finding.date.description, reason: e.finding.reason, state: e.state.words)
            }
        }
        var questions: [QuestionView] = []
        var index: [String: Int] = [:]
        for l in latest {
            // Codes named in words (short titles hold commas: joined with semicolons).
            let code = l.assessment.code.header.shortTitle ?? l.assessment.code.header.title
            for q in l.assessment.openQuestions {
                if let i = index[q.fact.path] {
                    questions[i].codes += "; " + code
                } else {
                    index[q.fact.path] = questions.count
                    questions.append(QuestionView(path: q.fact.path, question: q.fact.question, codes: code))
                }
            }
        }
        let view = View(
            name: name, provider: provider, hasProvider: !provider.isEmpty,
            versions: versions.map { VersionView(file: $0.file, date: $0.date, sha: String($0.sha256.prefix(12)), review: $0.review, hasReview: !$0.review.isEmpty,
                                                 assessments: $0.assessments, isLatest: $0.isLatest,
                                                 future: $0.futureOf.map { "dated after the assessment date (\($0.long)): a plan or a wrong date, assessed as declared" } ?? "", isFuture: $0.futureOf != nil) },
            latest: latest.map { l in
                let c = ScoreCell(l.assessment)
                let h = l.assessment.code.header
                let headline = ReportBody.scoreHeadline(l.assessment)
                let inForceOnly = Self.inForceOnly(l.assessment)
                return LatestView(href: "/services/\(stem)/\(l.ref)", label: h.shortTitle ?? h.title, title: h.title, range: c.range, tone: c.tone,
                                  mark: c.mark, critical: PortfolioPage.plural(c.critical, "critical gap"), headline: headline,
                                  hasHeadline: headline != c.range,
                                  inForceOnly: inForceOnly, hasInForceOnly: !inForceOnly.isEmpty)
            },
            findings: findings, hasFindings: !findings.isEmpty, reviewFile: reviewFile,
            questions: questions, hasQuestions: !questions.isEmpty,
            histories: latest.compactMap { l in
                l.history.map { HistoryView(label: l.assessment.code.header.shortTitle ?? l.assessment.code.header.title, body: ReportBody.history($0, inputs: l.historyInputs)) }
            },
            hasHistories: latest.contains { $0.history != nil },
            newVersionHref: newVersionHref)
        return Templates.render(view, "wb.service")
    }
}
