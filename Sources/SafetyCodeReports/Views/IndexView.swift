import SafetyCodeCore

/// The index over a run with several submissions: a matrix of services by code, and for each
/// code a matrix of services by section, with scores and gap counts.
struct IndexView {
    struct Column {
        var label: String
        var title: String
        var status: String
        /// What the status means, in words ("laid: before Parliament, not yet in force").
        var statusMeaning: String = ""
        /// The column is assessed as if in force.
        var asIfInForce: Bool = false
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
        var bar: ScoreBar
        /// "the linked report, which counts only what is in force, gives 71%" (empty when the same).
        var reportNote: String
        var hasReportNote: Bool
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
    /// Says which columns show codes as if in force, and why (empty when none).
    var asIfInForceNote: String
    var hasAsIfInForceNote: Bool
    /// Links to the comparisons, when the run writes them beside the index.
    var comparisons: [Link]
    var hasComparisons: Bool

    struct Link {
        var title: String
        var href: String
    }

    /// One row per submission, one cell per code (in `codes` order).
    init(rows: [IndexRow], codes: [Code], asOf: Day, formats: Set<ReportFormat>, comparisons: [(title: String, href: String)] = []) {
        self.asOf = asOf.long
        let shown = codes.indices.map { c in rows.first?.cells[c].asIfInForce ?? false }
        columns = codes.indices.map { c in
            let h = codes[c].header
            return Column(label: "\(h.id) \(h.version)", title: h.title, status: h.status.words,
                          statusMeaning: h.status.meaning, asIfInForce: shown[c])
        }
        func cell(_ folder: String, _ c: IndexRow.Cell, _ summary: Assessment.Summary) -> Cell {
            let stem = folder
            let name = ReportFile.safeComponent("\(c.codeID)@\(c.codeVersion)")
            let bar = ScoreBar(summary, width: 80)
            let note = c.reportedScore.map { "report, in force only: \(GapReportView.percent($0))" } ?? ""
            return Cell(percent: bar.short, gaps: summary.gaps, gapsText: "\(summary.gaps) gap\(summary.gaps == 1 ? "" : "s")", critical: summary.criticalGaps,
                        unknown: summary[.unknown], link: "\(stem)/\(name).html", mdLink: "\(stem)/\(name).md",
                        hasHTML: formats.contains(.html), hasMarkdown: formats.contains(.markdown),
                        barWidth: bar.proven, bar: bar, reportNote: note, hasReportNote: !note.isEmpty)
        }
        self.rows = rows.map { row in
            Row(service: row.service, file: row.file, cells: row.cells.map { cell(row.folder, $0, $0.summary) })
        }
        let asIf = columns.filter(\.asIfInForce).map(\.label)
        asIfInForceNote = asIf.isEmpty ? "" : "Codes not yet in force (\(asIf.joined(separator: ", "))) are shown as if in force, as a comparison shows them, so their columns say what the proposals would require; each linked report counts only what is in force on \(asOf.long), so where the two differ the cell gives both."
        hasAsIfInForceNote = !asIf.isEmpty
        self.comparisons = comparisons.map { Link(title: $0.title, href: $0.href) }
        hasComparisons = !comparisons.isEmpty
        sectionTables = codes.indices.map { c in
            let code = codes[c]
            return SectionTable(
                code: "\(code.header.id) \(code.header.version)", title: code.header.title,
                sections: code.sections.map { Column(label: $0.id, title: $0.title, status: "") },
                rows: rows.map { row in
                    var plain = row.cells[c]
                    plain.reportedScore = nil
                    return Row(service: row.service, file: row.file, cells: row.cells[c].sections.map { cell(row.folder, plain, $0) })
                })
        }
        generator = "safetycode \(SafetyCode.version)"
        // Critical gaps under the codes in force apart from those only proposals would open: a
        // reader must not take a proposal's gap for a breach of the code in force.
        let inForce = codes.map { $0.header.status == .inForce }
        let underInForce = rows.filter { row in zip(row.cells, inForce).contains { $1 && $0.summary.criticalGaps > 0 } }.count
        let underAny = rows.filter { row in row.cells.contains { $0.summary.criticalGaps > 0 } }.count
        var line = "\(rows.count) services assessed against \(codes.count) code\(codes.count == 1 ? "" : "s"); "
        if inForce.allSatisfy({ $0 }) {
            line += "\(underAny) of \(rows.count) have at least one critical gap."
        } else {
            line += "\(underInForce) of \(rows.count) have at least one critical gap under the codes in force"
            line += inForce.contains(true) ? ", and \(underAny) under any code shown, proposals included (as if in force)." : "."
        }
        headline = line
    }
}
