/// A function of the expression language, describing itself: its signature, what it does, and
/// examples that are both its documentation and its tests.
public struct ExpressionFunction: Sendable {
    /// One worked example: an expression, the facts it is evaluated on (submission YAML), and the
    /// expected result (`true`, `false` or `unknown`).
    public struct Example: Sendable {
        public var expression: String
        public var facts: String
        public var result: String
    }

    /// The name, as called.
    public var name: String
    /// How it is called.
    public var signature: String
    /// What it does, in one or two sentences.
    public var summary: String
    /// Worked examples, run by the tests.
    public var examples: [Example]

    /// The function named `name`, or nil.
    public static func named(_ name: String) -> ExpressionFunction? { all.first { $0.name == name } }

    /// Every function, in the order the README lists them.
    public static let all: [ExpressionFunction] = [
        ExpressionFunction(
            name: "count", signature: "count([condition, ...]) -> integer",
            summary: "How many of the conditions are true. With unknown conditions the result is a range, and a comparison on it is decided only when the whole range agrees.",
            examples: [
                .init(expression: "count([risk.terrorism >= medium, risk.hate >= medium, risk.fraud_financial_services >= medium]) >= 2",
                      facts: "risk: {terrorism: high, hate: medium, fraud_financial_services: low}", result: "true"),
                .init(expression: "count([risk.terrorism >= medium, risk.hate >= medium, risk.fraud_financial_services >= medium]) >= 2",
                      facts: "risk: {terrorism: high, hate: low}", result: "unknown"),
                .init(expression: "count([risk.terrorism >= medium, risk.hate >= medium, risk.fraud_financial_services >= medium]) >= 2",
                      facts: "risk: {terrorism: low, hate: low}", result: "false"),
            ]),
        ExpressionFunction(
            name: "any", signature: "any([condition, ...]) -> bool",
            summary: "True when at least one condition is true; false when all are false; otherwise unknown.",
            examples: [
                .init(expression: "any([risk.terrorism == high, risk.hate == high])", facts: "risk: {hate: high}", result: "true"),
                .init(expression: "any([risk.terrorism == high, risk.hate == high])", facts: "risk: {hate: low}", result: "unknown"),
            ]),
        ExpressionFunction(
            name: "all", signature: "all([condition, ...]) -> bool",
            summary: "True when every condition is true; false when any is false; otherwise unknown.",
            examples: [
                .init(expression: "all([service.likely_accessed_by_children, risk.grooming >= medium])",
                      facts: "service: {likely_accessed_by_children: false}", result: "false"),
                .init(expression: "all([service.likely_accessed_by_children, risk.grooming >= medium])",
                      facts: "service: {likely_accessed_by_children: true}\nrisk: {grooming: high}", result: "true"),
            ]),
        ExpressionFunction(
            name: "max", signature: "max([ordered value, ...]) -> that type",
            summary: "The greatest of the values, such as the highest risk level. With unknowns it is a range from the greatest known value up.",
            examples: [
                .init(expression: "max([risk.grooming, risk.image_based_csam, risk.csam_urls]) >= medium",
                      facts: "risk: {grooming: high}", result: "true"),
                .init(expression: "max([risk.grooming, risk.image_based_csam, risk.csam_urls]) == low",
                      facts: "risk: {grooming: low, image_based_csam: negligible, csam_urls: low}", result: "true"),
                .init(expression: "max([risk.grooming, risk.image_based_csam]) >= medium",
                      facts: "risk: {grooming: low}", result: "unknown"),
            ]),
        ExpressionFunction(
            name: "has", signature: "has(fact.path) -> bool",
            summary: "True when the submission gives the fact a value, false when it is absent or null. Never unknown.",
            examples: [
                .init(expression: "has(service.uk_users)", facts: "service: {uk_users: 12000}", result: "true"),
                .init(expression: "has(service.uk_users)", facts: "service: {uk_users: ~}", result: "false"),
            ]),
        ExpressionFunction(
            name: "applies", signature: "applies(\"MEASURE ID\") -> bool",
            summary: "Whether another measure of the same code applies to the service: true, false or unknown. Cycles between measures are refused when the code loads.",
            examples: []),
    ]
}
