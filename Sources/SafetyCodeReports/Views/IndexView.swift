import SafetyCodeCore

/// The index over a run with several submissions: a matrix of services by code, and for each
/// code a matrix of services by section, with scores and gap counts.
struct IndexView {
    struct Column {
        var label: String
        var title: String
        var status: String
    }

    struct Cell {
        var percent: String
        var gaps: Int
        var gapsText: String
        var critical: Int
        var unknown: Int
        var link: String
        var mdLink: String
        var hasHTML: Bool
        var hasMarkdown: Bool
        var barWidth: Int
    }

    struct Row {
        var service: String
        var file: String
        var cells: [Cell]
    }

    struct SectionTable {
        var code: String
        var title: String
        var sections: [Column]
        var rows: [Row]
    }

    var asOf: String
    var columns: [Column]
    var rows: [Row]
    var sectionTables: [SectionTable]
    var generator: String
    var headline: String

    /// One row per submission, one cell per code (in `codes` order).
    init(rows: [IndexRow], codes: [Code], asOf: Day, formats: Set<ReportFormat>) {
        self.asOf = asOf.long
        columns = codes.map { Column(label: "\($0.header.id) \($0.header.version)", title: $0.header.title, status: $0.header.status.words) }
        func cell(_ folder: String, _ c: IndexRow.Cell, _ summary: Assessment.Summary) -> Cell {
            let stem = folder
            let name = ReportFile.safeComponent("\(c.codeID)@\(c.codeVersion)")
            return Cell(percent: GapReportView.percent(summary.score), gaps: summary.gaps, gapsText: "\(summary.gaps) gap\(summary.gaps == 1 ? "" : "s")", critical: summary.criticalGaps,
                        unknown: summary[.unknown], link: "\(stem)/\(name).html", mdLink: "\(stem)/\(name).md",
                        hasHTML: formats.contains(.html), hasMarkdown: formats.contains(.markdown),
                        barWidth: Int(((summary.score ?? 0) * 80).rounded()))
        }
        self.rows = rows.map { row in
            Row(service: row.service, file: row.file, cells: row.cells.map { cell(row.folder, $0, $0.summary) })
        }
        sectionTables = codes.indices.map { c in
            let code = codes[c]
            return SectionTable(
                code: "\(code.header.id) \(code.header.version)", title: code.header.title,
                sections: code.sections.map { Column(label: $0.id, title: $0.title, status: "") },
                rows: rows.map { row in
                    Row(service: row.service, file: row.file, cells: row.cells[c].sections.map { cell(row.folder, row.cells[c], $0) })
                })
        }
        generator = "safetycode \(SafetyCode.version)"
        let withCritical = rows.filter { row in row.cells.contains { $0.summary.criticalGaps > 0 } }.count
        headline = "\(rows.count) services assessed against \(codes.count) code\(codes.count == 1 ? "" : "s"); \(withCritical) of \(rows.count) have at least one critical gap."
    }
}
