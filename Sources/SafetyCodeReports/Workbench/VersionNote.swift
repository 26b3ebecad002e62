import SafetyCodeCore

/// The line at the top of an assessment page saying which of the service's submissions it
/// assesses: the latest, or an earlier one (with a link to the latest), and where findings
/// recorded on it go (each submission has its own review, `Reviews/<its report name>.yaml`).
public struct VersionNote: Sendable {
    /// The service's name.
    public var service: String
    /// The service's page.
    public var serviceHref: String
    /// The submission assessed: its file and its date (nil when undated).
    public var file: String
    /// Its `submission.date`.
    public var date: Day?
    /// How many submissions the service has.
    public var count: Int
    /// Whether it is the latest one.
    public var isLatest: Bool
    /// The latest submission's date (nil when undated).
    public var latestDate: Day?
    /// The latest submission's assessment under the same code.
    public var latestHref: String
    /// The review file findings recorded on this page go to.
    public var reviewFile: String

    /// Creates it from its parts.
    public init(service: String, serviceHref: String, file: String, date: Day?, count: Int, isLatest: Bool, latestDate: Day?,
                latestHref: String, reviewFile: String) {
        self.service = service
        self.serviceHref = serviceHref
        self.file = file
        self.date = date
        self.count = count
        self.isLatest = isLatest
        self.latestDate = latestDate
        self.latestHref = latestHref
        self.reviewFile = reviewFile
    }

    struct View {
        var which: String
        var file: String
        var isLatest: Bool
        var many: Bool
        var service: String
        var count: Int
        var latestDate: String
        var latestHref: String
        var serviceHref: String
        var reviewFile: String
    }

    static func dated(_ d: Day?) -> String { d.map { "of \($0.long)" } ?? "undated" }

    /// The note, as HTML.
    public func body() -> String {
        let which = !isLatest ? "an earlier submission of \(service), \(Self.dated(date))"
            : count == 1 ? "\(service)'s only submission, \(Self.dated(date))" : "\(service)'s latest submission, \(Self.dated(date))"
        let view = View(which: which, file: file, isLatest: isLatest, many: count > 1, service: service, count: count,
                        latestDate: Self.dated(latestDate), latestHref: latestHref, serviceHref: serviceHref, reviewFile: reviewFile)
        return Templates.render(view, "wb.version")
    }
}
