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
        var url: String
        var hasURL: Bool
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
    var generator: String
    var headline: String
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
        counts = [
            .init(label: "met", value: s[.met]), .init(label: "partly met", value: s[.partial]),
            .init(label: "not met", value: s[.notMet]), .init(label: "unknown", value: s[.unknown]),
            .init(label: "alternative claimed", value: s[.alternative]),
            .init(label: "not applicable", value: s[.notApplicable]), .init(label: "not yet in force", value: s[.notInForce]),
        ]
        sections = code.sections.compactMap { section in
            let sum = a.summary(section: section.id)
            guard sum.measures > 0 else { return nil }
            return Section(id: section.id, title: section.title, percent: Self.percent(sum.score), hasScore: sum.score != nil,
                           barWidth: Int(((sum.score ?? 0) * Double(Self.barMax)).rounded()),
                           textBar: Self.textBar(sum.score), applicable: sum.applicable,
                           gaps: sum.gaps, met: sum[.met])
        }
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
            return Item(
                id: m.id, title: m.title, sectionTitle: sectionTitles[m.section] ?? m.section, severity: m.severity.rawValue,
                status: r.status.words, statusMark: Self.mark(r.status), statusClass: r.status.rawValue, reason: r.reason,
                summary: (m.summary ?? "").trimmingSpaces, closeBy: failing, hasCloseBy: !failing.isEmpty,
                unknownChecks: unknownChecks, hasUnknownChecks: !unknownChecks.isEmpty, checks: checks,
                missing: missing.joined(separator: ", "), hasMissing: !missing.isEmpty,
                paragraph: m.source.paragraph ?? m.id, confidence: m.source.confidence.words,
                url: m.source.url ?? "", hasURL: m.source.url != nil, score: Self.percent(r.score), when: when,
                alternative: r.alternative?.description ?? "", rationale: r.alternative?.rationale ?? "",
                hasRationale: r.alternative?.rationale != nil, optional: m.optional, provisional: m.provisionalID,
                pendingChecks: pendingChecks, hasPendingChecks: !pendingChecks.isEmpty)
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
        questions = a.openQuestions.map { q in
            Question(path: q.fact.path, pathCode: Markdown.codeSpan(q.fact.path), question: q.fact.question, help: q.fact.help ?? "", hasHelp: q.fact.help != nil,
                     measures: q.measures.joined(separator: ", "))
        }
        hasQuestions = !questions.isEmpty
        alternatives = a.results.filter { $0.status == .alternative }.map(item)
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
                     hasURL: e.evidence.url != nil, note: e.evidence.note ?? "", hasNote: e.evidence.note != nil,
                     measures: e.measures.isEmpty ? "no measure that applies here" : e.measures.joined(separator: ", "))
        }
        hasEvidence = !evidence.isEmpty
        self.inputs = ([ReportInput(role: "submission", file: sub.file, sha256: submissionSHA)] + inputs).map {
            Input(role: $0.role, file: $0.file, sha256: $0.sha256)
        }
        generator = "safetycode \(SafetyCode.version)"
        let critical = gapResults.filter { a.measure($0).severity == .critical }.count
        var parts = ["\(s.applicable) measures apply", "\(s[.met]) met", "\(gapCount) with gaps"]
        if critical > 0 { parts.append("\(critical) of them critical") }
        if s[.unknown] > 0 { parts.append("\(s[.unknown]) undecided for want of facts") }
        if s[.alternative] > 0 {
            parts.append("\(s[.alternative]) claimed alternative\(s[.alternative] == 1 ? "" : "s") needing review")
        }
        headline = parts.joined(separator: ", ") + "."
        risk = RiskSectionView(a)
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
        case .notApplicable: "–"
        case .notInForce: "…"
        }
    }
}

extension String {
    /// White space runs (from folded YAML) as single spaces, ends trimmed.
    var trimmingSpaces: String {
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

}

