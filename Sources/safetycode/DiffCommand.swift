import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changes between two versions of a code: measures added, removed and changed."
    )

    @Argument(help: "The earlier code file.")
    var from: String

    @Argument(help: "The later code file (an overlay is resolved through its chain).")
    var to: String

    @Option(help: "Formats, comma-separated: md, html, json.")
    var format: String = "md,html,json"

    @Option(help: "Output folder, or - for one report on standard output.")
    var out: String = "Reports"

    func run() throws {
        let formats = try CLI.formats(format, allowed: [.markdown, .html, .json])
        let outcome = DiffRun.diff(.init(from: from, to: to, formats: formats, out: out, asOf: CLI.today()))
        try CLI.finish(outcome, out: out)
    }
}

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show what a new version of a code would mean for each service: new measures, new and closed gaps, scores."
    )

    @Option(help: "The earlier code file.")
    var from: String

    @Option(help: "The later code file.")
    var to: String

    @Argument(help: "Submission files, or folders of them.")
    var submissions: [String]

    @Option(help: "Formats, comma-separated: md, html, json.")
    var format: String = "md,html,json"

    @Option(help: "Output folder, or - for one report on standard output.")
    var out: String = "Reports"

    @Option(name: .customLong("as-of"), help: "Date for the reports, YYYY-MM-DD (default: today). Both versions are treated as in force.")
    var asOf: String?

    func run() async throws {
        let formats = try CLI.formats(format, allowed: [.markdown, .html, .json])
        let outcome = await DiffRun.compare(.init(from: from, to: to, submissions: submissions, formats: formats, out: out, asOf: try CLI.day(asOf)))
        try CLI.finish(outcome, out: out)
    }
}

extension CLI {
    static func finish(_ outcome: Assess.Outcome, out: String) throws {
        printErrors(outcome.diagnostics)
        if let text = outcome.standardOutput {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            for line in outcome.lines { print(VisibleText.path(line)) }
            if !outcome.written.isEmpty { print("wrote \(outcome.written.count) file\(outcome.written.count == 1 ? "" : "s") into \(VisibleText.path(out))") }
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
