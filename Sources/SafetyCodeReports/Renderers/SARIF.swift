import Foundation
import SafetyCodeCore
import YAMLTree

/// Lint findings as SARIF 2.1.0, so code-scanning tools show them inline: one rule per diagnostic
/// code (with its description from the catalogue), one result per diagnostic, with its region.
public enum SARIF {
    /// The SARIF log for one lint run.
    public static func render(_ report: Lint.Report) -> String {
        let rules = Catalogue.described
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        let ruleObjects: [JSON] = rules.map { d in
            .object([("id", .string(d.code.rawValue)),
                     ("shortDescription", .object([("text", .string(firstSentence(d.summary)))])),
                     ("fullDescription", .object([("text", .string(d.summary))])),
                     ("defaultConfiguration", .object([("level", .string("error"))]))])
        }
        let results: [JSON] = report.diagnostics.map { d in
            var pairs: [(String, JSON)] = [("ruleId", .string(d.code.rawValue))]
            if let i = index[d.code] { pairs.append(("ruleIndex", .integer(i))) }
            pairs.append(("level", .string(level(d.severity))))
            pairs.append(("message", .object([("text", .string(d.message))])))
            if let l = d.location { pairs.append(("locations", .array([location(l)]))) }
            let related = d.notes.enumerated().compactMap { i, n -> JSON? in
                guard let l = n.location else { return nil }
                guard case .object(let p) = location(l) else { return nil }
                return .object([("id", .integer(i))] + p + [("message", .object([("text", .string(n.message))]))])
            }
            if !related.isEmpty { pairs.append(("relatedLocations", .array(related))) }
            return .object(pairs)
        }
        let run: JSON = .object([
            ("tool", .object([("driver", .object([("name", .string("safetycode")), ("version", .string(SafetyCode.version)),
                                                  ("rules", .array(ruleObjects))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        return JSON.object([("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
                            ("version", .string("2.1.0")), ("runs", .array([run]))]).serialized() + "\n"
    }

    static func location(_ l: SourceLocation) -> JSON {
        .object([("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(uri(l.file)))])),
            ("region", .object([("startLine", .integer(max(1, l.line))), ("startColumn", .integer(max(1, l.column)))])),
        ]))])
    }

    /// A file path as a relative URI reference: each part percent-encoded where it must be.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":?#[]@")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func firstSentence(_ s: String) -> String {
        guard let r = s.range(of: ". ") else { return s }
        return String(s[..<r.lowerBound]) + "."
    }
}
