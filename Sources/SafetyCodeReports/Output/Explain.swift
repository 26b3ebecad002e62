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
        if code.index(of: measureID) == nil, measureID.hasPrefix("risk.") || measureID.hasPrefix("children_risk.") {
            return risk(measureID, code: code, submission: submission, asOf: asOf, loader: loader)
        }
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
        var shown: Set<String> = []
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
            out += a.explain(in: context, vocabulary: code.vocabulary, measureIDs: ids).rendered(indent: "  ", shown: &shown) + "\n"
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
            out += check.check.explain(in: context, vocabulary: code.vocabulary, measureIDs: ids).rendered(indent: "      ", shown: &shown) + "\n"
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

    /// A declared risk level read against the risk profiles: each factor and rule with its value,
    /// the challenge if any, and what the indicated level would bring into scope.
    static func risk(_ path: String, code: Code, submission: Submission, asOf: Day, loader: Loader) -> String? {
        let v = code.vocabulary
        let profiled = code.riskProfiles.compactMap { p in p.harm(path).map { (p, $0) } }
        guard let fact = v.fact(path) else {
            let levels = v.facts.map(\.path).filter { $0.hasPrefix("risk.") || $0.hasPrefix("children_risk.") }
            loader.report([.error(.unknownFact, "no declared risk level '\(path)' in the vocabulary\(Suggestion.clause(for: path, in: levels))", at: nil)])
            return nil
        }
        guard !profiled.isEmpty else {
            let covered = code.riskProfiles.flatMap { $0.harms.map(\.path) }
            let hint = covered.isEmpty ? "there is no risk profile beside the vocabulary (risk-profiles/*.yaml)"
                : "the risk profiles cover \(covered.joined(separator: ", "))"
            loader.report([.error(.unknownFact, "no risk profile gives factors for \(path): \(hint)", at: nil)])
            return nil
        }
        let assessor = Assessor(code: code)
        let assessment = assessor.assess(submission, asOf: asOf)
        let context = EvaluationContext(facts: submission.facts, measureCount: code.measures.count)
        let declared = submission.facts[fact.slot].map { $0.rendered(as: fact.type) } ?? "not given"
        var shown: Set<String> = []
        var out = "\(path): declared risk level\n"
        out += "declared: \(declared)\n"
        out += "code: \(code.header.id) \(code.header.version) (\(code.header.status.words))\n"
        out += "submission: \(submission.service) (\(submission.file)) · as of \(asOf)\n"
        for (profile, harm) in profiled {
            out += "\nRisk profile: \(profile.title) (\(profile.id) \(profile.version), \(profile.file))\n"
            out += "\nRisk factors for \(harm.title):\n"
            for f in harm.factors {
                let t = f.when.truth(in: context)
                let mark = t == .yes ? "●" : t == .no ? "○" : "?"
                out += "  \(mark) \(f.id): \(f.text) [\(t == .yes ? "present" : t == .no ? "absent" : "unknown")]\n"
                out += f.when.explain(in: context, vocabulary: v, measureIDs: []).rendered(indent: "      ", shown: &shown) + "\n"
                out += "      source: \(f.source.paragraph ?? "") (\(f.source.confidence.words))\(f.source.url.map { ", \($0)" } ?? "")\n"
            }
            out += "\nLevel guidance:\n"
            if harm.guidance.isEmpty { out += "  (none encoded: the factors are listed for the record, and no level is challenged)\n" }
            for r in harm.guidance {
                let t = r.when.truth(in: context)
                out += "  \(r.id): at least \(r.level) when the condition holds: \(t)\n"
                out += r.when.explain(in: context, vocabulary: v, measureIDs: []).rendered(indent: "      ", shown: &shown) + "\n"
                out += "      says: \(r.text.trimmingSpaces)\n"
                out += "      source: \(r.source.paragraph ?? "") (\(r.source.confidence.words))\(r.source.url.map { ", \($0)" } ?? "")\n"
                if let note = r.source.note { out += "      note: \(note.trimmingSpaces)\n" }
            }
        }
        out += "\n"
        let challenges = (assessment.risk?.challenges ?? []).filter { $0.harm == path }
        if challenges.isEmpty {
            out += submission.facts[fact.slot] == nil
                ? "Challenge: none (no level is declared; the level itself is the question)\n"
                : "Challenge: none (the declared level is not below what the guidance indicates on the facts given)\n"
        }
        for c in challenges {
            out += c.decided
                ? "Challenge: declared \(c.declared), the guidance indicates at least \(c.indicated) (rule \(c.rule.id))\n"
                : "Challenge undecided: declared \(c.declared), rule \(c.rule.id) (at least \(c.indicated)) depends on facts not given\n"
            if !c.missingFacts.isEmpty {
                out += "Missing facts (ask the platform):\n"
                for s in c.missingFacts { out += "  \(v.facts[s].path): \(v.facts[s].question)\n" }
            }
            if c.hidden.newlyApplicable.isEmpty {
                out += "At \(c.indicated), no further measure of this code would apply.\n"
            } else {
                out += "At \(c.indicated), these measures would apply (hidden by the declared level now):\n"
                for h in c.hidden.newlyApplicable {
                    out += "  \(h.isGap ? "✗" : "·") \(h.id) (\(h.severity.rawValue)): \(h.title) — \(h.status.words)\(h.isGap ? ", a gap" : "")\n"
                }
            }
        }
        if let s = assessment.risk?.sensitivity.first(where: { $0.harm == path }) {
            out += "One level up (\(s.ifLevel)): " + (s.effect.newlyApplicable.isEmpty ? "no further measure would apply"
                : s.effect.newlyApplicable.map { $0.id + ($0.isGap ? " (gap)" : "") }.joined(separator: ", ")) + "\n"
        }
        return out
    }

    static func closest(_ id: String, _ code: Code) -> String {
        code.suggestedMeasureID(for: id).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Text from an input on one terminal line: a line break in a title cannot forge a line of
    /// the explanation (`Status: met`), and hidden characters show as `<U+202E>`.
    static func line(_ text: String) -> String { VisibleText.path(text) }
}
