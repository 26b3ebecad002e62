/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable, Hashable {
    case markdown = "md"
    case html
    case json
    case csv
    /// One summary line per submission and code (JSON Lines), for large runs piped into other tools.
    case jsonl
    /// NIST OSCAL assessment results (JSON), for governance, risk and compliance tools.
    case oscal
    /// JUnit XML, one test case per applicable measure, for a platform's own CI.
    case junit

    /// The formats written when none is asked for.
    public static let reports: [ReportFormat] = [.markdown, .html, .json, .csv]

    /// The file extension.
    public var fileExtension: String {
        switch self {
        case .oscal: "oscal.json"
        case .junit: "junit.xml"
        default: rawValue
        }
    }
}
