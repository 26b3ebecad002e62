import SafetyCodeCore

/// The portfolio (`/`): every service by every code, with the score range, critical gaps, risk
/// challenges and the date of the last submission; filtered by lens, severity and code.
public struct PortfolioPage: Sendable {
    /// One service: its latest submission's assessment under each code shown (nil: it could not be assessed).
    public struct Service: Sendable {
        /// The service's report name (its top-level file's stem).
        public var stem: String
        /// The service's name.
        public var name: String
        /// The provider, or empty.
        public var provider: String
        /// The latest submission's date, "undated" when it has none.
        public var lastDate: String
        /// How many submissions the service has.
        public var versions: Int
        /// One cell per code shown.
        public var cells: [ScoreCell?]
        /// The latest submission is dated after the assessment date (a plan, or a wrong date).
        public var isFuture: Bool

        /// Creates it from its parts.
        public init(stem: String, name: String, provider: String, lastDate: String, versions: Int, cells: [ScoreCell?], isFuture: Bool = false) {
            self.isFuture = isFuture
            self.stem = stem
            self.name = name
            self.provider = provider
            self.lastDate = lastDate
            self.versions = versions
            self.cells = cells
        }
    }

    /// A code shown: "ofcom-icu-u2u@1" and its title.
    public struct Column: Sendable {
        /// The code as routes name it, `CODE_ID@VERSION`.
        public var ref: String
        /// The words shown.
        public var label: String
        /// The code's title.
        public var title: String
        /// The code is not in force (a proposal, campaigners' asks), and its cells score every
        /// measure as if it were.
        public var asIfInForce: Bool
        /// The code's status in words ("proposed", "laid").
        public var status: String

        /// Creates it from its parts.
        public init(ref: String, label: String, title: String, asIfInForce: Bool = false, status: String = "") {
            self.ref = ref
            self.label = label
            self.title = title
            self.asIfInForce = asIfInForce
            self.status = status
        }
    }

    /// The services, in name order.
    public var services: [Service]
    /// The codes shown.
    public var columns: [Column]
    /// The lenses to choose from.
    public var lenses: [WorkbenchPage.Option]
    /// The codes to choose from.
    public var codes: [WorkbenchPage.Option]
    /// The severity filter ("" for none): only services with a gap of this severity are listed.
    public var severity: String
    /// The lens's title, or empty.
    public var lensTitle: String
    /// The date the assessments are made as of.
    public var asOf: Day
    /// The page of rows shown, from 1 (the JSON lists every service).
    public var page: Int
    /// The query the page was asked with, without `page` (`lens=…&code=…`), for the page links.
    public var query: String

    /// How many services a page of the table shows: a portfolio of hundreds of services is read a
    /// hundred rows at a time (a single table of 1,000 services by six codes is 1.3 MB of HTML).
    public static let perPage = 100

    /// Creates it from its parts.
    public init(services: [Service], columns: [Column], lenses: [WorkbenchPage.Option], codes: [WorkbenchPage.Option],
                severity: String, lensTitle: String, asOf: Day, page: Int = 1, query: String = "") {
        self.services = services
        self.columns = columns
        self.lenses = lenses
        self.codes = codes
        self.severity = severity
        self.lensTitle = lensTitle
        self.asOf = asOf
        self.page = page
        self.query = query
    }

    /// How many pages `services` rows fill (at least one, when there are none).
    public static func pageCount(_ services: Int) -> Int { max(1, (services + perPage - 1) / perPage) }

    /// How many pages the services the filters keep fill.
    public var pageCount: Int { Self.pageCount(shown.count) }

    struct CellView {
        var ok: Bool
        var href: String
        var range: String
        var tone: String
        var mark: String
        var critical: String
        var challenges: String
        var severityGaps: String
        var hasSeverityGaps: Bool
        /// The column's code is scored as if in force.
        var asIfInForce: Bool = false
    }

    struct RowView {
        var stem: String
        var name: String
        var provider: String
        var hasProvider: Bool
        var lastDate: String
        var versions: String
        var isFuture: Bool
        var cells: [CellView]
    }

    struct PageLink {
        var label: String
        var href: String
        var current: Bool
    }

    struct View {
        var rows: [RowView]
        var pages: [PageLink]
        var hasPages: Bool
        var previous: String
        var hasPrevious: Bool
        var next: String
        var hasNext: Bool
        var columns: [Column]
        var lenses: [WorkbenchPage.Option]
        var severities: [WorkbenchPage.Option]
        var codes: [WorkbenchPage.Option]
        var sentence: String
        var hasRows: Bool
        /// Says which columns are scored as if in force, and what that means (empty when none).
        var asIfInForceNote: String
        var hasAsIfInForceNote: Bool
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// The rows a severity filter keeps.
    var shown: [Service] {
        guard !severity.isEmpty else { return services }
        return services.filter { s in s.cells.contains { ($0?.gapsBySeverity[severity] ?? 0) > 0 } }
    }

    /// The page body.
    public func body() -> String {
        let all = shown
        // A page past the last the filters leave (a hand-made address) shows the last, and says so.
        let page = min(max(self.page, 1), pageCount)
        let first = min(max(page - 1, 0) * Self.perPage, all.count)
        let slice = all[first..<min(first + Self.perPage, all.count)]
        let rows = slice.map { s in
            RowView(stem: s.stem, name: s.name, provider: s.provider, hasProvider: !s.provider.isEmpty, lastDate: s.lastDate,
                    versions: Self.plural(s.versions, "submission"), isFuture: s.isFuture,
                    cells: zip(s.cells, columns).map { cell, column in
                        guard let c = cell else {
                            return CellView(ok: false, href: "", range: "", tone: "", mark: "", critical: "", challenges: "", severityGaps: "", hasSeverityGaps: false)
                        }
                        let n = c.gapsBySeverity[severity] ?? 0
                        return CellView(ok: true, href: "/services/\(s.stem)/\(column.ref)", range: c.range, tone: c.tone, mark: c.mark,
                                        critical: Self.plural(c.critical, "critical gap"), challenges: Self.plural(c.challenges, "risk challenge"),
                                        severityGaps: "\(n) \(severity) gap\(n == 1 ? "" : "s")", hasSeverityGaps: !severity.isEmpty,
                                        asIfInForce: column.asIfInForce)
                    })
        }
        let severities = [WorkbenchPage.Option(value: "", label: "any severity", selected: severity.isEmpty)]
            + Severity.allCases.map { WorkbenchPage.Option(value: $0.rawValue, label: "with \($0.rawValue) gaps", selected: $0.rawValue == severity) }
        var sentence = "\(Self.plural(all.count, "service")) against \(Self.plural(columns.count, "code")), assessed as of \(asOf.long)"
        if !lensTitle.isEmpty { sentence += "; lens: \(lensTitle)" }
        if !severity.isEmpty { sentence += "; services with \(severity) gaps only" }
        sentence += "."
        let count = pageCount
        if count > 1 { sentence += " Services \(first + 1) to \(first + rows.count) are shown (page \(page) of \(count))." }
        func href(_ n: Int) -> String {
            let rest = [query, n == 1 ? "" : "page=\(n)"].filter { !$0.isEmpty }.joined(separator: "&")
            return rest.isEmpty ? "/" : "/?" + rest
        }
        let links = count > 1 ? (1...count).map { PageLink(label: "\($0)", href: href($0), current: $0 == page) } : []
        let asIf = columns.filter(\.asIfInForce).map(\.label)
        let note = asIf.isEmpty ? "" : "Columns marked \"if in force\" (\(asIf.joined(separator: "; "))) are codes not yet in force: their cells score every measure as if it were in force, as the comparison does, so they show what the proposals would ask. The assessment each cell links to counts only what is in force on \(asOf.long), so its score can differ."
        let view = View(rows: rows, pages: links, hasPages: count > 1, previous: href(max(page - 1, 1)), hasPrevious: page > 1, next: href(min(page + 1, count)), hasNext: page < count,
                        columns: columns, lenses: lenses, severities: severities, codes: codes, sentence: sentence, hasRows: !rows.isEmpty,
                        asIfInForceNote: note, hasAsIfInForceNote: !note.isEmpty)
        return Templates.render(view, "wb.portfolio")
    }

    /// The page's data: `safetycode.portfolio/1`.
    public func json() -> String {
        let list: [JSON] = shown.map { s in
            .object([
                ("stem", .string(s.stem)), ("service", .string(s.name)), ("provider", .string(s.provider.isEmpty ? nil : s.provider)),
                ("last_submission", .string(s.lastDate)), ("submissions", .integer(s.versions)),
                ("codes", .array(zip(s.cells, columns).map { cell, column in
                    .object([
                        ("code", .string(column.ref)),
                        ("as_if_in_force", .bool(column.asIfInForce)),
                        ("score", cell?.score.map { JSON.number($0) } ?? .null),
                        ("score_upper", cell?.scoreUpper.map { JSON.number($0) } ?? .null),
                        ("gaps", cell.map { .integer($0.gaps) } ?? .null),
                        ("critical_gaps", cell.map { .integer($0.critical) } ?? .null),
                        ("risk_challenges", cell.map { .integer($0.challenges) } ?? .null),
                        ("undecided", cell.map { .integer($0.undecided) } ?? .null),
                    ])
                })),
            ])
        }
        return JSON.object([("format", .string("safetycode.portfolio/1")), ("as_of", .string(asOf.description)),
                            ("lens", .string(lensTitle.isEmpty ? nil : lensTitle)), ("severity", .string(severity.isEmpty ? nil : severity)),
                            ("services", .array(list))]).serialized() + "\n"
    }
}
