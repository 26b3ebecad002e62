import YAMLTree

extension Review {
    static let topKeys = ["review", "findings"]
    static let findingKeys = ["measure", "code", "fact", "decision", "value", "reason", "reviewer", "date", "follow_up", "expires"]

    /// Decodes a review against a vocabulary, reporting every problem into the context: unknown
    /// keys and facts, missing reasons, reviewers and dates, bad dates, and a disputed value of
    /// the wrong type for its fact. Measure ids are checked against codes later (``Review/check(against:)``).
    static func decode(_ context: DecodeContext, vocabulary: Vocabulary) -> Review? {
        guard let top = context.mapping(context.document.root, "a review file", allowed: topKeys) else { return nil }
        var submission = "", sha: String?
        var location = context.location(context.document.root)
        if let r = top.required("review"), let m = context.mapping(r, "'review'", allowed: ["submission", "submission_sha256"]) {
            submission = m.string("submission", required: true) ?? ""
            if let node = m.optional("submission_sha256"), let text = context.string(node, "'submission_sha256'") {
                if text.count == 64 && text.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                    sha = text
                } else {
                    context.error(.badValue, "'submission_sha256' must be 64 lower-case hex digits (the SHA-256 of the submission file), not '\(text)'", at: node)
                }
            }
            location = context.location(m.keyNode("submission") ?? r)
        }
        var findings: [Finding] = []
        if let list = top.required("findings") {
            if let items = list.items {
                for item in items {
                    if let f = decodeFinding(item, context, vocabulary) { findings.append(f) }
                }
            } else if !list.isNull {
                context.error(.wrongType, "'findings' must be a list of findings, not \(list.kindDescription)", at: list)
            }
        }
        return Review(file: context.file, submission: submission, submissionSHA256: sha, findings: findings, location: location)
    }

    private static func decodeFinding(_ node: YAMLNode, _ context: DecodeContext, _ vocabulary: Vocabulary) -> Finding? {
        guard let m = context.mapping(node, "a finding", allowed: findingKeys) else { return nil }
        var ok = true
        let measure = m.string("measure", max: DecodeContext.maxName)
        let factNode = m.optional("fact")
        let factPath = factNode.flatMap { context.string($0, "'fact'") }
        var fact: Vocabulary.Fact?
        if measure != nil && factNode != nil {
            context.error(.badValue, "a finding is on a measure or on a fact, not both: give 'measure' or 'fact'", at: m.keyNode("fact") ?? node)
            ok = false
        } else if measure == nil && factNode == nil {
            context.error(.missingKey, "a finding needs 'measure' (the measure it is about) or 'fact' (the declared fact it is about)", at: node)
            ok = false
        }
        if let factPath, let factNode {
            fact = vocabulary.fact(factPath)
            if fact == nil {
                context.error(.unknownFact, "no fact '\(factPath)' in the vocabulary\(Suggestion.clause(for: factPath, in: vocabulary.facts.map(\.path)))",
                              at: factNode)
                ok = false
            }
        }
        let code = m.string("code", max: DecodeContext.maxName)
        if code != nil && factNode != nil {
            context.error(.badValue, "'code' limits a finding on a measure to one code; a fact is declared once for every code", at: m.keyNode("code")!)
            ok = false
        }
        let decision = m.choice("decision", as: Decision.self, required: true)
        if let decision, measure != nil || factNode != nil {
            let onMeasure = measure != nil
            if decision.isMeasureDecision != onMeasure {
                let allowed = Decision.allCases.filter { $0.isMeasureDecision == onMeasure }.map(\.rawValue).joined(separator: ", ")
                context.error(.badValue, "'\(decision.rawValue)' is a decision on a \(onMeasure ? "fact" : "measure"); on a \(onMeasure ? "measure" : "fact") choose from \(allowed)",
                              at: m.optional("decision")!)
                ok = false
            }
        }
        var value: Value?
        let valueNode = m.pairs.first { $0.keyText == "value" }?.value
        if let valueNode {
            if decision != .dispute {
                context.error(.badValue, "'value' is the reviewer's value for a disputed fact: give it only with 'decision: dispute'", at: m.keyNode("value")!)
                ok = false
            } else if let fact {
                let before = context.diagnostics.count
                value = Submission.decodeValue(valueNode, fact, context)
                if context.diagnostics.count > before { ok = false }
            }
        } else if decision == .dispute {
            context.error(.missingKey, "a disputed fact needs 'value': the reviewer's value, which replaces the declared one (~ for unknown)", at: node)
            ok = false
        }
        let reason = m.string("reason", required: true)
        let reviewer = m.string("reviewer", required: true, max: DecodeContext.maxName)
        for (key, text) in [("reason", reason), ("reviewer", reviewer)] {
            if let text, text.allSatisfy(\.isWhitespace) {
                context.error(.badValue, "a finding needs a \(key); it is empty", at: m.optional(key)!)
                ok = false
            }
        }
        let dateNode = m.required("date")
        let date = dateNode.flatMap { context.day($0, "'date'") }
        let followUp = m.day("follow_up"), expires = m.day("expires")
        if let date, let expires, expires < date {
            context.error(.badDate, "the finding expires (\(expires)) before it was made (\(date))", at: m.optional("expires")!)
            ok = false
        }
        guard ok, let decision, let reason, let reviewer, let date else { return nil }
        let target: Target = measure.map { .measure(id: $0, code: code) } ?? .fact(path: fact!.path)
        return Finding(target: target, decision: decision, value: value, reason: reason, reviewer: reviewer, date: date,
                       followUp: followUp, expires: expires, location: context.location(node))
    }
}
