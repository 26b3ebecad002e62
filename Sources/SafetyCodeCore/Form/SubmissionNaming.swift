/// Where a questionnaire's new submission goes in a workspace (issue 18's contract), decided from
/// the workspace's own list of submission files, never from a name in a request:
///
/// - a service name no top-level submission has: `Submissions/<slug>.yaml` (`<slug>-2.yaml`,
///   `-3`... when that name is taken by another service's file);
/// - a service name a top-level submission `Submissions/<stem>.yaml` has: a further version,
///   `Submissions/history/<stem>-<YYYY-MM-DD>.yaml` (`-2`, `-3`... when taken).
///
/// A name counts as taken whatever its case and whether it ends `.yaml` or `.yml`.
public enum SubmissionNaming {
    /// One submission already in the workspace.
    public struct Existing: Sendable {
        /// Its path relative to the workspace (`Submissions/raidhall-chat.yaml`,
        /// `Submissions/history/raidhall-chat-2027-03.yaml`).
        public var path: String
        /// Its `submission.service` name.
        public var service: String

        /// Creates an entry.
        public init(path: String, service: String) {
            self.path = path
            self.service = service
        }
    }

    /// Where to write.
    public struct Destination: Sendable, Hashable {
        /// The path relative to the workspace.
        public var path: String
        /// The service's STEM: the stem of its top-level file (the new file's, for a new service).
        public var stem: String
        /// True when the service had no top-level submission.
        public var isNewService: Bool
    }

    /// The folder of top-level submissions.
    public static let folder = "Submissions"
    /// The folder of further versions.
    public static let history = "Submissions/history"

    /// The destination of a new submission of `service`, dated `date`, given every submission
    /// file the workspace has (their paths relative to it). A pure function of its arguments.
    public static func destination(service: String, date: Day, existing: [Existing]) -> Destination {
        let taken = Set(existing.map { key($0.path) })
        let topLevel = existing.filter { parent($0.path) == folder && isYAML($0.path) }.sorted { $0.path < $1.path }
        if let home = topLevel.first(where: { $0.service == service }) {
            let stem = self.stem(home.path)
            let base = "\(history)/\(stem)-\(date)"
            return Destination(path: free(base, taken), stem: stem, isNewService: false)
        }
        var slug = Slug.of(service)
        if slug.isEmpty { slug = "service" }
        slug = String(slug.prefix(100))
        while slug.hasSuffix("-") { slug.removeLast() }
        let path = free("\(folder)/\(slug)", taken)
        return Destination(path: path, stem: stem(path), isNewService: true)
    }

    /// `base.yaml`, or `base-2.yaml`, `base-3.yaml`... the first whose name is not taken.
    private static func free(_ base: String, _ taken: Set<String>) -> String {
        var candidate = base
        var n = 1
        while taken.contains(candidate.lowercased()) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate + ".yaml"
    }

    /// A path without its `.yaml`/`.yml` ending, lowercased: two files that differ only there clash.
    private static func key(_ path: String) -> String {
        var p = path
        for ext in [".yaml", ".yml"] where p.lowercased().hasSuffix(ext) {
            p.removeLast(ext.count)
            break
        }
        return p.lowercased()
    }

    private static func isYAML(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".yaml") || path.lowercased().hasSuffix(".yml")
    }

    private static func parent(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    private static func stem(_ path: String) -> String {
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }
}
