import SafetyCodeCore

/// A file a report was made from, with its SHA-256, so a reader can check the report against
/// exactly those inputs.
public struct ReportInput: Sendable, Hashable {
    /// What the file is: "submission", "code", "overlay", "vocabulary".
    public var role: String
    /// The path as given.
    public var file: String
    /// SHA-256 in hex.
    public var sha256: String

    /// Creates an input.
    public init(role: String, file: String, sha256: String) {
        self.role = role
        self.file = file
        self.sha256 = sha256
    }

    /// The inputs of a code: every file of its chain, then its vocabulary.
    public static func of(_ code: Code) -> [ReportInput] {
        var out: [ReportInput] = []
        for (i, file) in code.files.enumerated() {
            out.append(.init(role: i == 0 ? "code" : "overlay", file: file, sha256: code.digests[file] ?? ""))
        }
        out.append(.init(role: "vocabulary", file: code.vocabulary.file, sha256: code.digests[code.vocabulary.file] ?? ""))
        for p in code.riskProfiles { out.append(.init(role: "risk-profile", file: p.file, sha256: code.digests[p.file] ?? "")) }
        return out
    }
}
