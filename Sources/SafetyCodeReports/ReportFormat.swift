/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable, Hashable {
    case markdown = "md"
    case html
    case json
    case csv

    /// The file extension.
    public var fileExtension: String { rawValue }
}
