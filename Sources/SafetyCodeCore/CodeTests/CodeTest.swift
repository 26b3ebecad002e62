import YAMLTree

/// A file of test cases kept beside a code (`Codes/**/tests/*.yaml`): partial submissions, each
/// with the applicability and status its author expects for named measures, worked out from the
/// code's source documents. `safetycode test` runs them, as `opa test` runs Rego tests.
public struct CodeTest: Sendable {
    /// The file the tests are written in.
    public var file: String
    /// The code under test, as written (relative to this file).
    public var codePath: String
    /// The code under test, resolved to a path.
    public var codeFile: String
    /// The assessment date for cases that give none.
    public var asOf: Day
    /// The cases, in order.
    public var cases: [Case]

    /// One service profile and what the code must decide for it.
    public struct Case: Sendable {
        /// What the case is about (a service profile).
        public var name: String
        /// Where the case is written.
        public var location: SourceLocation
        /// The assessment date.
        public var asOf: Day
        /// Measures not yet in force are assessed as if they were (as `compare` does): for proposals.
        public var asIfInForce: Bool
        /// The partial submission, decoded against the code's vocabulary.
        public var submission: Submission
        /// The expectations, in the order written.
        public var expectations: [Expectation]
    }

    /// What one case expects of one measure.
    public struct Expectation: Sendable {
        /// The measure id.
        public var measure: String
        /// Where the expectation is written (the measure id in the file).
        public var location: SourceLocation
        /// What is expected.
        public var kind: Kind
    }

    /// The kinds of expectation.
    public enum Kind: Sendable, Equatable {
        /// The measure's applicability: `applies` (yes), `does_not_apply` (no), `may_apply` (unknown).
        case applicability(Tri)
        /// The measure's status.
        case status(MeasureStatus)
    }

    /// The file's top-level keys.
    public static let topKeys = ["code_test", "cases"]
    /// The keys of the `code_test` header.
    public static let headerKeys = ["code", "as_of", "as_if_in_force", "description"]
    /// The keys of a case.
    public static let caseKeys = ["name", "as_of", "as_if_in_force", "note", "submission", "applies", "does_not_apply", "may_apply", "status"]
    /// The parts of a submission a case may give (the `submission:` header is made from the case's name).
    public static let submissionParts = ["service", "risk", "children_risk", "controls", "evidence", "alternative_measures"]
}
