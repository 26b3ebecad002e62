/// A stable, kebab-case identifier of a kind of problem, such as `duplicate-key`.
///
/// Codes never change meaning once published: scripts and tests match on them. The catalogue
/// of codes, each with a summary and an example that the tests run, is in `SafetyCodeCore`.
public struct DiagnosticCode: RawRepresentable, Sendable, Hashable, Comparable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }

    // The YAML layer's codes.
    /// The file is not well-formed YAML.
    public static let yamlSyntax: DiagnosticCode = "yaml-syntax"
    /// An alias (`*name`) was found; aliases are refused.
    public static let aliasRefused: DiagnosticCode = "alias-refused"
    /// An anchor (`&name`) was found; anchors are refused.
    public static let anchorRefused: DiagnosticCode = "anchor-refused"
    /// A second document (`---`) was found in one file.
    public static let multipleDocuments: DiagnosticCode = "multiple-documents"
    /// The same key appears twice in one mapping.
    public static let duplicateKey: DiagnosticCode = "duplicate-key"
    /// A key is a sequence or mapping rather than a scalar.
    public static let complexKey: DiagnosticCode = "complex-key"
    /// The bytes are not valid UTF-8.
    public static let invalidUTF8: DiagnosticCode = "invalid-utf8"
    /// A control character appears in the text or in a scalar's value.
    public static let controlCharacter: DiagnosticCode = "control-character"
    /// Nesting is deeper than the limit.
    public static let depthLimit: DiagnosticCode = "depth-limit"
    /// The file has more nodes than the limit.
    public static let nodeLimit: DiagnosticCode = "node-limit"
    /// The file is larger than the limit.
    public static let sizeLimit: DiagnosticCode = "size-limit"
    /// The file holds no document.
    public static let emptyFile: DiagnosticCode = "empty-file"
    /// The file could not be read.
    public static let unreadable: DiagnosticCode = "unreadable-file"
}
