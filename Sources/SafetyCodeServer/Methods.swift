import HTTPTypes
import Hummingbird
import SafetyCodeReports
import Synchronization

/// The workbench's routes and the methods each answers, filled in as the pages register them
/// (through ``RouteRecorder``) and read by ``MethodMiddleware``.
final class RouteTable: Sendable {
    private let routes = Mutex<[(path: RouterPath, methods: [HTTPRequest.Method])]>([])

    func add(_ path: RouterPath, _ method: HTTPRequest.Method) {
        routes.withLock { routes in
            if let i = routes.firstIndex(where: { $0.path == path }) {
                if !routes[i].methods.contains(method) { routes[i].methods.append(method) }
            } else {
                routes.append((path, [method]))
            }
        }
    }

    /// The methods a route matching `path` answers (HEAD with every GET), in the order GET, HEAD,
    /// POST; nil when no route has the path's shape.
    func methods(_ path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        let found = routes.withLock { routes in
            routes.filter { route in
                route.path.components.count == segments.count && zip(route.path.components, segments).allSatisfy { $0 ~= $1 }
            }.flatMap(\.methods)
        }
        guard !found.isEmpty else { return nil }
        var methods = Set(found)
        if methods.contains(.get) { methods.insert(.head) }
        return [.get, .head, .post].filter(methods.contains) + methods.filter { ![.get, .head, .post].contains($0) }.sorted { $0.rawValue < $1.rawValue }
    }
}

/// The router as the pages register routes on it: each route is added to the router and noted,
/// with its method, in the ``RouteTable``.
final class RouteRecorder: RouterMethods {
    typealias Context = WorkbenchContext
    let router: Router<WorkbenchContext>
    let table: RouteTable

    init(_ router: Router<WorkbenchContext>, table: RouteTable) {
        self.router = router
        self.table = table
    }

    @discardableResult func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
        where Responder.Context == Context
    {
        table.add(path, method)
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }
}

/// A method a route does not take (PUT, DELETE, PATCH, OPTIONS..., or POST to a page that takes
/// none) is answered 405 with an `Allow` header listing the methods it does take; a path no route
/// has stays 404. Answered before the CSRF check, so no body is read for it.
struct MethodMiddleware: RouterMiddleware {
    typealias Context = WorkbenchContext
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get && request.method != .head, let allowed = table.methods(request.uri.path), !allowed.contains(request.method) else {
            return try await next(request, context)
        }
        var response = Pages.html(.methodNotAllowed, WorkbenchPage.message(
            title: "Method not allowed", message: "This page answers \(allowed.map(\.rawValue).joined(separator: ", ")) only."))
        response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return response
    }
}
