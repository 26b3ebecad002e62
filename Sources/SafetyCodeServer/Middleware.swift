import HTTPTypes
import Hummingbird
import SafetyCodeReports
import NIOCore

/// The security headers of SPEC section 11 on every response, errors included: a thrown error
/// (no such route, a body over the limit) becomes a page with its status, never a stack trace.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext

    static let policy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    static let headers: HTTPFields = [
        .contentSecurityPolicy: policy,
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("X-Frame-Options")!: "DENY",
        .cacheControl: "no-store",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let (title, message) = switch status.code {
            case 404: ("Not found", "There is no such page in this workspace.")
            case 413: ("Too large", "The form sent is larger than the workbench accepts (1 MiB).")
            default: (status.reasonPhrase, "The request could not be served.")
            }
            response = Pages.html(status, WorkbenchPage.message(title: title, message: message))
        } catch {
            response = Pages.html(.internalServerError, WorkbenchPage.message(title: "Something went wrong", message: "The request could not be served."))
        }
        // Pages made by ``Pages/buffer(_:_:type:)`` carry them already (made once, not per request).
        if response.headers[.contentSecurityPolicy] != Self.policy {
            for field in Self.headers { response.headers[field.name] = field.value }
        }
        return response
    }
}

/// DNS rebinding defence when the workbench listens on loopback without a token: a page is
/// served only to a request whose `Host` names this computer (`127.0.0.1`, `localhost`, `[::1]`
/// or the address served on, any port); any other name, as a rebound attacker's site would send,
/// is refused with 421 before any page (or its CSRF token) is made.
struct HostMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext
    let allowed: Set<String>
    static let hostField = HTTPField.Name("Host")!

    init(servedHost: String) {
        var allowed: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
        let served = servedHost.lowercased()
        allowed.insert(served.contains(":") && !served.hasPrefix("[") ? "[\(served)]" : served)
        self.allowed = allowed
    }

    /// The host name of a `Host` value, without its port, lowercased (`[::1]` keeps its brackets).
    static func name(_ host: String) -> String {
        let host = host.lowercased()
        if host.hasPrefix("[") { return host.firstIndex(of: "]").map { String(host[...$0]) } ?? host }
        return host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? host
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The first Host header is the request's authority; any further one stays among the fields.
        let hosts = [request.head.authority].compactMap { $0 } + request.headers[values: Self.hostField]
        guard hosts.allSatisfy({ allowed.contains(Self.name($0)) }) else {
            return Pages.html(.init(code: 421, reasonPhrase: "Misdirected Request"), WorkbenchPage.message(
                title: "Wrong address", message: "This workbench serves only this computer: open it at http://127.0.0.1 or http://localhost with its port."))
        }
        return try await next(request, context)
    }
}

/// The access token (`--token-file`), checked on every request when the server listens beyond
/// loopback: `Authorization: Bearer T`, or the cookie set by visiting any page with `?token=T` once.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext
    let token: [UInt8]
    static let cookie = "safetycode_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let auth = request.headers[.authorization], auth.hasPrefix("Bearer "), Secret.equal(Array(auth.dropFirst(7).utf8), token) {
            return try await next(request, context)
        }
        if let c = request.cookies[Self.cookie], Secret.equal(Array(c.value.utf8), token) {
            return try await next(request, context)
        }
        let query = FormData(Substring(request.uri.query ?? ""))
        if request.method == .get, let given = query["token"], Secret.equal(Array(given.utf8), token) {
            // Once: the cookie is set and the token leaves the address bar.
            let rest = query.fields.filter { $0.name != "token" }.map { "\(Pages.escapeQuery($0.name))=\(Pages.escapeQuery($0.value))" }.joined(separator: "&")
            // Only ever to a path of this server: `//host/` or `/\\host/` would leave it (open redirect).
            let path = "/" + request.uri.path.drop { $0 == "/" || $0 == "\\" }
            var response = Response(status: .seeOther, headers: [.location: path + (rest.isEmpty ? "" : "?" + rest)])
            response.headers[.setCookie] = "\(Self.cookie)=\(String(decoding: token, as: UTF8.self)); Path=/; HttpOnly; SameSite=Strict"
            return response
        }
        var response = Pages.html(.unauthorized, WorkbenchPage.message(
            title: "Access token needed", message: "This workbench listens beyond this computer, so it asks for its access token: open the address you were given, which ends in ?token=…"))
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }
}

/// Reads a posted form (at most ``Workbench/maxBodyBytes``, 413 beyond) and checks its CSRF
/// token (403 when it is missing or wrong) before any POST route sees it.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext
    let csrf: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: Workbench.maxBodyBytes)
        let form = FormData(Substring(String(buffer: body)))
        guard let given = form["csrf"], Secret.equal(Array(given.utf8), csrf) else {
            return Pages.html(.forbidden, WorkbenchPage.message(
                title: "Form refused", message: "The form did not carry this workbench's security token (it may come from another site, or from before the workbench was restarted). Reload the page and send it again."))
        }
        var context = context
        context.form = form
        return try await next(request, context)
    }
}

/// Takes the workspace's snapshot for the request (a readdir per folder and a stat per file).
struct WorkspaceMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext
    let workspace: Workspace

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path != "/healthz", !path.hasPrefix("/static/") else { return try await next(request, context) }
        var context = context
        context.snapshot = workspace.snapshot()
        return try await next(request, context)
    }
}

/// Comparison of secrets in time that does not depend on where they differ.
enum Secret {
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, !b.isEmpty else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
