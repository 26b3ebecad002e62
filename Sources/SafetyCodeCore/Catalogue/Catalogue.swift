/// The catalogue as text, for `safetycode lint --list`: every diagnostic code and every
/// expression function, each describing itself.
public enum Catalogue {
    /// The listing.
    public static func text() -> String {
        var out = "Diagnostic codes\n\n"
        for d in described {
            out += "  \(d.code.rawValue)\n      \(d.summary)\n"
        }
        out += "\nExpression functions\n\n"
        for f in ExpressionFunction.all {
            out += "  \(f.signature)\n      \(f.summary)\n"
            for e in f.examples.prefix(1) {
                out += "      e.g. \(e.expression)  with  \(e.facts.replacingOccurrences(of: "\n", with: "; "))  =>  \(e.result)\n"
            }
        }
        return out
    }

    /// Every diagnostic code with its summary, in alphabetical order (SARIF's rules are these).
    public static var described: [DiagnosticDescription] {
        (DiagnosticDescription.all + [
            .init(code: .depthLimit, summary: "Nesting deeper than the limit (64 levels by default).", example: [:]),
            .init(code: .nodeLimit, summary: "More nodes in one file than the limit (1,000,000 by default).", example: [:]),
            .init(code: .sizeLimit, summary: "A file larger than the limit (16 MiB by default), refused before it is read.", example: [:]),
            .init(code: .invalidUTF8, summary: "Bytes that are not UTF-8; the place is the first byte of the broken sequence.", example: [:]),
            .init(code: .unreadable, summary: "A file that cannot be read: missing, a folder, or not permitted.", example: [:]),
            .init(code: .writeFailed, summary: "A report could not be written (the output folder cannot be made, or the disk refuses); nothing half-written is left.", example: [:]),
            .init(code: .badOption, summary: "Options that do not fit together, such as --out - with several reports.", example: [:]),
            .init(code: .staleBase, summary: "The workbench's questionnaire for a new version of a service was started from a submission that has changed since (another version saved, or the file edited): nothing is written until it is submitted again from the file as it is now.", example: [:]),
        ]).sorted(by: { $0.code < $1.code })
    }
}
