/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable, Hashable {
    case markdown = "md"
    case html
    case json
    case csv
    /// One summary line per submission and code (JSON Lines), for large runs piped into other tools.
    case jsonl

    /// The formats written when none is asked for.
    public static let reports: [ReportFormat] = [.markdown, .html, .json, .csv]

    /// The file extension.
    public var fileExtension: String { rawValue }
}
