import SafetyCodeCore
import YAMLTree

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
        /// The submission's report name (its file's stem): the section's anchor, `compare-STEM`.
        var stem: String
        /// Which submission was scored, where the caller said (the workbench), else empty.
        var scored: String
        var hasScored: Bool
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
        var worsened: [Change]
        var improved: [Change]
        var otherChanges: [Change]
        var hasWorsened: Bool
        var hasImproved: Bool
        var hasOther: Bool
        var changedCount: Int
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

    /// A measure whose result moved without its being a new or closed gap: what it scored before
    /// and after, and the checks that moved.
    struct Change {
        var id: String
        var title: String
        var severity: String
        var before: String
        var after: String
        var checks: String
        var hasChecks: Bool
    }

    /// One measure of a lens and the services it newly applies to, or becomes a gap for.
    struct LensMeasure {
        var id: String
        var title: String
        var harms: String
        var services: String
        var count: Int
    }

    struct LensService {
        var service: String
        var fromApplicable: Int
        var toApplicable: Int
        var fromGaps: Int
        var toGaps: Int
        var gained: String
        var hasGained: Bool
        var newGaps: String
        var hasNewGaps: Bool
    }

    struct Lens {
        var name: String
        var title: String
        var harms: String
        var note: String
        var hasNote: Bool
        var summary: String
        var newlyApplicable: [LensMeasure]
        var hasNewly: Bool
        var newGaps: [LensMeasure]
        var hasNewGaps: Bool
        var services: [LensService]
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
    var lens: String?
    var lenses: [Lens]
    var hasLenses: Bool
    var inputs: [GapReportView.Input]
    var generator: String
    /// How sure we are of the proposed code's encoding (issue 13).
    var sources: SourcesLine
    /// The statuses of the two codes, explained.
    var statusNote: String

    static let barMax = 420
    static let rowHeight = 46

    init(_ c: Comparison, inputs: [ReportInput], scored: [String: ReportBody.Scored] = [:]) {
        from = c.from.name
        to = c.to.name
        fromTitle = c.from.header.title
        toTitle = c.to.header.title
        asOf = c.entries.first?.from.asOf.long ?? ""
        let n = c.entries.count
        let critical = c.entries.filter { !$0.newCriticalGaps.isEmpty }.count
        let anyGap = c.entries.filter { !$0.newGaps.isEmpty }.count
        let newly = c.entries.filter { !$0.newlyApplicable.isEmpty }.count
        let unaffected = c.entries.filter(\.unaffected).count
        let toName = c.to.header.shortTitle ?? c.to.header.title
        headline = [
            "\(critical) of \(n) services gain at least one critical gap under \(toName).",
            "\(anyGap) of \(n) gain at least one gap; \(newly) of \(n) have measures that newly apply to them.",
            unaffected == 0 ? "Every service is affected." : unaffected == n ? "No service is affected: the same measures apply with the same results."
                : "\(unaffected) of \(n) services are unaffected: the same measures apply with the same results.",
        ]
        lens = c.filter.label(c.to.vocabulary)
        let titles = Dictionary((c.from.measures + c.to.measures).map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        lenses = c.lenses.map { l in
            func rows(_ list: [(measure: String, services: [String])]) -> [LensMeasure] {
                list.map { LensMeasure(id: $0.measure, title: titles[$0.measure]?.title ?? "", harms: titles[$0.measure].map { DiffView.harms($0, c.to.vocabulary) } ?? "",
                                       services: $0.services.joined(separator: ", "), count: $0.services.count) }
            }
            let services = l.services.map { s in
                let gained = s.newlyApplicable, newGaps = s.newGaps
                return LensService(service: s.service, fromApplicable: s.fromApplicable.count, toApplicable: s.toApplicable.count,
                                   fromGaps: s.fromGaps.count, toGaps: s.toGaps.count, gained: gained.joined(separator: ", "),
                                   hasGained: !gained.isEmpty, newGaps: newGaps.joined(separator: ", "), hasNewGaps: !newGaps.isEmpty)
            }
            return Lens(name: l.lens.name, title: l.lens.title, harms: l.lens.harms.map(c.to.vocabulary.harmWords).joined(separator: "; "),
                        note: l.lens.note?.trimmingSpaces ?? "", hasNote: l.lens.note != nil,
                        summary: "\(l.servicesGainingObligations) of \(n) services gain obligations (a measure of this lens newly applies); \(l.servicesGainingGaps) of \(n) gain gaps.",
                        newlyApplicable: rows(l.newlyApplicable), hasNewly: !l.newlyApplicable.isEmpty,
                        newGaps: rows(l.newGaps), hasNewGaps: !l.newGaps.isEmpty, services: services)
        }
        hasLenses = !lenses.isEmpty
        if c.hasRiskProfiles {
            let h = c.hiddenByDeclaredRisk
            let fromName = c.from.header.shortTitle ?? c.from.header.title
            headline.append("Declared risk levels below what the risk guidance indicates hide gaps for \(h.from.services) of \(n) services under \(fromName) (\(h.from.gaps) gap\(h.from.gaps == 1 ? "" : "s")) and for \(h.to.services) of \(n) under \(toName) (\(h.to.gaps) gap\(h.to.gaps == 1 ? "" : "s")).")
        }
        func items(_ ids: [String], _ a: Comparison.Side) -> [Item] {
            ids.compactMap { id in
                guard let r = a.results.first(where: { $0.measure.id == id }) else { return nil }
                let failing = zip(r.measure.requires, r.checks).filter { $0.1 == .no }.map(\.0.text)
                return Item(id: id, title: r.measure.title, severity: r.measure.severity.rawValue,
                            missing: failing.joined(separator: "; "), hasMissing: !failing.isEmpty)
            }
        }
        func changes(_ ids: [String], _ e: Comparison.Entry) -> [Change] {
            ids.compactMap { id in
                guard let a = e.from.results.first(where: { $0.id == id }), let b = e.to.results.first(where: { $0.id == id }) else { return nil }
                func state(_ r: Assessment.MeasureResult) -> String {
                    "\(r.status.words)" + (r.score.map { ", \(GapReportView.percent($0))" } ?? "")
                }
                let before = Dictionary(zip(a.measure.requires, a.checks).map { ($0.0.id, $0.1) }, uniquingKeysWith: { x, _ in x })
                var moved: [String] = []
                for (check, result) in zip(b.measure.requires, b.checks) {
                    let was = before[check.id]
                    if was == nil { moved.append("new check: \(check.text) (\(result.checkWords))") }
                    else if was != result { moved.append("\(check.text): \(was!.checkWords) → \(result.checkWords)") }
                }
                for check in a.measure.requires where !b.measure.requires.contains(where: { $0.id == check.id }) {
                    moved.append("check dropped: \(check.text)")
                }
                return Change(id: id, title: b.measure.title, severity: b.measure.severity.rawValue, before: state(a), after: state(b),
                              checks: moved.joined(separator: "; "), hasChecks: !moved.isEmpty)
            }
        }
        services = c.entries.enumerated().map { i, e in
            let fs = e.from.summary.score, ts = e.to.summary.score
            // A score with undecided checks is a range (what is proven, up to what would be if
            // every unknown held), shown as the portfolio shows it; the change is then the change
            // in what is proven, and a side with nothing decided has no change to give.
            let bars = (ScoreBar(e.from.summary, width: Self.barMax), ScoreBar(e.to.summary, width: Self.barMax))
            let ranged = bars.0.hasRange || bars.1.hasRange
            let delta: String
            if fs != nil, ts != nil, e.from.summary.decidedWeight == 0 || e.to.summary.decidedWeight == 0 {
                delta = "undecided: nothing declared decides it"
            } else if let fs, let ts {
                // From the whole percentages shown, so the change always matches the figures beside it.
                let shown = { (x: Double) in Int((x * 100).rounded()) }
                let d = shown(ts) - shown(fs)
                let change = d != 0 ? "\(d > 0 ? "+" : "")\(d) point\(abs(d) == 1 ? "" : "s")"
                    : ts == fs ? "no change" : ts < fs ? "down, less than 1 point" : "up, less than 1 point"
                delta = ranged ? change + " in what is proven" : change
            } else {
                delta = fs == nil && ts == nil ? "no score" : "n/a"
            }
            let y = 28 + i * Self.rowHeight
            let fw = Int(((fs ?? 0) * Double(Self.barMax)).rounded()), tw = Int(((ts ?? 0) * Double(Self.barMax)).rounded())
            return Service(
                service: VisibleText.oneLine(e.from.service), file: e.from.file, stem: scored[e.from.file]?.stem ?? ReportFile.stem(e.from.file),
                scored: scored[e.from.file]?.note ?? "", hasScored: scored[e.from.file] != nil,
                fromScore: bars.0.short, toScore: bars.1.short, delta: delta,
                newlyApplicable: items(e.newlyApplicable, e.to), newlyCount: e.newlyApplicable.count,
                noLongerApplicable: items(e.noLongerApplicable, e.from), hasNoLonger: !e.noLongerApplicable.isEmpty,
                newGaps: items(e.newGaps, e.to), newGapCount: e.newGaps.count, newCritical: e.newCriticalGaps.count,
                closedGaps: items(e.closedGaps, e.from), closedCount: e.closedGaps.count,
                worsened: changes(e.worsened, e), improved: changes(e.improved, e), otherChanges: changes(e.otherChanges, e),
                hasWorsened: !e.worsened.isEmpty, hasImproved: !e.improved.isEmpty, hasOther: !e.otherChanges.isEmpty,
                changedCount: e.worsened.count + e.improved.count + e.otherChanges.count,
                unaffected: e.unaffected,
                hasNewly: !e.newlyApplicable.isEmpty, hasNewGaps: !e.newGaps.isEmpty, hasClosed: !e.closedGaps.isEmpty,
                y: y, labelY: y + 20, fromWidth: fw, toWidth: tw, fromY: y + 4, toY: y + 22,
                fromTextX: 186 + fw, toTextX: 186 + tw, fromTextY: y + 16, toTextY: y + 34)
        }
        chartHeight = 28 + n * Self.rowHeight + 48
        legendY = 28 + n * Self.rowHeight + 10
        legendY2 = legendY + 18
        self.inputs = inputs.map { GapReportView.Input(role: $0.role, file: $0.file, sha256: $0.sha256) }
        generator = "safetycode \(SafetyCode.version)"
        sources = SourcesLine(c.to.measures)
        statusNote = c.from.header.status == c.to.header.status
            ? "Both codes are \(c.to.header.status.meaning)."
            : "\(c.from.header.shortTitle ?? c.from.header.title) is \(c.from.header.status.meaning); \(toName) is \(c.to.header.status.meaning)."
    }
}

extension Tri {
    /// A check's result in words: "met", "not met", "unknown".
    var checkWords: String {
        switch self {
        case .yes: "met"
        case .no: "not met"
        case .unknown: "unknown"
        }
    }
}
