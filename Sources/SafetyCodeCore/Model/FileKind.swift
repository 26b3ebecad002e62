import YAMLTree

/// The kinds of input file, told apart by their top-level keys.
public enum FileKind: String, Sendable {
    case vocabulary, code, overlay, submission
    /// A reviewer's findings on a submission (SPEC section 7).
    case review
    /// Test cases kept beside a code (`Codes/**/tests/*.yaml`).
    case codeTest = "code-test"
    /// Risk profiles and risk-level guidance (`Codes/ofcom/risk-profiles/*.yaml`).
    case riskProfile = "risk-profile"

    /// The kind of a loaded document, or nil when its top-level keys fit none.
    public static func of(_ document: YAMLDocument) -> FileKind? {
        guard let keys = document.root.pairs?.map(\.keyText) else { return nil }
        if keys.contains("vocabulary") { return .vocabulary }
        if keys.contains("code_test") { return .codeTest }
        if keys.contains("risk_profile") { return .riskProfile }
        if keys.contains("extends") { return .overlay }
        if keys.contains("code") || keys.contains("measures") { return .code }
        if keys.contains("review") || keys.contains("findings") { return .review }
        if keys.contains("submission") { return .submission }
        return nil
    }
}
