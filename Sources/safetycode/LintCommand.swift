import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check vocabularies, codes, overlays and submissions, and report every problem.",
        discussion: "Exit code 2 when any error is found. Folders are searched for .yaml files."
    )

    @Argument(help: "Files or folders to check (default: Codes/ and Submissions/).")
    var paths: [String] = []

    @Option(help: "The vocabulary submissions are checked against (default: one among the paths, else Codes/ofcom/vocabulary.yaml).")
    var vocabulary: String?

    @Option(help: "Output: text (compiler style), or sarif (SARIF 2.1.0 on standard output, for code-scanning tools).")
    var format: LintFormat = .text

    @Flag(help: "List every diagnostic code and expression function, with what it means, and exit.")
    var list = false

    func run() throws {
        if list {
            try CLI.write(Catalogue.text())
            return
        }
        let report = Lint.run(paths: paths.isEmpty ? Lint.defaultPaths : paths, vocabulary: vocabulary)
        switch format {
        case .text:
            try CLI.write(report.rendered.map { $0 + "\n" }.joined() + report.summary + "\n")
        case .sarif:
            try CLI.write(SARIF.render(report))
        }
        if report.errors > 0 { throw ExitCode(2) }
    }
}

/// The output formats of `lint`.
enum LintFormat: String, ExpressibleByArgument, CaseIterable {
    case text, sarif
}
