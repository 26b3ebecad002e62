/// One answer in the workbench's questionnaire, as the person typed or chose it: kept as text
/// so a half-typed value ("12a") survives a saved draft and is shown back with its error.
public enum FormAnswer: Sendable, Hashable {
    /// Not answered, or "don't know": the fact is unknown (written `~`).
    case unknown
    /// A single answer as text: `yes` or `no` for a yes/no question, the chosen value of a
    /// choice, the digits of a number, `YYYY-MM-DD` for a date, or free text.
    case text(String)
    /// The ticked members of a set (an empty list is the empty set, a known answer).
    case members([String])
}

/// Every answer of one questionnaire, by field name (`submission.service`, `service.uk_users`,
/// `risk.grooming`...). A name without an entry is unknown.
public struct FormAnswers: Sendable, Hashable {
    /// The answers by field name.
    public var values: [String: FormAnswer]

    /// Creates answers.
    public init(_ values: [String: FormAnswer] = [:]) { self.values = values }

    /// The answer to the field `name` (``FormAnswer/unknown`` when there is none).
    public subscript(name: String) -> FormAnswer {
        get { values[name] ?? .unknown }
        set { values[name] = newValue == .unknown ? nil : newValue }
    }

    /// The answer as one text: the text itself, members joined by `, `, or "" when unknown.
    public func text(_ name: String) -> String {
        switch self[name] {
        case .unknown: ""
        case .text(let t): t
        case .members(let m): m.joined(separator: ", ")
        }
    }
}
