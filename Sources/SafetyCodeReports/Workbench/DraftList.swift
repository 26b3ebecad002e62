import SafetyCodeCore

/// The saved drafts of a workspace (`Drafts/<id>.yaml`, half-filled questionnaires), listed where
/// a user starts a questionnaire (`/questionnaire`) so that a saved draft can be found and
/// resumed; its data is `/questionnaire.json` (format `safetycode.drafts/1`).
public struct DraftList: Sendable {
    /// One saved draft.
    public struct Entry: Sendable {
        /// The draft's id (its file's name without `.yaml`).
        public var id: String
        /// The service's name as typed so far ("" when none is typed yet).
        public var service: String
        /// The questionnaire's codes, `CODE_ID@VERSION`.
        public var codes: [String]
        /// The codes in words, as the page shows them (their short titles); the ids when not given.
        public var codeNames: [String]
        /// When it was saved, or nil when the file cannot be read.
        public var saved: Day?
        /// The URL that resumes it (nil when the file cannot be read).
        public var href: String?
        /// Why the file cannot be read (file:line:column: message), or "".
        public var problem: String

        /// Creates it from its parts.
        public init(id: String, service: String, codes: [String], codeNames: [String]? = nil, saved: Day?, href: String?, problem: String = "") {
            self.id = id
            self.service = service
            self.codes = codes
            self.codeNames = codeNames ?? codes
            self.saved = saved
            self.href = href
            self.problem = problem
        }
    }

    /// The drafts, most recently saved first (then by service name and id).
    public var entries: [Entry]

    /// The list, sorted.
    public init(_ entries: [Entry]) {
        self.entries = entries.sorted { a, b in
            let (da, db) = (a.saved?.description ?? "", b.saved?.description ?? "")
            if da != db { return da > db }
            return (a.service, a.id) < (b.service, b.id)
        }
    }

    struct Row {
        var id: String
        var service: String
        var named: Bool
        var codes: String
        var saved: String
        var href: String
        var ok: Bool
        var problem: String
    }

    struct View {
        var drafts: [Row]
        var hasDrafts: Bool
    }

    /// The section listing the drafts (`<section id="drafts">`), one row `id="draft-ID"` each
    /// with a link to resume it.
    public func html() -> String {
        let rows = entries.map { e in
            Row(id: e.id, service: e.service, named: !e.service.trimmingSpaces.isEmpty, codes: e.codeNames.joined(separator: "; "),
                saved: e.saved?.long ?? "", href: e.href ?? "", ok: e.href != nil, problem: e.problem)
        }
        return Templates.render(View(drafts: rows, hasDrafts: !rows.isEmpty), "wb.drafts")
    }

    /// The list as JSON (`safetycode.drafts/1`).
    public func json() -> String {
        JSON.object([
            ("format", .string("safetycode.drafts/1")),
            ("drafts", .array(entries.map { e in
                .object([("id", .string(e.id)), ("service", e.service.isEmpty ? .null : .string(e.service)),
                         ("codes", .array(e.codes.map { .string($0) })), ("saved", e.saved.map { .string($0.description) } ?? .null),
                         ("href", e.href.map { .string($0) } ?? .null), ("problem", e.problem.isEmpty ? .null : .string(e.problem))])
            })),
        ]).serialized() + "\n"
    }
}
