import SafetyCodeCore

/// An assessment as JUnit XML, for a platform's own CI: one test case per applicable measure,
/// gaps (partly met, not met) failing, undecided measures and alternatives awaiting review skipped.
public enum JUnit {
    /// The XML report.
    public static func render(_ a: Assessment) -> String {
        let applicable = a.results.filter { $0.status.isApplicable }
        let failures = applicable.count { $0.isGap }
        let skipped = applicable.count { !$0.isGap && ($0.status == .unknown || $0.status == .alternative) }
        let suite = "\(a.submission.service) against \(a.code.header.id) \(a.code.header.version)"
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"safetycode\" tests=\"\(applicable.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\">\n"
        out += "  <testsuite name=\"\(escape(suite))\" tests=\"\(applicable.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" timestamp=\"\(a.asOf)T00:00:00\">\n"
        out += "    <properties>\n"
        for (name, value) in [("submission", a.submission.file), ("code", a.code.file), ("code_status", a.code.header.status.rawValue),
                              ("as_of", a.asOf.description), ("score", a.summary.score.map { JSON.format($0) } ?? "")] {
            out += "      <property name=\"\(name)\" value=\"\(escape(value))\"/>\n"
        }
        out += "    </properties>\n"
        for r in applicable {
            let m = a.measure(r)
            let classname = "\(a.code.header.id)@\(a.code.header.version).\(m.section)"
            out += "    <testcase classname=\"\(escape(classname))\" name=\"\(escape(m.id + ": " + m.title))\">\n"
            let checks = zip(m.requires, r.checks).map { c, t in "- \(c.id) (\(t)): \(c.text)" }.joined(separator: "\n")
            let missing = a.missingPaths(r)
            let detail = r.reason + "\n" + checks + (missing.isEmpty ? "" : "\nmissing facts: " + missing.joined(separator: ", "))
            if r.isGap {
                out += "      <failure type=\"\(r.status.rawValue)\" message=\"\(escape("\(r.status.words) (\(m.severity.rawValue)): \(r.reason)"))\">\(escape(detail))</failure>\n"
            } else if r.status == .unknown {
                out += "      <skipped message=\"\(escape("undecided: " + (missing.isEmpty ? r.reason : "missing " + missing.joined(separator: ", "))))\"/>\n"
            } else if r.status == .alternative {
                out += "      <skipped message=\"\(escape("alternative measure claimed, awaiting review: " + (r.alternative?.description ?? "")))\"/>\n"
            }
            out += "      <system-out>\(escape(detail))</system-out>\n"
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Text escaped for XML attributes and content; characters XML 1.0 forbids are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            default:
                let v = u.value
                if v == 0x9 || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000 {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
