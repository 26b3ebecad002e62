/// One problem found in an input, with its place: the unit of every error safetycode reports.
///
/// A diagnostic has a severity, a stable kebab-case code (`duplicate-key`, `unknown-fact`), a
/// message, a location, and notes with places of their own ("first defined here").
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// A remark attached to a diagnostic, with its own place.
    public struct Note: Sendable, Hashable {
        /// The note's text.
        public var message: String
        /// Where the note points, if anywhere.
        public var location: SourceLocation?

        /// Creates a note.
        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// Error, warning or note.
    public var severity: Severity
    /// The stable code, such as `duplicate-key`; see ``DiagnosticCode``.
    public var code: DiagnosticCode
    /// What is wrong, in one sentence.
    public var message: String
    /// Where it is wrong.
    public var location: SourceLocation?
    /// Further places and remarks.
    public var notes: [Note]

    /// Creates a diagnostic.
    public init(
        _ severity: Severity = .error, code: DiagnosticCode, message: String,
        at location: SourceLocation?, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// Shorthand for an error.
    public static func error(
        _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message: message, at: location, notes: notes)
    }

    /// The one-line form: `file:line:column: error: [code] message`.
    public var description: String {
        // Where no file is involved, the program names itself, as compilers do (SPEC section 4).
        let place = location.map { "\($0): " } ?? "safetycode: "
        return "\(place)\(severity.rawValue): [\(code.rawValue)] \(VisibleText.reveal(message))"
    }
}

/// A list of problems, thrown where a step found at least one error.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in the order found.
    public var diagnostics: [Diagnostic]
    /// The document, when the problems did not stop it being built (see
    /// ``YAMLDocument/problems``): decoding it finds the file's other problems.
    public var document: YAMLDocument?

    /// Wraps diagnostics.
    public init(_ diagnostics: [Diagnostic], document: YAMLDocument? = nil) {
        self.diagnostics = diagnostics
        self.document = document
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Diagnostic {
    /// Orders diagnostics by place (file, line, column), then by code, so output is stable.
    public static func byPlace(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (a.code.rawValue, a.message) < (b.code.rawValue, b.message)
        }
    }
}
