import SafetyCodeCore

/// Everything the Markdown and HTML comparison reports show.
struct CompareView {
    struct Item {
        var id: String
        var title: String
        var severity: String
        var missing: String
        var hasMissing: Bool
    }

    struct Service {
        var service: String
        var file: String
        var fromScore: String
        var toScore: String
        var delta: String
        var newlyApplicable: [Item]
        var newlyCount: Int
        var noLongerApplicable: [Item]
        var hasNoLonger: Bool
        var newGaps: [Item]
        var newGapCount: Int
        var newCritical: Int
        var closedGaps: [Item]
        var closedCount: Int
        var unaffected: Bool
        var hasNewly: Bool
        var hasNewGaps: Bool
        var hasClosed: Bool
        // Chart geometry.
        var y: Int
        var labelY: Int
        var fromWidth: Int
        var toWidth: Int
        var fromY: Int
        var toY: Int
        var fromTextX: Int
        var toTextX: Int
        var fromTextY: Int
        var toTextY: Int
    }

    var from: String
    var to: String
    var fromTitle: String
    var toTitle: String
    var asOf: String
    var headline: [String]
    var services: [Service]
    var chartHeight: Int
    var legendY: Int
    var legendY2: Int
    var inputs: [GapReportView.Input]
    var generator: String

    static let barMax = 420
    static let rowHeight = 46

    init(_ c: Comparison, inputs: [ReportInput]) {
        from = "\(c.from.header.id) \(c.from.header.version) (\(c.from.header.status.words))"
        to = "\(c.to.header.id) \(c.to.header.version) (\(c.to.header.status.words))"
        fromTitle = c.from.header.title
        toTitle = c.to.header.title
        asOf = c.entries.first?.from.asOf.long ?? ""
        let n = c.entries.count
        let critical = c.entries.filter { !$0.newCriticalGaps.isEmpty }.count
        let anyGap = c.entries.filter { !$0.newGaps.isEmpty }.count
        let newly = c.entries.filter { !$0.newlyApplicable.isEmpty }.count
        let unaffected = c.entries.filter(\.unaffected).count
        let toName = "\(c.to.header.id) \(c.to.header.version)"
        headline = [
            "Under \(toName), \(critical) of \(n) services gain at least one critical gap.",
            "\(anyGap) of \(n) gain at least one gap; \(newly) of \(n) have measures that newly apply to them.",
            "\(unaffected) of \(n) are unaffected.",
        ]
        if c.hasRiskProfiles {
            let h = c.hiddenByDeclaredRisk
            let fromName = "\(c.from.header.id) \(c.from.header.version)"
            headline.append("Declared risk levels below what the risk guidance indicates hide gaps for \(h.from.services) of \(n) services under \(fromName) (\(h.from.gaps) gap\(h.from.gaps == 1 ? "" : "s")) and for \(h.to.services) of \(n) under \(toName) (\(h.to.gaps) gap\(h.to.gaps == 1 ? "" : "s")).")
        }
        func items(_ ids: [String], _ a: Assessment) -> [Item] {
            ids.compactMap { id in
                guard let r = a.results.first(where: { $0.measure.id == id }) else { return nil }
                let failing = zip(r.measure.requires, r.checks).filter { $0.1 == .no }.map(\.0.text)
                return Item(id: id, title: r.measure.title, severity: r.measure.severity.rawValue,
                            missing: failing.joined(separator: "; "), hasMissing: !failing.isEmpty)
            }
        }
        services = c.entries.enumerated().map { i, e in
            let fs = e.from.summary.score, ts = e.to.summary.score
            let delta: String
            if let fs, let ts {
                let d = Int(((ts - fs) * 100).rounded())
                delta = d == 0 ? "no change" : "\(d > 0 ? "+" : "")\(d) point\(abs(d) == 1 ? "" : "s")"
            } else {
                delta = "n/a"
            }
            let y = 28 + i * Self.rowHeight
            let fw = Int(((fs ?? 0) * Double(Self.barMax)).rounded()), tw = Int(((ts ?? 0) * Double(Self.barMax)).rounded())
            return Service(
                service: e.from.submission.service, file: e.from.submission.file,
                fromScore: GapReportView.percent(fs), toScore: GapReportView.percent(ts), delta: delta,
                newlyApplicable: items(e.newlyApplicable, e.to), newlyCount: e.newlyApplicable.count,
                noLongerApplicable: items(e.noLongerApplicable, e.from), hasNoLonger: !e.noLongerApplicable.isEmpty,
                newGaps: items(e.newGaps, e.to), newGapCount: e.newGaps.count, newCritical: e.newCriticalGaps.count,
                closedGaps: items(e.closedGaps, e.from), closedCount: e.closedGaps.count, unaffected: e.unaffected,
                hasNewly: !e.newlyApplicable.isEmpty, hasNewGaps: !e.newGaps.isEmpty, hasClosed: !e.closedGaps.isEmpty,
                y: y, labelY: y + 20, fromWidth: fw, toWidth: tw, fromY: y + 4, toY: y + 22,
                fromTextX: 186 + fw, toTextX: 186 + tw, fromTextY: y + 16, toTextY: y + 34)
        }
        chartHeight = 28 + n * Self.rowHeight + 48
        legendY = 28 + n * Self.rowHeight + 10
        legendY2 = legendY + 18
        self.inputs = inputs.map { GapReportView.Input(role: $0.role, file: $0.file, sha256: $0.sha256) }
        generator = "safetycode \(SafetyCode.version)"
    }
}
