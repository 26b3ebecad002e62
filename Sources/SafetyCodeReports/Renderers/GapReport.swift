import SafetyCodeCore
import YAMLTree

/// Renders one assessment as a gap report in any format.
public enum GapReport {
    /// The report as text in `format`.
    public static func render(_ a: Assessment, format: ReportFormat, submissionSHA: String, inputs: [ReportInput]) -> String {
        switch format {
        case .json:
            return GapReportJSON.make(a, submissionSHA: submissionSHA, inputs: inputs).serialized() + "\n"
        case .jsonl:
            return JSONL.line(a, sha256: submissionSHA) + "\n"
        case .csv:
            return CSV.header + CSV.rows(a).joined()
        case .markdown:
            return Templates.render(GapReportView(a, submissionSHA: submissionSHA, inputs: inputs), "gap.md")
        case .html:
            return Templates.render(GapReportView(a, submissionSHA: submissionSHA, inputs: inputs), "gap.html")
        case .oscal:
            return OSCAL.render(a, submissionSHA: submissionSHA, inputs: inputs)
        case .junit:
            // XML: hidden characters written as escaped `&lt;U+202E&gt;`, as in HTML.
            return VisibleText.reveal(JUnit.render(a), html: true)
        }
    }
}

/// The CSV form: one row per measure and submission.
public enum CSV {
    static let columns = ["submission_file", "service", "code_id", "code_version", "as_of", "measure_id", "section", "title",
                          "severity", "optional", "applicable", "status", "score", "checks_met", "checks_total",
                          "missing_facts", "reason", "hidden_by_declared_risk", "source_paragraph", "confidence", "checks_not_in_force",
                          "harms", "weight_met", "weight_total", "checks_failing", "checks_unknown", "as_if_in_force", "lens",
                          "declared_status", "review"]

    /// The header line.
    public static let header = columns.joined(separator: ",") + "\r\n"

    /// One line per measure.
    public static func rows(_ a: Assessment) -> [String] {
        // For each measure, the challenged declarations that keep it out of scope: `risk.grooming>high`.
        var hiddenBy: [String: [String]] = [:]
        for c in a.risk?.decided ?? [] {
            for h in c.hidden.newlyApplicable { hiddenBy[h.id, default: []].append("\(c.harm)>\(c.indicated)") }
        }
        return a.results.map { r in
            let m = a.measure(r)
            let scored = r.status != .notApplicable && !r.checks.isEmpty
            var live: [(Measure.Check, Tri)] = []
            if scored {
                for (k, pair) in zip(m.requires, r.checks).enumerated() where r.isCheckInForce(k) { live.append(pair) }
            }
            let met = live.filter { $0.1 == .yes }
            let metCount = scored ? String(met.count) : "", total = scored ? String(live.count) : ""
            let weightMet = scored ? String(met.map(\.0.weight).reduce(0, +)) : ""
            let weightTotal = scored ? String(live.map(\.0.weight).reduce(0, +)) : ""
            let failing = live.filter { $0.1 == .no }.map(\.0.text.trimmingSpaces).joined(separator: "; ")
            let unknown = live.filter { $0.1 == .unknown }.map(\.0.text.trimmingSpaces).joined(separator: "; ")
            let fields: [String] = [
                a.submission.file, a.submission.service, a.code.header.id, a.code.header.version, a.asOf.description,
                m.id, m.section, m.title, m.severity.rawValue, m.optional ? "true" : "false",
                r.applicable == .yes ? "true" : r.applicable == .no ? "false" : "unknown",
                r.status.rawValue, r.score.map { JSON.format($0) } ?? "",
                metCount, total,
                a.missingPaths(r).joined(separator: " "), r.reason, (hiddenBy[m.id] ?? []).joined(separator: " "),
                m.source.paragraph ?? "", m.source.confidence.rawValue,
                r.checksNotInForce.filter { $0 < m.requires.count }.map { k in
                    m.requires[k].id + (m.requires[k].inForce.map { "@\($0)" } ?? "")
                }.joined(separator: " "),
                m.harms.joined(separator: " "),
                weightMet, weightTotal, failing, unknown,
                a.asIfInForce ? "true" : "false",
                a.lens ?? "",
                (r.declaredStatus ?? r.status).rawValue,
                ReviewView.trail(r, a).joined(separator: " | "),
            ]
            return fields.map(field).joined(separator: ",") + "\r\n"
        }
    }

    /// A field quoted as RFC 4180 asks, made safe for spreadsheets and line-based readers: line
    /// breaks of every kind (found by Unicode scalars, so `"\r\n"` is seen) become spaces, so a
    /// record is always one line; hidden characters are shown as `<U+202E>`; and a leading
    /// `= + - @` (or tab) is neutralised by a quote so a spreadsheet never runs it as a formula.
    public static func field(_ s: String) -> String {
        var v = VisibleText.reveal(VisibleText.oneLine(s))
        if let first = v.unicodeScalars.first, "=+-@\t".unicodeScalars.contains(first) { v = "'" + v }
        if v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
