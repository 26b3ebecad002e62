import Hummingbird
import SafetyCodeReports

/// Every submission of a service has its own assessment pages, at a stable address:
/// `/services/STEM/versions/VERSION/CODE_ID@VERSION` (and `.json`), where VERSION is the
/// submission's report name (`raidhall-chat` for Raidhall's October file, `raidhall-chat-2027-03`
/// for its March one). `/services/STEM/CODE_ID@VERSION` stays the latest submission's. A finding
/// posted on a version's page goes to that submission's own review, `Reviews/VERSION.yaml`, as
/// `assess` reads it (SPEC sections 7 and 8: a review applies to the submission it names).
extension Pages {
    /// The address of an assessment page: the latest submission's when `version` is nil.
    static func assessmentPath(_ stem: String, _ version: String?, _ ref: String) -> String {
        version.map { "/services/\(stem)/versions/\($0)/\(ref)" } ?? "/services/\(stem)/\(ref)"
    }

    func addVersions(to router: RouteRecorder) {
        router.get("/services/:stem/versions/:version/:ref") { [self] _, context in
            let (stem, _) = Self.parameter(context, "stem")
            let (version, _) = Self.parameter(context, "version")
            let (ref, json) = Self.parameter(context, "ref")
            if let missing = missingVersion(context.snapshot!, stem, version) { return missing }
            return assessment(context.snapshot!, stem, ref, json: json, version: version)
        }
        router.post("/services/:stem/versions/:version/:ref") { [self] _, context in
            let (stem, _) = Self.parameter(context, "stem")
            let (version, _) = Self.parameter(context, "version")
            let (ref, _) = Self.parameter(context, "ref")
            if let missing = missingVersion(context.snapshot!, stem, version) { return missing }
            return postFinding(context.snapshot!, stem, ref, context.form, version: version)
        }
    }

    /// A 404 when the service or its version is not in the workspace.
    func missingVersion(_ snap: Snapshot, _ stem: String, _ version: String) -> Response? {
        guard let i = snap.byStem[stem] else { return noService(snap, stem) }
        let s = snap.services[i]
        guard s.versions.contains(where: { $0.stem == version }) else {
            return notFound("\(s.name) has no submission '\(Self.cut(version))': its submissions are listed on its page, /services/\(s.stem).")
        }
        return nil
    }

    /// The line saying which submission an assessment page shows, and where its findings go.
    func versionNote(_ s: Snapshot.Service, _ v: Snapshot.Version, _ c: Snapshot.CodeEntry) -> String {
        VersionNote(service: s.name, serviceHref: "/services/\(s.stem)", file: v.path, date: v.date, count: s.versions.count,
                    isLatest: v.path == s.latest.path, latestDate: s.latest.date, latestHref: Self.assessmentPath(s.stem, nil, c.ref),
                    reviewFile: "Reviews/\(v.stem).yaml").body()
    }
}

extension Snapshot {
    /// The submission `version` (a report name) of the service `stem`; without `version`, the
    /// submission `stem` names as ``version(_:)`` finds it (the service's latest).
    func version(_ stem: String, _ version: String?) -> (Service, Version)? {
        guard let version else { return self.version(stem) }
        guard let i = byStem[stem], let v = services[i].versions.first(where: { $0.stem == version }) else { return nil }
        return (services[i], v)
    }
}
