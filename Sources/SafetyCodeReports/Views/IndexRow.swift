import SafetyCodeCore

/// What the index keeps of one submission: its name and, per code, the summary overall and by
/// section. Light, so a run over many submissions does not keep every assessment.
public struct IndexRow: Sendable {
    public struct Cell: Sendable {
        public var codeID: String
        public var codeVersion: String
        public var summary: Assessment.Summary
        public var sections: [Assessment.Summary]
        /// The cell shows the code as if in force.
        public var asIfInForce: Bool
        /// The score of the linked report, when it differs from the cell's (the report counts
        /// only what is in force at the date).
        public var reportedScore: Double??
    }

    /// Whether the index shows a code as if in force: a code that is not itself in force
    /// (a consultation, proposal, or a laid or issued code), whose measures the index would
    /// otherwise list only as not yet in force.
    public static func showsAsIfInForce(_ code: Code) -> Bool {
        code.header.status != .inForce && code.header.status != .superseded
    }

    public var service: String
    public var file: String
    /// The folder its reports are in, as the run decided (``ReportFile/folders(for:)``).
    public var folder: String
    public var cells: [Cell]

    /// The row for one submission's assessments, one per code, whose reports are in `folder`.
    /// `reported` holds the assessments of the linked reports, where they differ from those shown.
    public init(_ assessments: [Assessment], folder: String, reported: [Assessment]? = nil) {
        self.folder = folder
        service = assessments.first?.submission.service ?? ""
        file = assessments.first?.submission.file ?? ""
        cells = assessments.indices.map { i in
            let a = assessments[i]
            let summary = a.summary
            let linked = reported.map { $0[i].summary.score }
            return Cell(codeID: a.code.header.id, codeVersion: a.code.header.version, summary: summary,
                        sections: a.code.sections.map { a.summary(section: $0.id) }, asIfInForce: a.asIfInForce,
                        reportedScore: linked == summary.score ? nil : linked)
        }
    }
}
