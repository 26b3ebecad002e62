import Hummingbird

/// The request context: the workspace as this request sees it (one snapshot for the whole
/// request), and a posted form's fields once the CSRF middleware has read and checked them.
public struct WorkbenchContext: RequestContext {
    /// Hummingbird's own part.
    public var coreContext: CoreRequestContextStorage
    /// The workspace now (set by ``WorkspaceMiddleware``).
    var snapshot: Snapshot?
    /// The posted form (set by ``CSRFMiddleware`` on POST).
    public var form = FormData()

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies beyond this are refused with 413.
    public var maxUploadSize: Int { Workbench.maxBodyBytes }
}
