import SafetyCodeCore

/// Everything the Markdown and HTML gap reports show, as plain strings and lists, in the order
/// shown: one flat view model, two templates.
struct GapReportView {
    struct Section {
        var id: String
        var title: String
        var percent: String
        var hasScore: Bool
        var barWidth: Int
        var textBar: String
        var applicable: Int
        var gaps: Int
        var met: Int
        var bar: ScoreBar
        var mayApply: Int
    }

    struct Check {
        var text: String
        var mark: String
        var result: String
    }

    struct Item {
        var id: String
        var title: String
        var sectionTitle: String
        var severity: String
        var status: String
        var statusMark: String
        var statusClass: String
        var reason: String
        var summary: String
        var closeBy: [String]
        var hasCloseBy: Bool
        var unknownChecks: [String]
        var hasUnknownChecks: Bool
        var checks: [Check]
        var missing: String
        var hasMissing: Bool
        var paragraph: String
        var confidence: String
        var confidenceKey: String
        var severityMark: String
        var url: String
        var hasURL: Bool
        /// The URL as a link's target, when it may be one (``SafeLink``).
        var link: String
        var hasLink: Bool
        var score: String
        var when: String
        var alternative: String
        var rationale: String
        var hasRationale: Bool
        var optional: Bool
        var provisional: Bool
        /// Checks not yet in force at the assessment date, with their dates: listed apart.
        var pendingChecks: [String]
        var hasPendingChecks: Bool
        /// With a review (SPEC section 7): the status the declaration alone gives, when the
        /// review changed it, and the findings on the measure (who, when, why).
        var declaredStatus: String = ""
        var hasDeclaredStatus: Bool = false
        var trail: [String] = []
        var hasTrail: Bool = false
    }

    /// A check whose own in-force date is after the assessment date.
    struct PendingCheck {
        var measure: String
        var title: String
        var text: String
        var when: String
    }

    struct Question {
        var path: String
        /// The path as a Markdown code span (nothing escaped inside, fenced to fit).
        var pathCode: String
        var question: String
        var help: String
        var hasHelp: Bool
        var measures: String
    }

    struct Evidence {
        var fact: String
        /// The fact as a Markdown code span.
        var factCode: String
        var value: String
        var document: String
        var url: String
        var hasURL: Bool
        /// The URL as a link's target, when it may be one (``SafeLink``).
        var link: String
        var hasLink: Bool
        var note: String
        var hasNote: Bool
        var measures: String
    }

    struct Input {
        var role: String
        var file: String
        var sha256: String
        /// The file and digest as Markdown code spans.
        var fileCode: String
        var shaCode: String

        init(role: String, file: String, sha256: String) {
            self.role = role
            self.file = file
            self.sha256 = sha256
            fileCode = Markdown.codeSpan(file)
            shaCode = Markdown.codeSpan(sha256)
        }
    }

    struct Count {
        var label: String
        var value: Int
        /// How many of them are optional measures (never gaps), in words; "" when none.
        var note: String
        var hasNote: Bool

        init(label: String, value: Int, note: String = "") {
            self.label = label
            self.value = value
            self.note = note
            hasNote = !note.isEmpty
        }
    }

    /// One row of the "by harm" table: a kind of harm, the measures that address it, how many apply and are met.
    struct Harm {
        var harm: String
        var measures: String
        var count: Int
        var applicable: Int
        var met: Int
    }

    var service: String
    var provider: String
    var hasProvider: Bool
    var declared: String
    var note: String
    var hasNote: Bool
    var codeTitle: String
    var codeID: String
    var codeVersion: String
    var codeStatus: String
    var codePublisher: String
    var hasPublisher: Bool
    var codeDescription: String
    var asOf: String
    /// When the submission is dated after the assessment date, that in words; "" otherwise.
    var futureNote: String
    var hasFutureNote: Bool
    var asIfInForce: Bool
    var percent: String
    var hasScore: Bool
    var barWidth: Int
    var textBar: String
    var earned: Int
    var possible: Int
    var counts: [Count]
    var applicable: Int
    var gapCount: Int
    var sections: [Section]
    var gaps: [Item]
    var hasGaps: Bool
    var unknowns: [Item]
    var hasUnknowns: Bool
    var questions: [Question]
    var hasQuestions: Bool
    var alternatives: [Item]
    var hasAlternatives: Bool
    var met: [Item]
    var hasMet: Bool
    var notApplicable: [Item]
    var hasNotApplicable: Bool
    var notInForce: [Item]
    var hasNotInForce: Bool
    var checksNotInForce: [PendingCheck]
    var hasChecksNotInForce: Bool
    var evidence: [Evidence]
    var hasEvidence: Bool
    var inputs: [Input]
    /// The reviewer's findings, when a review was applied.
    var review: ReviewView?
    var generator: String
    var headline: String
    /// The score in one phrase: "84%", or "at least 84%, at most 87%: 2 measures undecided"
    /// (the workbench's `score-headline`).
    var scoreHeadline: String
    /// The headline after the score phrase.
    var headlineRest: String
    var bar: ScoreBar
    /// "No gaps" when everything is decided, "No gaps so far" otherwise.
    var noGapsText: String
    /// Why this report's score may differ from `compare`'s, in one sentence (empty when it does not).
    var inForceNote: String
    var hasInForceNote: Bool
    var sources: SourcesLine
    /// The harm lens the report is restricted to, when it is.
    var lens: String?
    var byHarm: [Harm]
    var hasByHarm: Bool
    /// The risk declarations to challenge, when the code has risk profiles.
    var risk: RiskSectionView?

    static let barMax = 240

    init(_ a: Assessment, submissionSHA: String, inputs: [ReportInput]) {
        let code = a.code
        let s = a.summary
        let sub = a.submission
        service = sub.service
        provider = sub.provider ?? ""
        hasProvider = sub.provider != nil
        declared = sub.date?.long ?? "undated"
        futureNote = sub.date.map { $0 > a.asOf ? Self.futureNote(asOf: a.asOf) : "" } ?? ""
        hasFutureNote = !futureNote.isEmpty
        note = sub.note ?? ""
        hasNote = sub.note != nil
        codeTitle = code.header.title
        codeID = code.header.id
        codeVersion = code.header.version
        codeStatus = code.header.status.words
        codePublisher = code.header.publisher ?? ""
        hasPublisher = code.header.publisher != nil
        codeDescription = (code.header.description ?? "").trimmingSpaces
        asOf = a.asOf.long
        asIfInForce = a.asIfInForce
        percent = Self.percent(s.score)
        hasScore = s.score != nil
        barWidth = Int(((s.score ?? 0) * Double(Self.barMax)).rounded())
        textBar = Self.textBar(s.score)
        earned = s.earned
        possible = s.possible
        applicable = s.applicable
        gapCount = s.gaps
        // Optional measures partly met or not met are never gaps: counted here, and said so.
        let optionalPartial = a.results.count { $0.status == .partial && $0.isOptional }
        let optionalNotMet = a.results.count { $0.status == .notMet && $0.isOptional }
        func optionalNote(_ n: Int) -> String { n == 0 ? "" : "\(n) of them optional, not counted as \(n == 1 ? "a gap" : "gaps")" }
        counts = [
            .init(label: "met", value: s[.met]), .init(label: "partly met", value: s[.partial], note: optionalNote(optionalPartial)),
            .init(label: "not met", value: s[.notMet], note: optionalNote(optionalNotMet)), .init(label: "unknown", value: s[.unknown]),
            .init(label: "alternative claimed", value: s[.alternative]),
        ] + (a.review == nil ? [] : [.init(label: "alternative accepted by a reviewer", value: s[.alternativeAccepted])]) + [
            .init(label: "not applicable", value: s[.notApplicable]), .init(label: "not yet in force", value: s[.notInForce]),
        ]
        func highGaps(_ section: String?) -> Int {
            a.results.count { $0.isGap && $0.severity == .high && (section == nil || $0.measure.section == section) }
        }
        bar = ScoreBar(s, width: Self.barMax, highGaps: highGaps(nil))
        textBar = bar.textBar
        sections = code.sections.compactMap { section in
            let sum = a.summary(section: section.id)
            guard sum.measures > 0 else { return nil }
            let bar = ScoreBar(sum, width: Self.barMax, highGaps: highGaps(section.id))
            return Section(id: section.id, title: section.title, percent: Self.percent(sum.score), hasScore: sum.score != nil,
                           barWidth: bar.proven, textBar: bar.textBar, applicable: sum.applicable,
                           gaps: sum.gaps, met: sum[.met], bar: bar, mayApply: sum.mayApply)
        }
        sources = SourcesLine(a.results.map(\.measure))
        let pendingCount = s[.notInForce]
        if a.asIfInForce {
            inForceNote = "Assessed as if every measure were in force, as a comparison does: measures and checks not yet in force are scored."
        } else if pendingCount > 0 || a.results.contains(where: { !$0.checksNotInForce.isEmpty }) {
            inForceNote = "Measures and checks not yet in force on \(a.asOf.long) are listed apart and not scored, so a comparison (which treats every measure as in force) may give a different score: a gap report made as if every measure were in force gives the comparison's."
        } else {
            inForceNote = ""
        }
        hasInForceNote = !inForceNote.isEmpty
        lens = a.lens
        byHarm = a.byHarm.map { Harm(harm: a.code.vocabulary.harmWords($0.harm), measures: $0.measures.joined(separator: ", "), count: $0.measures.count, applicable: $0.applicable, met: $0.met) }
        hasByHarm = !byHarm.isEmpty
        let sectionTitles = Dictionary(code.sections.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        func item(_ r: Assessment.MeasureResult) -> Item {
            let m = a.measure(r)
            let live = zip(m.requires, r.checks).enumerated().filter { r.isCheckInForce($0.offset) }.map(\.element)
            let checks = live.map { c, t in
                Check(text: c.text, mark: t == .yes ? "✓" : t == .no ? "✗" : "?", result: t == .yes ? "met" : t == .no ? "not met" : "unknown")
            }
            let failing = live.filter { $0.1 == .no }.map(\.0.text)
            let unknownChecks = live.filter { $0.1 == .unknown }.map(\.0.text)
            let pendingChecks = r.checksNotInForce.filter { $0 < m.requires.count }.map { k in
                let c = m.requires[k]
                return c.inForce.map { "\(c.text) (in force from \($0.long))" } ?? c.text
            }
            let missing = a.missingPaths(r)
            let when: String
            if let d = Assessor(code: code).inForceDate(m) {
                when = d > a.asOf ? "in force from \(d.long)" : "in force since \(d.long)"
            } else {
                when = "\((m.status ?? code.header.status).words), no date in force"
            }
            var item = Item(
                id: m.id, title: m.title, sectionTitle: sectionTitles[m.section] ?? m.section, severity: m.severity.rawValue,
                status: r.status.words, statusMark: Self.mark(r.status), statusClass: r.status.rawValue, reason: r.reason,
                summary: (m.summary ?? "").trimmingSpaces, closeBy: failing, hasCloseBy: !failing.isEmpty,
                unknownChecks: unknownChecks, hasUnknownChecks: !unknownChecks.isEmpty, checks: checks,
                missing: missing.joined(separator: ", "), hasMissing: !missing.isEmpty,
                paragraph: m.source.paragraph ?? m.id, confidence: m.source.confidence.words,
                confidenceKey: m.source.confidence.rawValue, severityMark: Self.severityMark(m.severity),
                url: m.source.url ?? "", hasURL: m.source.url != nil,
                link: m.source.url.flatMap(SafeLink.href) ?? "", hasLink: m.source.url.flatMap(SafeLink.href) != nil, score: Self.percent(r.score), when: when,
                alternative: r.alternative?.description ?? "", rationale: r.alternative?.rationale ?? "",
                hasRationale: r.alternative?.rationale != nil, optional: m.optional, provisional: m.provisionalID,
                pendingChecks: pendingChecks, hasPendingChecks: !pendingChecks.isEmpty)
            if let d = r.declaredStatus, d != r.status {
                item.declaredStatus = d.words
                item.hasDeclaredStatus = true
            }
            item.trail = ReviewView.trail(r, a)
            item.hasTrail = !item.trail.isEmpty
            return item
        }
        let gapResults = a.results.filter { $0.status.isGap && !a.measure($0).optional }
            .sorted { x, y in
                let mx = a.measure(x), my = a.measure(y)
                if mx.severity != my.severity { return mx.severity < my.severity }
                if x.status != y.status { return x.status == .notMet }
                return x.index < y.index
            }
        gaps = gapResults.map(item)
        hasGaps = !gaps.isEmpty
        unknowns = a.results.filter { $0.status == .unknown }.map(item)
        hasUnknowns = !unknowns.isEmpty
        // Most severe waiting measure first; questions only optional measures wait on, last.
        let severityOf = Dictionary(a.results.map { ($0.id, ($0.severity, $0.isOptional)) }, uniquingKeysWith: { x, _ in x })
        func rank(_ ids: [String]) -> (Int, Int) {
            let scored = ids.compactMap { severityOf[$0] }.filter { !$0.1 }.map(\.0)
            guard let worst = scored.min() else { return (1, Severity.allCases.count) }
            return (0, Severity.allCases.firstIndex(of: worst)!)
        }
        // Each question ranked once, not at every comparison of the sort.
        let ordered = a.openQuestions.enumerated().map { (rank: rank($0.element.measures), offset: $0.offset, question: $0.element) }
            .sorted { x, y in x.rank != y.rank ? x.rank < y.rank : x.offset < y.offset }.map(\.question)
        questions = ordered.map { q in
            Question(path: q.fact.path, pathCode: Markdown.codeSpan(q.fact.path), question: q.fact.question, help: q.fact.help ?? "", hasHelp: q.fact.help != nil,
                     measures: q.measures.map { id in
                         guard let (sev, optional) = severityOf[id] else { return id }
                         return optional ? "\(id) (\(sev.rawValue), optional)" : "\(id) (\(sev.rawValue))"
                     }.joined(separator: ", "))
        }
        hasQuestions = !questions.isEmpty
        alternatives = a.results.filter { $0.status == .alternative || $0.status == .alternativeAccepted || $0.declaredStatus == .alternative }.map(item)
        hasAlternatives = !alternatives.isEmpty
        met = a.results.filter { $0.status == .met || ($0.status.isGap && a.measure($0).optional) }.map(item)
        hasMet = !met.isEmpty
        notApplicable = a.results.filter { $0.status == .notApplicable }.map(item)
        hasNotApplicable = !notApplicable.isEmpty
        notInForce = a.results.filter { $0.status == .notInForce }.map(item)
        hasNotInForce = !notInForce.isEmpty
        checksNotInForce = a.results.flatMap { r -> [PendingCheck] in
            let m = a.measure(r)
            return r.checksNotInForce.filter { $0 < m.requires.count }.map { k in
                let c = m.requires[k]
                return PendingCheck(measure: m.id, title: m.title, text: c.text,
                                    when: c.inForce.map { "in force from \($0.long)" } ?? "not yet in force")
            }
        }
        hasChecksNotInForce = !checksNotInForce.isEmpty
        evidence = a.evidence.map { e in
            Evidence(fact: e.fact.path, factCode: Markdown.codeSpan(e.fact.path), value: e.value, document: e.evidence.document ?? "", url: e.evidence.url ?? "",
                     hasURL: e.evidence.url != nil, link: e.evidence.url.flatMap(SafeLink.href) ?? "",
                     hasLink: e.evidence.url.flatMap(SafeLink.href) != nil, note: e.evidence.note ?? "", hasNote: e.evidence.note != nil,
                     measures: e.measures.isEmpty ? "no measure that applies here" : e.measures.joined(separator: ", "))
        }
        hasEvidence = !evidence.isEmpty
        self.inputs = ([ReportInput(role: "submission", file: sub.file, sha256: submissionSHA)] + inputs).map {
            Input(role: $0.role, file: $0.file, sha256: $0.sha256)
        }
        review = a.review.map(ReviewView.init)
        generator = "safetycode \(SafetyCode.version)"
        let critical = gapResults.filter { a.measure($0).severity == .critical }.count
        let undecided = s[.unknown]
        let mayApplyWords = s.mayApply > 0 ? " (\(s.mayApply) of them may or may not apply)" : ""
        noGapsText = s.hasUndecided
            ? "No gaps so far: every measure that applies and is decided is met, but \(undecided) measure\(undecided == 1 ? " is" : "s are") undecided."
            : "No gaps: every measure that applies is met."
        let surely = s.applicable - s.mayApply
        var parts = ["\(surely) measure\(surely == 1 ? " applies" : "s apply")"]
        if s.mayApply > 0 { parts.append("\(s.mayApply) more may apply") }
        parts += ["\(s[.met]) met", "\(gapCount) with gaps"]
        if critical > 0 { parts.append("\(critical) of them critical") }
        if optionalPartial + optionalNotMet > 0 {
            let n = optionalPartial + optionalNotMet
            let how = optionalPartial == 0 ? "not met" : optionalNotMet == 0 ? "partly met" : "(\(optionalPartial) partly met, \(optionalNotMet) not met)"
            parts.append("\(n) optional measure\(n == 1 ? "" : "s") \(how) (optional measures are not counted as gaps)")
        }
        if s[.unknown] > 0 && !bar.hasRange { parts.append("\(s[.unknown]) undecided for want of facts") }
        if s[.alternative] > 0 {
            parts.append("\(s[.alternative]) claimed alternative\(s[.alternative] == 1 ? "" : "s") needing review")
        }
        if s[.alternativeAccepted] > 0 { parts.append("\(s[.alternativeAccepted]) alternative\(s[.alternativeAccepted] == 1 ? "" : "s") accepted by a reviewer") }
        if let r = a.review, r.stale { parts.append("the review is stale: the submission changed since it was reviewed") }
        headlineRest = parts.joined(separator: ", ") + "."
        scoreHeadline = bar.hasRange
            ? "at least \(bar.percent), at most \(bar.upper): \(undecided) measure\(undecided == 1 ? "" : "s") undecided\(mayApplyWords)"
            : bar.percent
        headline = bar.hasRange ? "Score \(scoreHeadline). " + headlineRest : headlineRest
        risk = RiskSectionView(a)
    }

    /// The words for a submission dated after the assessment date.
    static func futureNote(asOf: Day) -> String {
        "dated after the assessment date, \(asOf.long): a declaration of what is planned, or a wrong date; assessed as declared"
    }

    static func severityMark(_ s: Severity) -> String {
        switch s {
        case .critical: "‼"
        case .high: "!"
        case .medium: "•"
        case .low: "·"
        }
    }

    /// A ten-character bar for Markdown: `███████░░░`.
    static func textBar(_ score: Double?) -> String {
        guard let score else { return "" }
        let n = Int((score * 10).rounded())
        return String(repeating: "█", count: n) + String(repeating: "░", count: 10 - n)
    }

    static func percent(_ score: Double?) -> String {
        guard let score else { return "n/a" }
        return "\(Int((score * 100).rounded()))%"
    }

    static func mark(_ s: MeasureStatus) -> String {
        switch s {
        case .met: "✓"
        case .partial: "◐"
        case .notMet: "✗"
        case .unknown: "?"
        case .alternative: "↔"
        case .alternativeAccepted: "⇔"
        case .notApplicable: "–"
        case .notInForce: "…"
        }
    }
}
