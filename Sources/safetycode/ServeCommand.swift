import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import SafetyCodeServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the workbench: a web application over a workspace (portfolio, services, assessments, findings, questionnaire, compare).",
        usage: "safetycode serve [<workspace>] [--host 127.0.0.1] [--port 8080] [--token-file <file>]",
        discussion: """
            The workspace folder holds Codes/, Submissions/ (Submissions/history/ for later versions), Reviews/ and Drafts/. \
            The workbench listens on 127.0.0.1 by default; any other --host needs --token-file (a file whose first line is the \
            access token, checked on every request). Ctrl-C (SIGINT) or SIGTERM stops it.
            """
    )

    @Argument(help: ArgumentHelp("The workspace folder.", valueName: "workspace"))
    var workspace: String = "."

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file whose first line is the access token (needed for any --host but loopback).", valueName: "file"))
    var tokenFile: String?

    func run() async throws {
        let code = await Workbench.serve(workspace: workspace, host: host, port: port, tokenFile: tokenFile,
                                         print: { line in _ = Descriptor.write((line + "\n").utf8, to: Descriptor.standardOutput) },
                                         printError: { CLI.printError($0 + "\n") })
        if code != 0 { throw ExitCode(code) }
    }
}
