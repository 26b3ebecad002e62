import SafetyCodeCore
import YAMLTree

/// `safetycode explain`: the whole decision for one measure, each sub-expression with its value.
public enum Explain {
    /// The explanation as text, or nil when the measure id is unknown (reported into the loader).
    public static func run(measureID: String, code: Code, submission: Submission, asOf: Day, loader: Loader) -> String? {
        guard let index = code.index(of: measureID) else {
            loader.report([.error(.unknownMeasure, "no measure '\(measureID)' in \(code.header.id) \(code.header.version)\(closest(measureID, code))",
                                  at: nil)])
            return nil
        }
        let assessor = Assessor(code: code)
        let assessment = assessor.assess(submission, asOf: asOf)
        let context = assessor.context(for: submission, asOf: asOf)
        let r = assessment.results[index]
        // Everything below reads the version that binds at the date, the one the status is decided on.
        let m = r.measure
        let ids = code.measures.map(\.id)
        var out = "\(m.id): \(m.title)\n"
        out += "severity \(m.severity.rawValue) · section \(m.section)\(m.optional ? " · optional" : "")\n"
        out += "code: \(code.header.id) \(code.header.version) (\(code.header.status.words))\n"
        out += "submission: \(submission.service) (\(submission.file)) · as of \(asOf)\n"
        if assessor.bindingVersions(asOf: asOf)[index] != nil {
            let latest = code.measures[index]
            let when = assessor.inForceDate(latest).map { "in force from \($0.long)" } ?? (latest.status ?? code.header.status).words
            out += "version: the version in force at \(asOf); this code's new version is \(when) and is not assessed here\n"
        }
        out += "\n"
        out += "Applies: \(r.applicable)\n"
        if let a = m.appliesWhen {
            out += a.explain(in: context, vocabulary: code.vocabulary, measureIDs: ids).rendered(indent: "  ") + "\n"
        } else {
            out += "  (no condition: applies to every service this code covers)\n"
        }
        for d in m.dependsOnIndices {
            out += "  depends on \(code.measures[d].id): \(context.applicability[d])\n"
        }
        out += "\nIn force: \(r.inForce ? "yes" : "no")"
        if let day = assessor.inForceDate(m) { out += " (from \(day))" }
        out += "\n\nChecks:\n"
        for (i, check) in m.requires.enumerated() {
            let t = check.check.truth(in: context)
            let mark = t == .yes ? "✓" : t == .no ? "✗" : "?"
            let later = r.isCheckInForce(i) ? "" : " [not in force until \(check.inForce.map(\.description) ?? "later"): not scored]"
            out += "  \(mark) \(check.id) (weight \(check.weight)): \(check.text)\(later)\n"
            out += check.check.explain(in: context, vocabulary: code.vocabulary, measureIDs: ids).rendered(indent: "      ") + "\n"
        }
        out += "\nStatus: \(r.status.words)"
        if let s = r.score { out += " (score \(Int((s * 100).rounded()))%)" }
        out += "\nReason: \(r.reason)\n"
        let missing = assessment.missingPaths(r)
        if !missing.isEmpty {
            out += "Missing facts (ask the platform):\n"
            for path in missing { out += "  \(path): \(code.vocabulary.fact(path)?.question ?? "")\n" }
        }
        if let alt = r.alternative { out += "Alternative claimed: \(alt.description)\n" }
        out += "Source: \(m.source.paragraph ?? m.id) (\(m.source.confidence.words))"
        if let url = m.source.url { out += ", \(url)" }
        out += "\n"
        return out
    }

    static func closest(_ id: String, _ code: Code) -> String {
        let ids = code.measures.map(\.id)
        let lowered = ids.first { $0.lowercased() == id.lowercased() || $0.replacingOccurrences(of: " ", with: "").lowercased() == id.lowercased() }
        if let lowered { return "; did you mean '\(lowered)'?" }
        return ""
    }
}
