import SafetyCodeCore

/// What the index keeps of one submission: its name and, per code, the summary overall and by
/// section. Light, so a run over many submissions does not keep every assessment.
public struct IndexRow: Sendable {
    public struct Cell: Sendable {
        public var codeID: String
        public var codeVersion: String
        public var summary: Assessment.Summary
        public var sections: [Assessment.Summary]
    }

    public var service: String
    public var file: String
    /// The folder its reports are in, as the run decided (``ReportFile/folders(for:)``).
    public var folder: String
    public var cells: [Cell]

    /// The row for one submission's assessments, one per code, whose reports are in `folder`.
    public init(_ assessments: [Assessment], folder: String) {
        self.folder = folder
        service = assessments.first?.submission.service ?? ""
        file = assessments.first?.submission.file ?? ""
        cells = assessments.map { a in
            Cell(codeID: a.code.header.id, codeVersion: a.code.header.version, summary: a.summary,
                 sections: a.code.sections.map { a.summary(section: $0.id) })
        }
    }
}
