import YAMLTree

/// The problems found in a questionnaire's answers, each at the field it concerns (by field
/// name), and those tied to no field (an unknown field name, a broken draft file) on their own.
public struct FormErrors: Sendable {
    /// Problems by field name, in the order found.
    public var byField: [String: [Diagnostic]] = [:]
    /// Problems tied to no field: shown at the top of the form.
    public var general: [Diagnostic] = []

    /// No problems.
    public init() {}

    /// True when some problem, at a field or not, is an error (warnings do not stop a submission).
    public var hasErrors: Bool {
        general.contains { $0.severity == .error } || byField.values.contains { $0.contains { $0.severity == .error } }
    }

    /// True when there is no problem at all.
    public var isEmpty: Bool { general.isEmpty && byField.isEmpty }

    /// Adds a problem at a field, or among the general ones when `field` is nil.
    public mutating func add(_ d: Diagnostic, field: String?) {
        if let field { byField[field, default: []].append(d) } else { general.append(d) }
    }

    /// Adds every problem of `other`.
    public mutating func merge(_ other: FormErrors) {
        general += other.general
        for (k, v) in other.byField { byField[k, default: []] += v }
    }
}
