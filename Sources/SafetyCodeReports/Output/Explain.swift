import SafetyCodeCore
import YAMLTree

/// `safetycode explain`: the whole decision for one measure, each sub-expression with its value.
public enum Explain {
    /// What to explain.
    public struct Options: Sendable {
        /// The measure's id, such as `ICU C9`.
        public var measureID: String
        /// The code or overlay file.
        public var code: String
        /// The submission file.
        public var submission: String
        /// The assessment date.
        public var asOf: Day

        public init(measureID: String, code: String, submission: String, asOf: Day) {
            self.measureID = measureID
            self.code = code
            self.submission = submission
            self.asOf = asOf
        }
    }

    /// Loads the code and the submission and explains the measure: the explanation as standard
    /// output, or every problem found and exit code 2.
    public static func run(_ options: Options, loader: Loader = Loader()) -> Assess.Outcome {
        var text: String?
        if let code = loader.code(options.code), let s = loader.submission(options.submission, vocabulary: code.vocabulary) {
            // Hidden characters (bidi controls, zero-width) in the inputs are shown as <U+202E> on the terminal.
            text = run(measureID: options.measureID, code: code, submission: s, asOf: options.asOf, loader: loader).map { VisibleText.reveal($0) }
        }
        var outcome = Assess.finish(loader, written: [], stdout: text, lines: [], failed: false)
        if text == nil { outcome.exitCode = 2 }
        return outcome
    }

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
        var out = "\(line(m.id)): \(line(m.title))\n"
        out += "severity \(m.severity.rawValue) · section \(m.section)\(m.optional ? " · optional" : "")\n"
        out += "code: \(line(code.header.id)) \(line(code.header.version)) (\(code.header.status.words))\n"
        out += "submission: \(line(submission.service)) (\(line(submission.file))) · as of \(asOf)\n"
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
            out += "  \(mark) \(check.id) (weight \(check.weight)): \(line(check.text))\(later)\n"
            out += check.check.explain(in: context, vocabulary: code.vocabulary, measureIDs: ids).rendered(indent: "      ") + "\n"
        }
        out += "\nStatus: \(r.status.words)"
        if let s = r.score { out += " (score \(Int((s * 100).rounded()))%)" }
        out += "\nReason: \(line(r.reason))\n"
        let missing = assessment.missingPaths(r)
        if !missing.isEmpty {
            out += "Missing facts (ask the platform):\n"
            for path in missing { out += "  \(path): \(code.vocabulary.fact(path)?.question ?? "")\n" }
        }
        if let alt = r.alternative { out += "Alternative claimed: \(line(alt.description))\n" }
        out += "Source: \(m.source.paragraph ?? m.id) (\(m.source.confidence.words))"
        if let url = m.source.url { out += ", \(url)" }
        out += "\n"
        return out
    }

    static func closest(_ id: String, _ code: Code) -> String {
        code.suggestedMeasureID(for: id).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Text from an input on one terminal line: a line break in a title cannot forge a line of
    /// the explanation (`Status: met`), and hidden characters show as `<U+202E>`.
    static func line(_ text: String) -> String { VisibleText.path(text) }
}
