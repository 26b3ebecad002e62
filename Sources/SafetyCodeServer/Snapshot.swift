import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

/// The workspace at one moment: its codes, its services with their submissions and reviews,
/// and the problems found reading them. Made only when a file changed; what it computes
/// (decoded submissions, assessments) is memoised in the workspace's cache by input digests.
struct Snapshot: Sendable {
    /// A code of the workspace, named `CODE_ID@VERSION`.
    struct CodeEntry: Sendable {
        var ref: String
        var code: Code
    }

    /// One submission file.
    struct Version: Sendable {
        var path: String
        /// Its report name (SPEC section 4).
        var stem: String
        var sha256: String
        var read: SubmissionReader.Read
        var name: String
        var provider: String
        var date: Day?
        /// `Reviews/<stem>.yaml`, when there is one.
        var reviewPath: String?
        var reviewSHA: String
    }

    /// One service: every submission with its name, oldest first.
    struct Service: Sendable {
        var stem: String
        var name: String
        var provider: String
        var versions: [Version]
        var latest: Version { versions[versions.count - 1] }
    }

    /// An assessment, or why there is none; with the problems met on the way.
    struct Assessed: Sendable {
        var assessment: Assessment?
        var problems: [WorkbenchPage.Problem]
    }

    let workspace: Workspace
    let files: [String: Workspace.File]
    /// A digest of every file's path and digest: render caches are keyed by it.
    let key: String
    let codesKey: String
    let codes: [CodeEntry]
    let services: [Service]
    let byStem: [String: Int]
    /// Every submission by its report name: the service and the version.
    let byVersion: [String: (Int, Int)]
    /// Problems with the codes and with submissions that could not be read at all.
    let problems: [WorkbenchPage.Problem]
    /// Files of the list that are symbolic links (never read; named as left out).
    let links: Set<String>

    init(workspace: Workspace, files: [String: Workspace.File], unreadable: [String] = [], links: Set<String> = []) {
        self.workspace = workspace
        self.files = files
        self.links = links
        let sorted = files.keys.sorted()
        key = Workspace.hex(Array(sorted.map { "\($0) \(files[$0]!.sha256)\n" }.joined().utf8))
        let codeFiles = sorted.filter { $0.hasPrefix("Codes/") }
        codesKey = Workspace.hex(Array(codeFiles.map { "\($0) \(files[$0]!.sha256)\n" }.joined().utf8))
        let root = workspace.root
        var problems: [WorkbenchPage.Problem] = unreadable.map {
            links.contains($0)
                ? WorkbenchPage.Problem(place: $0, message: "[symbolic-link] is a symbolic link, which the workbench does not follow (it reads only the workspace's own files); it is left out: put the file itself here", severity: "error")
                : WorkbenchPage.Problem(place: $0, message: "[file-too-large] cannot be read: larger than \(Workspace.maxFileBytes) bytes, or not readable; it is left out", severity: "error")
        }
        // Codes only from the workspace's own list (regular files, no symlinks), and only those
        // whose every file read (chain and vocabulary) is on that list.
        let loaded: ([Code], [Diagnostic]) = workspace.cache.value("codes|\(codesKey)") {
            codeFiles.isEmpty ? ([], []) : Assess.loadCodes(amongFiles: codeFiles.map { workspace.disk($0) })
        }
        var kept: [Code] = []
        for code in loaded.0 {
            let outside = code.digests.keys.sorted().map { path in path.hasPrefix(workspace.base) ? String(path.dropFirst(workspace.base.count)) : path }
                .filter { files[$0] == nil }
            if let first = outside.first {
                problems.append(WorkbenchPage.Problem(place: code.file.hasPrefix(workspace.base) ? String(code.file.dropFirst(workspace.base.count)) : code.file,
                                                      message: "[missing-file] this code reads \(first), which is not a regular file of the workspace (a link, or outside it); the code is left out", severity: "error"))
            } else {
                kept.append(code)
            }
        }
        codes = kept.map { CodeEntry(ref: "\($0.header.id)@\($0.header.version)", code: $0) }
        problems += loaded.1.map { WorkbenchPage.Problem($0, relativeTo: root) }

        // Submissions: the top-level files are the services; history files join them by name.
        let top = sorted.filter { $0.hasPrefix("Submissions/") && !$0.dropFirst("Submissions/".count).contains("/") }
        let history = sorted.filter { $0.hasPrefix("Submissions/history/") }
        let stems = ReportFile.folders(for: top)
        func version(_ path: String, stem: String) -> Version {
            let file = files[path]!
            let read: SubmissionReader.Read = workspace.cache.value("read|\(path)|\(file.sha256)") {
                SubmissionReader.parse(bytes: file.bytes, file: path)
            }
            var name = "", provider = "", date: Day?
            if let head = read.document?.root.pairs?.first(where: { $0.keyText == "submission" })?.value.pairs {
                // A null (`~`, `null`, nothing) is no value, as the decoder reads it: never the text "~".
                func text(_ key: String) -> String {
                    head.first { $0.keyText == key }?.value.scalar.flatMap { $0.isNull ? nil : $0.value } ?? ""
                }
                name = text("service")
                provider = text("provider")
                date = head.first { $0.keyText == "date" }?.value.scalar.flatMap { Day($0.value) }
            }
            let reviewPath = "Reviews/\(stem).yaml"
            let review = files[reviewPath]
            return Version(path: path, stem: stem, sha256: file.sha256, read: read, name: name, provider: provider, date: date,
                           reviewPath: review == nil ? nil : reviewPath, reviewSHA: review?.sha256 ?? "")
        }
        var services: [Service] = []
        var byName: [String: Int] = [:]
        for (path, stem) in zip(top, stems) {
            let v = version(path, stem: stem)
            for d in v.read.diagnostics { problems.append(WorkbenchPage.Problem(d, relativeTo: root)) }
            let name = v.name.isEmpty ? stem : v.name
            if !v.name.isEmpty, byName[v.name] == nil { byName[v.name] = services.count }
            services.append(Service(stem: stem, name: name, provider: v.provider, versions: [v]))
        }
        let taken = Set(stems.map { $0.lowercased() })
        for path in history {
            let v = version(path, stem: ReportFile.stem(path))
            for d in v.read.diagnostics { problems.append(WorkbenchPage.Problem(d, relativeTo: root)) }
            if let i = byName[v.name] {
                services[i].versions.append(v)
            } else {
                var stem = v.stem
                if taken.contains(stem.lowercased()) { stem += "-history" }
                if !v.name.isEmpty { byName[v.name] = services.count }
                services.append(Service(stem: stem, name: v.name.isEmpty ? stem : v.name, provider: v.provider, versions: [v]))
            }
        }
        for i in services.indices {
            // Oldest first; the latest is the latest date (undated first; ties by file name).
            services[i].versions.sort { a, b in
                let x = a.date?.ordinal ?? 0, y = b.date?.ordinal ?? 0
                return x != y ? x < y : a.path < b.path
            }
            if !services[i].latest.provider.isEmpty { services[i].provider = services[i].latest.provider }
        }
        services.sort { ($0.name.lowercased(), $0.stem) < ($1.name.lowercased(), $1.stem) }
        self.services = services
        byStem = Dictionary(services.enumerated().map { ($1.stem, $0) }, uniquingKeysWith: { a, _ in a })
        var versions: [String: (Int, Int)] = [:]
        for (i, s) in services.enumerated() {
            for (j, v) in s.versions.enumerated() where versions[v.stem] == nil { versions[v.stem] = (i, j) }
        }
        byVersion = versions
        self.problems = problems
    }

    /// The service with this report name (or whose submission has it).
    func service(_ stem: String) -> Service? {
        if let i = byStem[stem] { return services[i] }
        return byVersion[stem].map { services[$0.0] }
    }

    /// The submission with this report name: a service's own (its latest version) or one of its
    /// versions (`raidhall-chat-2027-03`).
    func version(_ stem: String) -> (Service, Version)? {
        if let i = byStem[stem] { return (services[i], services[i].latest) }
        return byVersion[stem].map { (services[$0.0], services[$0.0].versions[$0.1]) }
    }

    /// The code `CODE_ID@VERSION`.
    func code(_ ref: String) -> CodeEntry? { codes.first { $0.ref == ref } }

    /// What the portfolio shows of one submission under one code: the cell alone is kept (not the
    /// whole assessment, so a workspace of a thousand services stays small in memory).
    struct Cell: Sendable {
        var cell: ScoreCell?
        var problems: [WorkbenchPage.Problem]
    }

    /// The portfolio's cell for a submission under a code, restricted to a lens; with
    /// `asIfInForce`, measures not yet in force are scored as if they were (SPEC section 3).
    func cell(_ v: Version, _ c: CodeEntry, lens: String = "", asOf: Day, asIfInForce: Bool = false) -> Cell {
        let key = "cell|\(v.path)|\(v.sha256)|\(v.reviewSHA)|\(codesKey)|\(c.ref)|\(asOf)|\(lens)|\(asIfInForce)"
        return workspace.cache.value(key) {
            // Only what the cell shows: no explanations, and the challenges counted, not the
            // whole risk review (which assesses again for every declared level).
            let a = makeAssessment(v, c, lens: lens, asOf: asOf, asIfInForce: asIfInForce, explain: false)
            return Cell(cell: a.assessment.map { ScoreCell($0, challenges: Assessor(code: c.code).decidedChallengeCount($0)) }, problems: a.problems)
        }
    }

    /// One submission assessed under one code (with its review applied), restricted to a lens.
    func assess(_ v: Version, _ c: CodeEntry, lens: String = "", asOf: Day) -> Assessed {
        let key = "assess|\(v.path)|\(v.sha256)|\(v.reviewSHA)|\(codesKey)|\(c.ref)|\(asOf)|\(lens)"
        return workspace.cache.value(key) { makeAssessment(v, c, lens: lens, asOf: asOf) }
    }

    private func makeAssessment(_ v: Version, _ c: CodeEntry, lens: String, asOf: Day, asIfInForce: Bool = false, explain: Bool = true) -> Assessed {
        let root = workspace.root
        func problems(_ ds: [Diagnostic]) -> [WorkbenchPage.Problem] { ds.map { WorkbenchPage.Problem($0, relativeTo: root) } }
        guard let document = v.read.document else { return Assessed(assessment: nil, problems: problems(v.read.diagnostics)) }
        let vocabulary = c.code.vocabulary
        let decoded: (Submission?, [Diagnostic]) = workspace.cache.value("decode|\(v.path)|\(v.sha256)|\(codesKey)|\(vocabulary.file)") {
            SubmissionReader.decode(document, vocabulary: vocabulary)
        }
        var found = problems(decoded.1)
        guard let submission = decoded.0 else { return Assessed(assessment: nil, problems: found) }
        var review: Review?
        if let path = v.reviewPath, let file = files[path] {
            let r: (Review?, [Diagnostic]) = workspace.cache.value("review|\(path)|\(file.sha256)|\(codesKey)|\(vocabulary.file)") {
                ReviewFiles.decode(SubmissionReader.parse(bytes: file.bytes, file: path), vocabulary: vocabulary)
            }
            review = r.0
            // A finding is on a measure of some code of the workspace (a review serves every code,
            // as `assess` checks it against every code given), so only one that no code has is warned of.
            found += problems(r.1 + (r.0?.unknownMeasures(in: codes.map(\.code), severity: .warning) ?? []))
            if let r = r.0, let want = r.submissionSHA256, want != v.sha256 {
                found.append(WorkbenchPage.Problem(place: path, message: "\(v.path) changed since it was reviewed (its SHA-256 is \(v.sha256), the review names \(want)): the findings are listed and not applied", severity: "warning"))
            }
        }
        var a = Assessor(code: c.code).assess(submission, review: review, reviewSHA: v.reviewSHA, submissionSHA: v.sha256, asOf: asOf,
                                             asIfInForce: asIfInForce, explain: explain)
        if !lens.isEmpty { a = a.filtered(HarmFilter(lenses: [lens])) }
        return Assessed(assessment: a, problems: found)
    }

    /// The problem naming `path` as a symbolic link left out, when it is one.
    func linkProblem(_ path: String) -> WorkbenchPage.Problem? {
        links.contains(path) ? problems.first { $0.place == path } : nil
    }

    /// The errors in the codes' files (a code, an overlay, the vocabulary): a code they stop is left
    /// out, so every page that would have shown it says why.
    var codeProblems: [WorkbenchPage.Problem] { problems.filter { $0.place.hasPrefix("Codes/") && $0.severity == "error" } }

    /// The report's inputs table for an assessment: the code's files (the submission is added by the report).
    func inputs(_ c: CodeEntry, _ v: Version) -> [ReportInput] {
        var out = ReportInput.of(c.code)
        if let path = v.reviewPath { out.append(ReportInput(role: "review", file: path, sha256: v.reviewSHA)) }
        return out
    }
}
