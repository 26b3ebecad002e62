import SafetyCodeCore

/// The "Reviewer findings" part of a gap report (SPEC section 7): every finding with what
/// became of it, and the facts a reviewer disputed beside their declared values.
struct ReviewView {
    struct Finding {
        var subject: String
        var subjectCode: String
        var decision: String
        var state: String
        var applied: Bool
        var stateClass: String
        var effect: String
        var hasEffect: Bool
        var reason: String
        var reviewer: String
        var date: String
        var followUp: String
        var hasFollowUp: Bool
        var expires: String
        var hasExpires: Bool
        var place: String
    }

    var file: String
    var fileCode: String
    var stale: Bool
    var staleNote: String
    var findings: [Finding]
    var applied: Int
    var notApplied: Int

    init(_ applied: AppliedReview) {
        file = applied.review.file
        fileCode = Markdown.codeSpan(file)
        stale = applied.stale
        staleNote = applied.stale
            ? "The submission has changed since this review was made (the review names SHA-256 \(applied.review.submissionSHA256 ?? "")): its findings are listed, and none is applied."
            : ""
        findings = applied.entries.map { e in
            let f = e.finding
            return Finding(subject: f.subject, subjectCode: Markdown.codeSpan(f.subject), decision: f.decision.words, state: e.state.words,
                           applied: e.state == .applied, stateClass: e.state.rawValue, effect: e.effect, hasEffect: !e.effect.isEmpty,
                           reason: f.reason.trimmingSpaces, reviewer: f.reviewer, date: f.date.long,
                           followUp: f.followUp?.long ?? "", hasFollowUp: f.followUp != nil,
                           expires: f.expires?.long ?? "", hasExpires: f.expires != nil,
                           place: "\(f.location.file):\(f.location.line):\(f.location.column)")
        }
        self.applied = applied.entries.count { $0.state == .applied }
        notApplied = applied.entries.count - self.applied
    }

    /// One measure's trail, for its entry in the report: "accept alternative by A. Analyst on
    /// 1 December 2026: reason".
    static func trail(_ r: Assessment.MeasureResult, _ a: Assessment) -> [String] {
        guard let review = a.review else { return [] }
        return r.findings.map { k in
            let e = review.entries[k]
            let f = e.finding
            let state = e.state == .applied ? "" : " [\(e.state.words)]"
            let on = if case .fact(let p) = f.target { " \(p)" } else { "" }
            return "\(f.decision.words)\(on) by \(f.reviewer) on \(f.date.long)\(state): \(f.reason.trimmingSpaces)"
        }
    }
}

extension Templates {
    static let reviewMarkdown = """
        {{% CONTENT_TYPE: MARKDOWN}}
        {{#review}}
        ## Reviewer findings

        Review {{{fileCode}}}: {{applied}} finding(s) applied, {{notApplied}} not applied. Fact findings are applied before the assessment, measure findings after it; the submission itself is not edited.

        {{#stale}}
        **Stale review.** {{staleNote}}

        {{/stale}}
        | On | Decision | Effect | Who, when | Why |
        |---|---|---|---|---|
        {{#findings}}
        | {{{subjectCode}}} | {{decision}}{{^applied}} ({{state}}){{/applied}} | {{effect}} | {{reviewer}}, {{date}}{{#hasFollowUp}}; look again {{followUp}}{{/hasFollowUp}}{{#hasExpires}}; expires {{expires}}{{/hasExpires}} | {{reason}} |
        {{/findings}}

        {{/review}}
        """

    static let reviewHTML = """
        {{#review}}
        <h2 id="review">Reviewer findings</h2>
        <p>Review <code>{{file}}</code>: {{applied}} finding(s) applied, {{notApplied}} not applied. Fact findings are applied before the assessment, measure findings after it; the submission itself is not edited.</p>
        {{#stale}}<p class="stale"><strong>Stale review.</strong> {{staleNote}}</p>
        {{/stale}}
        <table>
        <thead><tr><th>On</th><th>Decision</th><th>Effect</th><th>Who, when</th><th>Why</th></tr></thead>
        <tbody>
        {{#findings}}<tr class="finding {{stateClass}}"><td><code>{{subject}}</code></td><td>{{decision}}{{^applied}} <em>({{state}})</em>{{/applied}}</td><td>{{effect}}</td><td>{{reviewer}}, {{date}}{{#hasFollowUp}}; look again {{followUp}}{{/hasFollowUp}}{{#hasExpires}}; expires {{expires}}{{/hasExpires}}</td><td>{{reason}}</td></tr>
        {{/findings}}
        </tbody>
        </table>

        {{/review}}
        """
}
