import Crypto
import Foundation
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
        // HEAD: the headers a GET would have (its Content-Length included), no body; error pages too.
        return request.method == .head ? response.createHeadResponse() : response
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

/// CSRF defence, per browser session (SPEC section 11):
///
/// - a browser without a session gets one with its first page: a random id in the cookie
///   `safetycode_session` (`HttpOnly; SameSite=Strict`);
/// - the session's CSRF token is HMAC-SHA256 of its id under a secret of this run. Rendered (and
///   cached) pages carry a placeholder of the same length in their `csrf` fields
///   (``Pages/csrf``), replaced in each HTML response by the session's token as it is written, so
///   one cached page serves every session without being rendered again;
/// - a POST is read (at most ``Workbench/maxBodyBytes``, 413 beyond) and refused with 403 unless
///   it comes from this server's own pages: its `Origin`, when sent, is this server's (`null`
///   only with the browser's `Sec-Fetch-Site: same-origin`, as a page under
///   `Referrer-Policy: no-referrer` posts); without an `Origin`, its `Referer`, when sent, is a
///   page of this server; and its `csrf` field is its session's token
///   (compared in constant time).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext
    static let cookie = "safetycode_session"
    static let originField = HTTPField.Name("Origin")!
    static let fetchSiteField = HTTPField.Name("Sec-Fetch-Site")!
    static let refererField = HTTPField.Name("Referer")!
    let placeholder: [UInt8]
    let secret: [UInt8]

    init(placeholder: String, secret: String?) {
        self.placeholder = Array(placeholder.utf8)
        self.secret = secret.map { Array($0.utf8) } ?? SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// A session id as issued: 64 lowercase hexadecimal digits.
    static func isSessionID(_ s: String) -> Bool {
        s.utf8.count == 64 && s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// A new session id: 256 random bits, in hexadecimal.
    static func newSessionID() -> String { Pages.randomToken() + Pages.randomToken() }

    /// The CSRF token of a session: HMAC-SHA256 of its id, its first 128 bits in hexadecimal
    /// (32 characters, the length of ``Pages/csrf``'s placeholder: every finding form repeats it).
    func token(_ session: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(session.utf8), using: SymmetricKey(data: secret)).prefix(16).map { String(format: "%02x", $0) }.joined().utf8)
    }

    /// Whether a POST's `Origin` (and `Sec-Fetch-Site`) say it comes from this server's pages;
    /// without an `Origin`, its `Referer`, when sent, must be a page of this server. A POST with
    /// neither (curl, with the session's CSRF token) is left to the token.
    static func sameOrigin(_ request: Request) -> Bool {
        let site = request.headers[fetchSiteField]
        if let site, site != "same-origin" { return false }
        let host = (request.head.authority ?? request.headers[HostMiddleware.hostField]).map { "http://" + $0.lowercased() }
        guard let origin = request.headers[originField] else {
            guard let referer = request.headers[refererField] else { return true }
            guard let host else { return false }
            // This server's address followed by its path (or by nothing): `http://127.0.0.1:8080.evil/` is not it.
            let r = referer.lowercased()
            return r == host || (r.hasPrefix(host) && ["/", "?", "#"].contains(r.dropFirst(host.count).first))
        }
        if origin == "null" { return site == "same-origin" }
        guard let host else { return false }
        return origin.lowercased() == host
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let session = request.cookies[Self.cookie].map(\.value).flatMap { Self.isSessionID($0) ? $0 : nil }
        guard request.method == .post else {
            var response = try await next(request, context)
            guard response.headers[.contentType]?.hasPrefix("text/html") == true else { return response }
            let id = session ?? Self.newSessionID()
            if session == nil {
                response.headers.append(HTTPField(name: .setCookie, value: "\(Self.cookie)=\(id); Path=/; HttpOnly; SameSite=Strict"))
            }
            return withToken(response, session: id)
        }
        // A body declared larger than the limit is refused at once, not waited for.
        if let declared = request.headers[.contentLength], (Int(declared) ?? Int.max) > Workbench.maxBodyBytes {
            var refused = Pages.html(.contentTooLarge, WorkbenchPage.message(title: "Too large", message: "The form sent is larger than the workbench accepts (1 MiB)."))
            refused.headers[.connection] = "close"
            return refused
        }
        var request = request
        let body = try await request.collectBody(upTo: Workbench.maxBodyBytes)
        let form = FormData(Substring(String(buffer: body)))
        guard Self.sameOrigin(request), let session, let given = form["csrf"], Secret.equal(Array(given.utf8), token(session)) else {
            return Pages.html(.forbidden, WorkbenchPage.message(
                title: "Form refused", message: "The form did not carry this browser's security token for this workbench (it may come from another site, from another browser window's older session, or from before the workbench was restarted). Reload the page and send it again."))
        }
        var context = context
        context.form = form
        // A form shown again (a stale write, an error at a field) carries the session's token too.
        return withToken(try await next(request, context), session: session)
    }

    /// An HTML response whose forms carry the session's token in place of the placeholder.
    func withToken(_ response: Response, session: String) -> Response {
        guard response.headers[.contentType]?.hasPrefix("text/html") == true else { return response }
        var response = response
        let (placeholder, token) = (placeholder, token(session))
        let body = response.body
        // Same length, so the length already announced stays true.
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(writer.map { Self.replace(placeholder, by: token, in: $0) })
        }
        return response
    }

    /// `buffer` with every occurrence of `placeholder` replaced by `token` (of the same length);
    /// a buffer without one is returned as it is, not copied.
    static func replace(_ placeholder: [UInt8], by token: [UInt8], in buffer: ByteBuffer) -> ByteBuffer {
        precondition(placeholder.count == token.count && !placeholder.isEmpty)
        let found: [Int] = buffer.withUnsafeReadableBytes { bytes in
            guard let base = bytes.baseAddress else { return [] }
            var offsets: [Int] = []
            var offset = 0
            // Each occurrence of the first byte (memchr), then the rest compared (memcmp).
            while offset + placeholder.count <= bytes.count,
                  let hit = memchr(base + offset, Int32(placeholder[0]), bytes.count - offset - placeholder.count + 1)
            {
                let at = base.distance(to: UnsafeRawPointer(hit))
                if placeholder.withUnsafeBytes({ memcmp(base + at, $0.baseAddress!, $0.count) }) == 0 {
                    offsets.append(at)
                    offset = at + placeholder.count
                } else {
                    offset = at + 1
                }
            }
            return offsets
        }
        var buffer = buffer
        for at in found { buffer.setBytes(token, at: buffer.readerIndex + at) }
        return buffer
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
