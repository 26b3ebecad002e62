import Foundation
import Hummingbird
import Logging
import NIOCore
import SafetyCodeCore
import SafetyCodeReports
import Synchronization
import YAMLTree

/// The web workbench, `safetycode serve` (SPEC section 11): a Hummingbird application over a
/// workspace folder, rendering with the reports' view models and templates.
public enum Workbench {
    /// Request bodies beyond this are refused (413).
    public static let maxBodyBytes = 1 << 20
    /// A request head (the request line, so the address, and the headers) beyond this is
    /// refused at once with 431, before it is all read.
    public static let maxHeadBytes = 64 << 10

    /// How to serve.
    public struct Configuration: Sendable {
        /// The workspace folder.
        public var workspace: String
        /// The address to listen on.
        public var host: String
        /// The port to listen on (0: any free port).
        public var port: Int
        /// The access token; required when `host` is not a loopback address.
        public var token: String?
        /// The date assessments are made as of (nil: today, in UTC, at each request).
        public var asOf: Day?
        /// The secret each browser session's CSRF token is derived under (nil: a random one for
        /// this run, so tokens do not outlive the server).
        public var sessionSecret: String?
        /// How long a connection may send nothing before it is closed (slow or idle clients).
        public var idleTimeout: TimeAmount
        /// How long a connection waiting for a request (from its start, or from the end of the
        /// previous response) has to send the whole request head, however it trickles in.
        public var headTimeout: TimeAmount
        /// How long a request has, from the end of its head, to send all of its body, however
        /// it trickles in.
        public var bodyTimeout: TimeAmount
        /// Whether the workspace is watched with inotify where there is one (false: its folders
        /// are scanned on every request). Each watcher holds an inotify instance, of which a user
        /// has 128 on Linux by default: tests that start many workbenches at once leave it off.
        public var watch: Bool

        /// A configuration; `safetycode serve`'s defaults are 127.0.0.1:8080 and no token.
        public init(workspace: String = ".", host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, asOf: Day? = nil,
                    sessionSecret: String? = nil, idleTimeout: TimeAmount = .seconds(30), headTimeout: TimeAmount = .seconds(10),
                    bodyTimeout: TimeAmount = .seconds(30), watch: Bool = true) {
            self.watch = watch
            self.workspace = workspace
            self.host = host
            self.port = port
            self.token = token
            self.asOf = asOf
            self.sessionSecret = sessionSecret
            self.idleTimeout = idleTimeout
            self.headTimeout = headTimeout
            self.bodyTimeout = bodyTimeout
        }
    }

    /// Whether a host name or address is this computer only: `localhost`, or a literal loopback
    /// address (IPv4 127.0.0.0/8 in dotted decimal, IPv6 ::1, bracketed or not). A name such as
    /// `127.evil.example` is not an address, so it is not loopback.
    public static func isLoopback(_ host: String) -> Bool {
        if host.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, bare, &v6) == 1 else { return false }
        return withUnsafeBytes(of: &v6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
    }

    /// The line `safetycode serve` prints once listening. Listening on every address (`0.0.0.0`,
    /// `::`), the address printed is not one another computer can open, so the line says to use
    /// this computer's own address (its name or IP address on the network) instead.
    public static func startLine(workspace: String, host: String, url: String, hasToken: Bool) -> String {
        let everywhere = ["0.0.0.0", "::", "[::]"].contains(host)
        let port = url.split(separator: ":").last.map { String($0.prefix { $0.isNumber }) } ?? ""
        let open = everywhere ? "http://THIS-COMPUTER:\(port)/ (THIS-COMPUTER: this computer's name or IP address on your network)" : url
        let token = hasToken ? " (with its access token: open \(everywhere ? "that address" : url) followed by ?token=…)" : ""
        return "safetycode workbench: serving \(workspace) at \(open)\(token) (Ctrl-C stops it)"
    }

    /// Reads a token file: its first line, trimmed; nil with the reason when it is unusable.
    public static func readToken(_ path: String) -> Result<String, WorkbenchError> {
        // Through the loader's reader: regular files only, opened without blocking, so a FIFO
        // given as the token file is refused instead of hanging the start (issue 12's hang class).
        guard let bytes = try? YAMLLoader.read(path: path, maxBytes: 4096), let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(WorkbenchError("cannot read the token file \(path) (a regular text file of at most 4 KB)"))
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16, token.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && $0 != ";" && $0 != "," && $0 != "\"" && $0 != "\\" }) else {
            return .failure(WorkbenchError("the token in \(path) must be at least 16 visible ASCII characters (no ; , \" or \\), on its first line"))
        }
        return .success(token)
    }

    /// The application's router: the routes of SPEC section 11 behind the security, token, method,
    /// CSRF and workspace middleware; HEAD answers every GET route with the GET's status and
    /// headers, and a method a route does not take is answered 405 with `Allow`.
    /// Tests run it in process (`app.test(.router)`).
    public static func router(_ configuration: Configuration) -> Router<WorkbenchContext> {
        let pages = Pages(configuration)
        let router = Router(context: WorkbenchContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: SecurityHeadersMiddleware())
        if let token = configuration.token {
            router.add(middleware: TokenMiddleware(token: Array(token.utf8)))
        } else {
            router.add(middleware: HostMiddleware(servedHost: configuration.host))
        }
        let routes = RouteTable()
        router.add(middleware: MethodMiddleware(table: routes))
        router.add(middleware: CSRFMiddleware(placeholder: pages.csrf, secret: configuration.sessionSecret))
        router.add(middleware: WorkspaceMiddleware(workspace: pages.workspace))
        let recorder = RouteRecorder(router, table: routes)
        pages.addBasics(to: recorder)
        pages.addPortfolio(to: recorder)
        pages.addServices(to: recorder)
        pages.addAdvocates(to: recorder)
        pages.addQuestionnaire(to: recorder)
        return router
    }

    /// The application, listening where the configuration says.
    public static func application(_ configuration: Configuration, onRunning: @escaping @Sendable (String) -> Void = { _ in })
        -> some ApplicationProtocol
    {
        var logger = Logger(label: "safetycode.serve")
        logger.logLevel = .warning
        return Application(
            router: router(configuration),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [RequestHeadLimits(deadline: configuration.headTimeout, bodyDeadline: configuration.bodyTimeout)], idleTimeout: configuration.idleTimeout,
                httpDecoderConfiguration: .init(maxHeaderFieldSize: maxHeadBytes, maxHeaderListSize: maxHeadBytes))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "safetycode"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let host = configuration.host.contains(":") && !configuration.host.hasPrefix("[") ? "[\(configuration.host)]" : configuration.host
                onRunning("http://\(host):\(port)/")
            },
            logger: logger)
    }

    /// `safetycode serve`: checks the options, prints the address, and serves until SIGINT or
    /// SIGTERM. Returns the exit code (2 for bad options, 3 when the server cannot start).
    public static func serve(workspace: String, host: String, port: Int, tokenFile: String?,
                             print: @escaping @Sendable (String) -> Void, printError: @escaping @Sendable (String) -> Void) async -> Int32 {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: workspace, isDirectory: &isDir), isDir.boolValue else {
            printError("safetycode: error: [missing-file] no workspace folder \(workspace)")
            return 2
        }
        guard (0...65535).contains(port) else {
            printError("safetycode: error: [bad-option] --port must be 0 to 65535, not \(port)")
            return 2
        }
        var token: String?
        if let tokenFile {
            switch readToken(tokenFile) {
            case .success(let t): token = t
            case .failure(let e):
                printError("safetycode: error: [bad-option] \(e.message)")
                return 2
            }
        } else if !isLoopback(host) {
            printError("safetycode: error: [bad-option] --host \(host) makes the workbench reachable from other computers: give --token-file with an access token (or keep the default 127.0.0.1)")
            return 2
        }
        let hasToken = token != nil
        let app = application(Configuration(workspace: workspace, host: host, port: port, token: token)) { url in
            print(startLine(workspace: workspace, host: host, url: url, hasToken: hasToken))
        }
        // The server's graceful shutdown takes SIGINT and SIGTERM, not the temporary files'
        // handling (which would swallow them); temporaries left are removed here as it ends.
        TemporaryFileSignals.leaveToCaller()
        defer { TemporaryFileSignals.removeAll() }
        do {
            try await app.runService()
            return 0
        } catch {
            printError("safetycode: error: [serve-failed] cannot serve at \(host):\(port): \(error)")
            return 3
        }
    }
}

/// A problem with the workbench's options.
public struct WorkbenchError: Error, Sendable {
    /// What is wrong.
    public var message: String

    init(_ message: String) { self.message = message }
}
