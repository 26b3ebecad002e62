import Foundation
import Hummingbird
import NIOCore
import SafetyCodeCore
import SafetyCodeReports
import Synchronization
import YAMLTree

/// The routes and what they answer. Every page is rendered by SafetyCodeReports from the
/// workspace's snapshot; rendered pages are cached by the digests of what they were made from.
final class Pages: Sendable {
    let workspace: Workspace
    /// What rendered forms carry in their `csrf` field: a random placeholder for this run, which
    /// ``CSRFMiddleware`` replaces in each response by the browser session's own token, so a
    /// cached page serves every session.
    let csrf: String
    let fixedAsOf: Day?
    /// Rendered pages, by route and input digests.
    let rendered = Cache()
    /// One finding written at a time: the stale check and the write are one step.
    let writing = Mutex(())

    init(_ c: Workbench.Configuration) {
        workspace = Workspace(root: c.workspace, watch: c.watch)
        csrf = Pages.randomToken()
        fixedAsOf = c.asOf
    }

    /// 128 random bits in hex: the CSRF token, which every finding form repeats (a couple of
    /// hundred on an assessment page), so no longer than it needs to be.
    static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }

    /// The date assessments are made as of: fixed, or today in UTC.
    var asOf: Day {
        if let fixedAsOf { return fixedAsOf }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Self.day(epochDays: Int(now.tv_sec) >= 0 ? Int(now.tv_sec) / 86400 : (Int(now.tv_sec) - 86399) / 86400)
    }

    /// The date `days` days after 1 January 1970 (proleptic Gregorian; H. Hinnant's
    /// `civil_from_days`), without a calendar or time zone lookup on every request.
    static func day(epochDays days: Int) -> Day {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    // MARK: Responses

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        buffer(status, ByteBuffer(string: text), type: "text/html; charset=utf-8")
    }

    /// The fields of a page of each type: its type and the security headers, made once.
    static let fieldsByType: [String: HTTPFields] = Dictionary(uniqueKeysWithValues: [
        "text/html; charset=utf-8", "application/json; charset=utf-8", "text/css; charset=utf-8", "text/plain; charset=utf-8",
    ].map { type in
        var fields: HTTPFields = [.contentType: type]
        fields.append(contentsOf: SecurityHeadersMiddleware.headers)
        return (type, fields)
    })

    static func buffer(_ status: HTTPResponse.Status, _ buffer: ByteBuffer, type: String) -> Response {
        Response(status: status, headers: fieldsByType[type] ?? [.contentType: type], body: .init(byteBuffer: buffer))
    }

    static func json(_ text: String) -> Response { buffer(.ok, ByteBuffer(string: text), type: "application/json; charset=utf-8") }

    static func redirect(_ location: String) -> Response { Response(status: .seeOther, headers: [.location: location]) }

    static func escapeQuery(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A name taken from the request, cut to 80 characters (as the CLI cuts excerpts) so a page
    /// does not repeat a huge address back.
    static func cut(_ name: String) -> String {
        name.count <= 80 ? name : String(name.prefix(79)) + "…"
    }

    /// Why a code asked for is not there: none of that name, or one left out for the errors listed.
    static func noCode(_ ref: String, _ snap: Snapshot) -> String {
        snap.codeProblems.isEmpty
            ? "There is no code '\(cut(ref))' in this workspace's Codes folder."
            : "There is no code '\(cut(ref))' among the codes of this workspace that could be read: a code whose files have errors (listed on this page) is left out until they are fixed."
    }

    /// The 404 for a service not found; when a submission file of that report name is a symbolic
    /// link, it says so (the portfolio names it as left out) and lists that problem.
    func noService(_ snap: Snapshot, _ stem: String) -> Response {
        let linked = snap.links.sorted().filter { $0.hasPrefix("Submissions/") && ReportFile.stem($0) == stem }
        guard let file = linked.first else { return notFound("There is no service '\(Self.cut(stem))' in this workspace.") }
        return notFound("There is no service '\(Self.cut(stem))' in this workspace: its file \(file) is a symbolic link, which the workbench does not follow, so it is left out. Put the file itself there.",
                        problems: linked.compactMap { snap.linkProblem($0) })
    }

    func notFound(_ what: String, problems: [WorkbenchPage.Problem] = []) -> Response {
        Self.html(.notFound, WorkbenchPage.message(title: "Not found", message: what, problems: problems))
    }

    /// A page from the cache, or made and kept.
    func cached(_ key: String, json: Bool, _ make: () -> String) -> Response {
        let buffer: ByteBuffer = rendered.value(key) { ByteBuffer(string: make()) }
        return Self.buffer(.ok, buffer, type: json ? "application/json; charset=utf-8" : "text/html; charset=utf-8")
    }

    /// A path parameter, percent-decoded, and whether it ended in `.json`.
    static func parameter(_ context: WorkbenchContext, _ name: String) -> (String, Bool) {
        let raw = FormData.decodePath(Substring(context.parameters.get(name) ?? ""))
        return raw.hasSuffix(".json") ? (String(raw.dropLast(5)), true) : (raw, false)
    }

    static func query(_ request: Request) -> FormData { FormData(Substring(request.uri.query ?? "")) }

    // MARK: Routes

    func addBasics(to router: RouteRecorder) {
        let ok = ByteBuffer(string: "ok\n")
        router.get("/healthz") { _, _ in Pages.buffer(.ok, ok, type: "text/plain; charset=utf-8") }
        let css = ByteBuffer(string: WorkbenchPage.styleSheet)
        router.get("/static/app.css") { _, _ in Pages.buffer(.ok, css, type: "text/css; charset=utf-8") }
    }

    func addPortfolio(to router: RouteRecorder) {
        for path in ["/", "/index.json", "/.json"] {
            router.get(RouterPath(path)) { [self] request, context in
                portfolio(context.snapshot!, Self.query(request), json: path.hasSuffix(".json"))
            }
        }
    }

    func addServices(to router: RouteRecorder) {
        router.get("/services/:stem") { [self] _, context in
            let (stem, json) = Self.parameter(context, "stem")
            return service(context.snapshot!, stem, json: json)
        }
        router.get("/services/:stem/:ref") { [self] _, context in
            let (stem, _) = Self.parameter(context, "stem")
            let (ref, json) = Self.parameter(context, "ref")
            return assessment(context.snapshot!, stem, ref, json: json)
        }
        router.post("/services/:stem/:ref") { [self] _, context in
            let (stem, _) = Self.parameter(context, "stem")
            let (ref, _) = Self.parameter(context, "ref")
            return postFinding(context.snapshot!, stem, ref, context.form)
        }
        addVersions(to: router)
    }

    func addAdvocates(to router: RouteRecorder) {
        for kind in ["compare", "diff"] {
            for json in [false, true] {
                router.get(RouterPath("/\(kind)\(json ? ".json" : "")")) { [self] request, context in
                    advocate(kind, context.snapshot!, Self.query(request), json: json)
                }
            }
        }
    }

    // MARK: Portfolio

    func lensOptions(_ snap: Snapshot, selected: String) -> [WorkbenchPage.Option] {
        var seen: Set<String> = []
        var out = [WorkbenchPage.Option(value: "", label: "all measures", selected: selected.isEmpty)]
        for c in snap.codes {
            for l in c.code.vocabulary.lenses where seen.insert(l.name).inserted {
                out.append(WorkbenchPage.Option(value: l.name, label: l.title, selected: l.name == selected))
            }
        }
        return out
    }

    func portfolio(_ snap: Snapshot, _ q: FormData, json: Bool) -> Response {
        let lenses = Set(snap.codes.flatMap { $0.code.vocabulary.lenses.map(\.name) })
        let lens = q["lens"].flatMap { lenses.contains($0) ? $0 : nil } ?? ""
        let severity = q["severity"].flatMap { Severity(rawValue: $0) }?.rawValue ?? ""
        let code = q["code"].flatMap { snap.code($0) }?.ref ?? ""
        // A filter naming nothing of this workspace is refused, not silently dropped (the form's own
        // "all" choices send an empty value).
        for (name, given, known) in [("lens", q["lens"] ?? "", !lens.isEmpty), ("severity", q["severity"] ?? "", !severity.isEmpty), ("code", q["code"] ?? "", !code.isEmpty)]
        where !given.isEmpty && !known {
            return notFound("The portfolio has no \(name) '\(Self.cut(given))' to filter by: choose one from the form.")
        }
        // The page of the table (the JSON lists every service): a whole number from 1 to the last.
        var page = 1
        if let given = q["page"], !json {
            guard let n = Int(given), n >= 1, n <= PortfolioPage.pageCount(snap.services.count) else {
                return notFound("The portfolio has no page '\(Self.cut(given))': pages are numbered from 1, \(PortfolioPage.perPage) services to a page.")
            }
            page = n
        }
        let query = [("lens", lens), ("severity", severity), ("code", code)].filter { !$0.1.isEmpty }
            .map { "\($0.0)=\(Self.escapeQuery($0.1))" }.joined(separator: "&")
        let asOf = asOf
        return cached("portfolio|\(snap.key)|\(asOf)|\(lens)|\(severity)|\(code)|\(page)|\(json)", json: json) {
            let columns = snap.codes.filter { code.isEmpty || $0.ref == code }
            var problems = snap.problems
            var seen = Set(problems.map { "\($0.place) \($0.message)" })
            // The cells on every core (each is cached on its own), then the page in order.
            // A code not yet in force (a proposal, campaigners' asks) is scored as if in force, as the
            // comparison and the CLI's index score it: counting only its measures in force would
            // read the same as the code in force.
            let grid = Self.concurrentMap(snap.services) { s in
                columns.map { c in snap.cell(s.latest, c, lens: lens, asOf: asOf, asIfInForce: IndexRow.showsAsIfInForce(c.code)) }
            }
            let services = zip(snap.services, grid).map { s, cells in
                PortfolioPage.Service(stem: s.stem, name: s.name, provider: s.provider, lastDate: s.latest.date?.description ?? "undated",
                                      versions: s.versions.count, cells: cells.map { cell in
                                          for p in cell.problems where p.severity == "error" && seen.insert("\(p.place) \(p.message)").inserted {
                                              problems.append(p)
                                          }
                                          return cell.cell
                                      }, isFuture: s.latest.date.map { $0 > asOf } ?? false)
            }
            let lensTitle = snap.codes.lazy.compactMap { $0.code.vocabulary.lens(lens) }.first?.title ?? ""
            let page = PortfolioPage(
                services: services,
                columns: columns.map { .init(ref: $0.ref, label: $0.code.header.shortTitle ?? $0.code.header.title, title: $0.code.header.title,
                                             asIfInForce: IndexRow.showsAsIfInForce($0.code), status: $0.code.header.status.words) },
                lenses: lensOptions(snap, selected: lens),
                codes: [WorkbenchPage.Option(value: "", label: "every code", selected: code.isEmpty)]
                    + snap.codes.map { WorkbenchPage.Option(value: $0.ref, label: $0.code.name, selected: $0.ref == code) },
                severity: severity, lensTitle: lensTitle, asOf: asOf, page: page, query: query)
            return json ? page.json() : WorkbenchPage.layout(title: "Portfolio", body: page.body(), problems: problems)
        }
    }

    /// `transform` of each element, the elements shared out among the cores; in order.
    static func concurrentMap<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        guard items.count > 1 else { return items.map(transform) }
        let out = Mutex([U?](repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            let u = transform(items[i])
            out.withLock { $0[i] = u }
        }
        return out.withLock { $0.map { $0! } }
    }

    // MARK: Service

    func service(_ snap: Snapshot, _ stem: String, json: Bool) -> Response {
        guard let s = snap.service(stem) else { return noService(snap, stem) }
        let asOf = asOf
        return cached("service|\(snap.key)|\(asOf)|\(stem)|\(json)", json: json) {
            var problems = snap.codeProblems
            var latest: [ServicePage.Latest] = []
            var histories: [JSON] = []
            for c in snap.codes {
                let assessed = snap.assess(s.latest, c, asOf: asOf)
                for p in assessed.problems where !problems.contains(p) { problems.append(p) }
                guard let a = assessed.assessment else { continue }
                var points: [History.Point] = []
                var inputs: [ReportInput] = []
                for v in s.versions {
                    guard let b = snap.assess(v, c, asOf: asOf).assessment else { continue }
                    points.append(History.Point(assessment: b, sha256: v.sha256))
                    inputs.append(ReportInput(role: "submission", file: v.path, sha256: v.sha256))
                    if let r = v.reviewPath { inputs.append(ReportInput(role: "review", file: r, sha256: v.reviewSHA)) }
                }
                inputs += ReportInput.of(c.code)
                let history = History(code: c.code, points: points)
                histories.append(HistoryReport.json(history, inputs: inputs))
                latest.append(ServicePage.Latest(ref: c.ref, assessment: a, history: points.count > 1 ? history : nil, historyInputs: inputs))
            }
            if json {
                return JSON.object([
                    ("format", .string("safetycode.service/1")), ("stem", .string(s.stem)), ("service", .string(s.name)),
                    ("versions", .array(s.versions.map { v in
                        .object([("file", .string(v.path)), ("stem", .string(v.stem)), ("sha256", .string(v.sha256)),
                                 ("date", v.date.map { .string($0.description) } ?? .null), ("review", v.reviewPath.map { .string($0) } ?? .null),
                                 ("assessments", .array(snap.codes.map { .string(Self.assessmentPath(s.stem, v.stem, $0.ref) + ".json") }))])
                    })),
                    ("assessments", .array(latest.map { .string("/services/\(s.stem)/\($0.ref).json") })),
                    ("histories", .array(histories)),
                ]).serialized() + "\n"
            }
            let codes = snap.codes.map { "code=\(Self.escapeQuery($0.ref))" }.joined(separator: "&")
            let page = ServicePage(
                stem: s.stem, name: s.name, provider: s.provider,
                versions: s.versions.reversed().map { v in
                    .init(file: v.path, date: v.date?.description ?? "undated", sha256: v.sha256, review: v.reviewPath ?? "",
                          assessments: snap.codes.map { .init(href: Self.assessmentPath(s.stem, v.stem, $0.ref), label: $0.code.header.shortTitle ?? $0.code.header.title,
                                                             title: "\($0.code.header.title) (\($0.ref))") },
                          isLatest: v.path == s.latest.path, futureOf: v.date.flatMap { $0 > asOf ? asOf : nil })
                },
                latest: latest, newVersionHref: "/questionnaire?\(codes)&service=\(Self.escapeQuery(s.stem))")
            return WorkbenchPage.layout(title: s.name, body: page.body(), problems: problems)
        }
    }

    // MARK: Assessment

    func assessment(_ snap: Snapshot, _ stem: String, _ ref: String, json: Bool, version: String? = nil, typed: AssessmentPage.Typed? = nil,
                    errors: [FindingEntry.FieldError] = [], stale: Bool = false, refused: String = "", status: HTTPResponse.Status = .ok) -> Response {
        guard let (s, v) = snap.version(stem, version) else { return noService(snap, stem) }
        guard let c = snap.code(ref) else { return notFound(Self.noCode(ref, snap), problems: snap.codeProblems) }
        let asOf = asOf
        let path = Self.assessmentPath(stem, version, c.ref)
        // A review file that is a symbolic link is left out: the page says so, as the portfolio does.
        let linkedReview = snap.linkProblem("Reviews/\(v.stem).yaml")
        func make() -> String {
            var assessed = snap.assess(v, c, asOf: asOf)
            if let linkedReview { assessed.problems.insert(linkedReview, at: 0) }
            guard let a = assessed.assessment else {
                if json {
                    return JSON.object([("format", .string("safetycode.problems/1")), ("problems", .array(assessed.problems.map {
                        .object([("place", .string($0.place)), ("severity", .string($0.severity)), ("message", .string($0.message))])
                    }))]).serialized() + "\n"
                }
                return WorkbenchPage.message(title: "\(s.name) cannot be assessed",
                                             message: "\(v.path) could not be read against \(c.ref): see the problems above; the page shows the assessment again once the file is fixed.",
                                             problems: assessed.problems)
            }
            if json { return GapReport.render(a, format: .json, submissionSHA: v.sha256, inputs: snap.inputs(c, v)) }
            let page = AssessmentPage(assessment: a, submissionSHA: v.sha256, inputs: snap.inputs(c, v),
                                      csrf: csrf, base: v.reviewSHA, reviewFile: "Reviews/\(v.stem).yaml", typed: typed, errors: errors, stale: stale, refused: refused)
            return WorkbenchPage.layout(title: "\(s.name) against \(c.code.name)", body: page.body(note: versionNote(s, v, c)), problems: assessed.problems)
        }
        if typed == nil && !stale && errors.isEmpty && refused.isEmpty {
            return cached("assessment|\(path)|\(v.path)|\(v.sha256)|\(v.reviewSHA)|\(linkedReview != nil)|\(snap.codesKey)|\(c.ref)|\(asOf)|\(json)", json: json, make)
        }
        return Self.html(status, make())
    }

    func postFinding(_ snap: Snapshot, _ stem: String, _ ref: String, _ form: FormData, version: String? = nil) -> Response {
        guard let (_, v) = snap.version(stem, version), let c = snap.code(ref) else { return notFound("There is no such assessment in this workspace.") }
        guard let kind = FindingEntry.Kind(rawValue: form["kind"] ?? "") else {
            return Self.html(.badRequest, WorkbenchPage.message(title: "Bad request", message: "A finding is on a measure or a fact."))
        }
        let typed = AssessmentPage.Typed(kind: kind.rawValue, target: form["target"] ?? "", decision: form["decision"] ?? "", value: form["value"] ?? "",
                                         reason: form["reason"] ?? "", reviewer: form["reviewer"] ?? "", expires: form["expires"] ?? "")
        if kind == .measure && c.code.index(of: typed.target) == nil {
            return Self.html(.badRequest, WorkbenchPage.message(title: "Bad request", message: "\(c.ref) has no measure '\(Self.cut(typed.target))'."))
        }
        if kind == .fact && c.code.vocabulary.fact(typed.target) == nil {
            return Self.html(.badRequest, WorkbenchPage.message(title: "Bad request", message: "The vocabulary has no fact '\(Self.cut(typed.target))'."))
        }
        // Accepting or rejecting an alternative only where the submission claims one for the measure.
        if kind == .measure, let d = Review.Decision(rawValue: typed.decision), d.isAboutAlternative,
           let submission = snap.assess(v, c, asOf: asOf).assessment?.submission, submission.alternative(for: typed.target) == nil {
            let why = "the submission claims no alternative measure for \(typed.target), so there is no alternative to accept or reject: "
                + "choose 'not evidenced' or 'note'"
            return assessment(snap, stem, ref, json: false, version: version, typed: typed, errors: [.init(field: "decision", message: why)],
                              status: .unprocessableContent)
        }
        let reviewPath = "Reviews/\(v.stem).yaml"
        let base = form["base"] ?? ""
        // `conflict`: the review file (or its folder) is not one the workbench writes (a symbolic
        // link, a folder, unreadable): 409, the state of the workspace is in the way of the request,
        // which is well formed (not 422) and succeeds once the file is put right.
        enum Outcome { case stale, invalid([FindingEntry.FieldError]), conflict(String), refused(String), written }
        let outcome: Outcome = writing.withLock { _ in
            let disk = workspace.disk(reviewPath)
            var st = stat()
            let exists = lstat(disk, &st) == 0
            if exists && st.st_mode & S_IFMT == S_IFLNK {
                return .conflict("\(reviewPath) is a symbolic link, which the workbench does not follow or replace: put the review file itself there, then save again")
            }
            if exists && st.st_mode & S_IFMT != S_IFREG { return .conflict("\(reviewPath) is not a regular file: put the review file itself there, then save again") }
            var dst = stat()
            if lstat(workspace.disk("Reviews"), &dst) == 0 && dst.st_mode & S_IFMT != S_IFDIR { return .conflict("Reviews is not a folder") }
            let current = exists ? Workspace.readFile(disk) : nil
            if exists && current == nil { return .conflict("\(reviewPath) cannot be read") }
            let now = current.map(Workspace.hex) ?? ""
            guard now == base else { return .stale }
            let entry = FindingEntry(kind: kind, target: typed.target, decision: typed.decision, value: typed.value, reason: typed.reason,
                                     reviewer: typed.reviewer, date: asOf, expires: typed.expires)
            switch entry.added(to: current.map { String(decoding: $0, as: UTF8.self) }, file: reviewPath, submission: v.path,
                               submissionSHA: v.sha256, vocabulary: c.code.vocabulary) {
            case .invalid(let errors): return .invalid(errors)
            case .text(let text):
                do {
                    try ReportFile.write(text, to: disk)
                    return .written
                } catch let error as DiagnosticError {
                    return .refused(error.diagnostics.map(\.message).joined(separator: "; "))
                } catch {
                    return .refused("\(error)")
                }
            }
        }
        let anchor = "\(kind == .measure ? "measure" : "fact")-\(Slug.of(typed.target))"
        switch outcome {
        case .written:
            return Self.redirect("\(Self.assessmentPath(stem, version, c.ref))#\(anchor)")
        case .stale:
            return assessment(workspace.snapshot(), stem, ref, json: false, version: version, typed: typed, stale: true, status: .conflict)
        case .invalid(let errors):
            return assessment(snap, stem, ref, json: false, version: version, typed: typed, errors: errors, status: .unprocessableContent)
        case .conflict(let why):
            return assessment(snap, stem, ref, json: false, version: version, typed: typed, refused: why, status: .conflict)
        case .refused(let why):
            return assessment(snap, stem, ref, json: false, version: version, typed: typed, refused: why, status: .internalServerError)
        }
    }

    // MARK: Compare and diff

    func advocate(_ kind: String, _ snap: Snapshot, _ q: FormData, json: Bool) -> Response {
        let from = q["from"] ?? "", to = q["to"] ?? ""
        let lenses = Set(snap.codes.flatMap { $0.code.vocabulary.lenses.map(\.name) })
        let lens = q["lens"].flatMap { lenses.contains($0) ? $0 : nil } ?? ""
        let asOf = asOf
        let a = snap.code(from), b = snap.code(to)
        // Unknown values are refused before they reach a cache key (made of resolved values only).
        if (json && (a == nil || b == nil)) || (!from.isEmpty && a == nil) || (!to.isEmpty && b == nil) || (q["lens"].map { !$0.isEmpty && lens.isEmpty } ?? false) {
            let usage = "Give two code versions of this workspace: ?from=CODE_ID@VERSION&to=CODE_ID@VERSION (and, if any, one of its lenses)."
            // A code left out for errors in its files: say so, and list them, as the other pages do.
            guard let missing = [(from, a), (to, b)].first(where: { !$0.0.isEmpty && $0.1 == nil })?.0, !snap.codeProblems.isEmpty else { return notFound(usage) }
            return notFound(Self.noCode(missing, snap) + " " + usage, problems: snap.codeProblems)
        }
        return cached("\(kind)|\(snap.key)|\(asOf)|\(a?.ref ?? "")|\(b?.ref ?? "")|\(lens)|\(json)", json: json) {
            let filter = lens.isEmpty ? HarmFilter() : HarmFilter(lenses: [lens])
            var result: String?
            var message = ""
            var jsonText = ""
            if let a, let b {
                let codeInputs = ReportInput.of(a.code)
                var inputs = codeInputs + ReportInput.of(b.code).filter { !codeInputs.contains($0) }
                if kind == "diff" {
                    let whole = CodeDiff(from: a.code, to: b.code)
                    let d = filter.isEmpty ? whole : whole.filtered { filter.matches($0, b.code.vocabulary) }
                    jsonText = DiffReport.json(d, filter: filter).serialized() + "\n"
                    result = ReportBody.diff(d, inputs: inputs, filter: filter)
                } else if a.code.vocabulary.facts.map(\.path) != b.code.vocabulary.facts.map(\.path) {
                    message = "\(a.ref) and \(b.ref) use different vocabularies, so one submission cannot be read for both."
                    jsonText = JSON.object([("format", .string("safetycode.comparison/1")), ("error", .string(message))]).serialized() + "\n"
                } else {
                    var c = Comparison(from: a.code, to: b.code, filter: filter)
                    var digests: [String: String] = [:]
                    var scored: [String: ReportBody.Scored] = [:]
                    for s in snap.services {
                        // Each service's latest submission, as the portfolio and the service's page
                        // show it; the row keeps the service's report name, and says which it scored.
                        let v = s.latest
                        guard let doc = v.read.document else { continue }
                        let decoded: (Submission?, [Diagnostic]) = workspace.cache.value("decode|\(v.path)|\(v.sha256)|\(snap.codesKey)|\(b.code.vocabulary.file)") {
                            SubmissionReader.decode(doc, vocabulary: b.code.vocabulary)
                        }
                        guard let sub = decoded.0 else { continue }
                        let (x, y) = Comparison.assess(sub, from: a.code, to: b.code, asOf: asOf)
                        c.add(x, y)
                        digests[v.path] = v.sha256
                        let which = s.versions.count > 1 ? "its latest submission (of \(s.versions.count))" : "its only submission"
                        scored[v.path] = ReportBody.Scored(stem: s.stem, note: "Scored on \(which), dated \(v.date?.long ?? "undated"): \(v.path)")
                        inputs.append(ReportInput(role: "submission", file: v.path, sha256: v.sha256))
                    }
                    jsonText = DiffReport.json(c, digests: digests).serialized() + "\n"
                    result = ReportBody.compare(c, inputs: inputs, scored: scored)
                }
            } else if !from.isEmpty || !to.isEmpty {
                message = "Choose two code versions of this workspace."
            }
            if json { return jsonText }
            func options(_ selected: String) -> [WorkbenchPage.Option] {
                // The code's name in words; the value stays CODE_ID@VERSION, for links and scripts.
                snap.codes.map { WorkbenchPage.Option(value: $0.ref, label: $0.code.name, selected: $0.ref == selected) }
            }
            let page = AdvocatePage(kind: kind, from: options(from.isEmpty ? snap.codes.first?.ref ?? "" : from),
                                    to: options(to.isEmpty ? snap.codes.dropFirst().first?.ref ?? "" : to),
                                    lenses: lensOptions(snap, selected: lens), result: result, message: message)
            return WorkbenchPage.layout(title: page.title, body: page.body(), problems: snap.problems)
        }
    }
}
