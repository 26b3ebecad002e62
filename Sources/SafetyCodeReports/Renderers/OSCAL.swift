import SafetyCodeCore

/// An assessment as NIST OSCAL assessment results (JSON, model 1.1): the code stands as the
/// assessment plan, its measures as the reviewed controls; each applicable measure gets one finding
/// with its status, and an observation of the declared facts and cited evidence behind it.
/// UUIDs are name-based (version 5) from the inputs' digests, and the only time is the assessment
/// date, so the same inputs give the same bytes.
public enum OSCAL {
    /// The OSCAL version written.
    public static let version = "1.1.3"
    /// The namespace of safetycode's own properties.
    static let ns = "urn:safetycode"

    /// The assessment-results document.
    public static func render(_ a: Assessment, submissionSHA: String, inputs: [ReportInput]) -> String {
        let when = "\(a.asOf)T00:00:00Z"
        let codeDigest = inputs.map { "\($0.file)=\($0.sha256)" }.joined(separator: ";")
        let seed = "\(codeDigest)|\(a.submission.file)=\(submissionSHA)|\(a.asOf)|\(a.asIfInForce)"
        func uuid(_ part: String) -> String { StableUUID.make(seed + "|" + part) }
        let h = a.code.header
        let s = a.summary
        let applicable = a.results.filter { $0.status.isApplicable }
        var observations: [JSON] = []
        var findings: [JSON] = []
        for r in applicable {
            let m = a.measure(r)
            let observationID = uuid("observation|" + m.id)
            let facts = a.factsRead(by: r)
            let factLines = facts.map { "- \($0.fact.path): \($0.value)" }.joined(separator: "\n")
            var observation: [(String, JSON)] = [
                ("uuid", .string(observationID)),
                ("title", .string("Declared facts for \(m.id)")),
                ("description", .string("The facts \(m.id) turns on, as declared in \(a.submission.file):\n\n" + (factLines.isEmpty ? "- none" : factLines))),
                ("methods", .array([.string("EXAMINE")])),
            ]
            let evidence = facts.compactMap { f -> JSON? in
                guard let e = f.evidence else { return nil }
                var pairs: [(String, JSON)] = []
                if let url = e.url { pairs.append(("href", .string(url))) }
                let text = [e.document, e.note].compactMap { $0 }.joined(separator: ": ")
                pairs.append(("description", .string("\(f.fact.path): \(text.isEmpty ? "cited" : text)")))
                return .object(pairs)
            }
            if !evidence.isEmpty { observation.append(("relevant-evidence", .array(evidence))) }
            observation.append(("collected", .string(when)))
            observations.append(.object(observation))
            let checks = zip(m.requires, r.checks).map { c, t in "- \(c.id): \(t) (\(c.text))" }.joined(separator: "\n")
            var props: [JSON] = [prop("status", r.status.rawValue), prop("severity", m.severity.rawValue),
                                 prop("applicable", r.applicable.description)]
            if m.optional { props.append(prop("optional", "true")) }
            if let score = r.score { props.append(prop("score", JSON.format(score))) }
            // An alternative a reviewer accepted is satisfied (SPEC section 7).
            let satisfied = r.status == .met || r.status == .alternativeAccepted
            var status: [(String, JSON)] = [("state", .string(satisfied ? "satisfied" : "not-satisfied"))]
            status.append(("reason", .string(satisfied ? "pass" : r.isGap ? "fail" : "other")))
            if r.status == .alternativeAccepted {
                status.append(("remarks", .string("A reviewer accepted the alternative measure the service claims.")))
            }
            if r.status == .unknown || r.status == .alternative || (m.optional && r.status != .met) {
                status.append(("remarks", .string(r.status == .alternative ? "An alternative measure is claimed and awaits review."
                                                  : m.optional && r.status != .unknown ? "An optional measure: never a gap."
                                                  : "Undecided: the submission does not give every fact this measure turns on.")))
            }
            findings.append(.object([
                ("uuid", .string(uuid("finding|" + m.id))),
                ("title", .string("\(m.id): \(m.title)")),
                ("description", .string("\(r.status.words.capitalizedFirst): \(r.reason)" + (checks.isEmpty ? "" : "\n\n" + checks))),
                ("props", .array(props)),
                ("target", .object([("type", .string("objective-id")), ("target-id", .string(token(m.id))),
                                    ("status", .object(status))])),
                ("related-observations", .array([.object([("observation-uuid", .string(observationID))])])),
            ]))
        }
        var resultProps: [JSON] = [prop("code-status", h.status.rawValue), prop("as-if-in-force", a.asIfInForce ? "true" : "false"),
                                   prop("applicable", String(s.applicable)), prop("gaps", String(s.gaps))]
        if let score = s.score { resultProps.append(prop("score", JSON.format(score))) }
        // OSCAL forbids empty lists: a service to which no measure applies has no findings at all.
        let result: JSON = .object([
            ("uuid", .string(uuid("result"))),
            ("title", .string("\(a.submission.service) against \(h.id) \(h.version)")),
            ("description", .string("\(h.title) (\(h.version), \(h.status.words)) applied to the declaration in \(a.submission.file), as of \(a.asOf).")),
            ("start", .string(when)),
            ("props", .array(resultProps)),
            ("reviewed-controls", .object([
                ("description", .string("Every measure of \(h.id) \(h.version).")),
                ("control-selections", .array([.object([("include-controls", .array(a.code.measures.map {
                    .object([("control-id", .string(token($0.id)))])
                }))])])),
            ])),
        ] + (observations.isEmpty ? [] : [("observations", .array(observations)), ("findings", .array(findings))]))
        var metadataProps: [JSON] = []
        for input in [ReportInput(role: "submission", file: a.submission.file, sha256: submissionSHA)] + inputs {
            metadataProps.append(.object([("name", .string("input")), ("ns", .string(ns)), ("value", .string(input.file)),
                                          ("class", .string(input.role)), ("remarks", .string("sha256 " + input.sha256))]))
        }
        let document: JSON = .object([("assessment-results", .object([
            ("uuid", .string(uuid("assessment-results"))),
            ("metadata", .object([
                ("title", .string("Gap assessment: \(a.submission.service) against \(h.title) (\(h.version))")),
                ("last-modified", .string(when)),
                ("version", .string(a.asOf.description)),
                ("oscal-version", .string(version)),
                ("props", .array(metadataProps)),
            ])),
            ("import-ap", .object([("href", .string(a.code.file)),
                                   ("remarks", .string("The code of practice stands as the assessment plan: its measures are the controls."))])),
            ("results", .array([result])),
        ]))])
        return document.serialized() + "\n"
    }

    static func prop(_ name: String, _ value: String) -> JSON {
        .object([("name", .string(name)), ("ns", .string(ns)), ("value", .string(value))])
    }

    /// A measure id as an OSCAL token: `ICU C9` is `icu-c9`.
    public static func token(_ id: String) -> String {
        var out = ""
        for c in id.lowercased().unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "." || c == "_" { out.unicodeScalars.append(c) } else { out += "-" }
        }
        if out.first.map({ !$0.isLetter && $0 != "_" }) ?? true { out = "m-" + out }
        return out
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
