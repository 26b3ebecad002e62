import YAMLTree

extension DiagnosticCode {
    /// A key that the format does not have.
    public static let unknownKey: DiagnosticCode = "unknown-key"
    /// A required key is absent.
    public static let missingKey: DiagnosticCode = "missing-key"
    /// A value of the wrong kind (text for a number, a list for a mapping).
    public static let wrongType: DiagnosticCode = "wrong-type"
    /// A value outside the allowed words or range.
    public static let badValue: DiagnosticCode = "bad-value"
    /// A date that is not `YYYY-MM-DD` or does not exist.
    public static let badDate: DiagnosticCode = "bad-date"
    /// The file is none of vocabulary, code, overlay or submission.
    public static let unknownFileKind: DiagnosticCode = "unknown-file-kind"
    /// A fact path that the vocabulary does not have.
    public static let unknownFact: DiagnosticCode = "unknown-fact"
    /// Two sides or arguments of different types.
    public static let typeMismatch: DiagnosticCode = "type-mismatch"
    /// An expression that does not parse.
    public static let expressionSyntax: DiagnosticCode = "expression-syntax"
    /// A function the expression language does not have, or called with the wrong arguments.
    public static let badCall: DiagnosticCode = "bad-call"
    /// An expression longer or deeper than the limit.
    public static let expressionLimit: DiagnosticCode = "expression-limit"
    /// A measure id that the code does not have.
    public static let unknownMeasure: DiagnosticCode = "unknown-measure"
    /// An id used twice.
    public static let duplicateId: DiagnosticCode = "duplicate-id"
    /// Definitions, measures or `extends` that refer to each other in a circle.
    public static let cycle: DiagnosticCode = "cycle"
    /// A file named by another (`extends`, `vocabulary`) that cannot be found.
    public static let missingFile: DiagnosticCode = "missing-file"
    /// A section id that the code does not define.
    public static let unknownSection: DiagnosticCode = "unknown-section"
    /// An `alternative_measures` or `evidence` entry that names nothing.
    public static let unknownReference: DiagnosticCode = "unknown-reference"
    /// A review names a SHA-256 that is not its submission's: the declaration changed since.
    public static let staleReview: DiagnosticCode = "stale-review"
    /// A new version of a service is made from a submission that changed since the form was shown.
    public static let staleBase: DiagnosticCode = "stale-base"
    /// A report could not be written.
    public static let writeFailed: DiagnosticCode = "write-failed"
    /// A bidi control or zero-width character in a file, which can make text read differently
    /// from what it is (Trojan Source): a warning at its place.
    public static let invisibleCharacter: DiagnosticCode = "invisible-character"
    /// Options that do not fit together, or an option value that is out of range.
    public static let badOption: DiagnosticCode = "bad-option"
}
