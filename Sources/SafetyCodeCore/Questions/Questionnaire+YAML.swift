/// The questionnaire as a YAML file the platform answers (SPEC section 8).
extension Questionnaire {
    /// A text as a double-quoted YAML scalar on one line: every character that could end or bend
    /// it, and every one YAML does not allow in a file (U+FFFE, U+FFFF), escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF
                    || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// How to write an answer of a fact's type.
    static func answerWith(_ t: FactType) -> String {
        switch t {
        case .bool: "true or false"
        case .integer(let lo, let hi): "a whole number" + (lo.map { " from \($0)" } ?? "") + (hi.map { " up to \($0)" } ?? "")
        case .number: "a number"
        case .date: "a date, YYYY-MM-DD"
        case .string: "text"
        case .enumeration(let e): "one of: " + e.values.joined(separator: ", ")
        case .set(let e): "a list of any of: " + e.values.joined(separator: ", ")
        }
    }

    /// The file: a header naming the submission (and its SHA-256), then one entry per question
    /// with the question, how to answer, the measures waiting on it and a blank `answer`.
    public func yaml(submissionSHA: String, codes: [String]) -> String {
        var out = "# Questions for \(submission.service.replacingOccurrences(of: "\n", with: " ")): one per fact the assessment needs and the submission does not give.\n"
        out += "# Write each answer after `answer:` (leave ~ where there is none yet), then merge with:\n"
        out += "#   safetycode questions --merge THIS_FILE --into SUBMISSION --out NEW_SUBMISSION\n"
        out += "questions:\n"
        out += "  submission: \(Self.quoted(submission.file))\n"
        out += "  submission_sha256: \(Self.quoted(submissionSHA))\n"
        out += "  service: \(Self.quoted(submission.service))\n"
        out += "  codes: [\(codes.map(Self.quoted).joined(separator: ", "))]\n"
        out += entries.isEmpty ? "answers: []\n" : "answers:\n"
        for e in entries {
            out += "  - fact: \(e.fact.path)\n"
            out += "    question: \(Self.quoted(e.fact.question))\n"
            if let help = e.fact.help { out += "    help: \(Self.quoted(help))\n" }
            out += "    answer_with: \(Self.quoted(Self.answerWith(e.fact.type)))\n"
            out += "    most_severe: \(e.severity.rawValue)\n"
            out += "    needed_for:\n"
            for m in e.measures {
                out += "      - \(Self.quoted("\(m.measure): \(m.title) (\(m.severity.rawValue), \(m.code))"))\n"
            }
            out += "    answer: ~\n"
        }
        return out
    }
}
