import ArgumentParser
import SafetyCodeCore

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

    @Flag(help: "List every diagnostic code and expression function, with what it means, and exit.")
    var list = false

    func run() throws {
        if list {
            try CLI.write(Catalogue.text())
            return
        }
        let report = Lint.run(paths: paths.isEmpty ? Lint.defaultPaths : paths, vocabulary: vocabulary)
        try CLI.write(report.rendered.map { $0 + "\n" }.joined() + report.summary + "\n")
        if report.errors > 0 { throw ExitCode(2) }
    }
}
