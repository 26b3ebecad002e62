import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the whole decision for one measure: each sub-expression with its value."
    )

    @Argument(help: "The measure id, such as \"ICU C9\".")
    var measureID: String

    @Option(help: "The code or overlay file.")
    var code: String

    @Option(help: "The submission file.")
    var submission: String

    @Option(name: .customLong("as-of"), help: "Assessment date, YYYY-MM-DD (default: today).")
    var asOf: String?

    func run() throws {
        let loader = Loader()
        let day = try CLI.day(asOf)
        guard let code = loader.code(self.code), let s = loader.submission(submission, vocabulary: code.vocabulary),
              let text = Explain.run(measureID: measureID, code: code, submission: s, asOf: day, loader: loader)
        else {
            CLI.printErrors(loader.renderedDiagnostics())
            throw ExitCode(2)
        }
        print(VisibleText.reveal(text), terminator: "")
    }
}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a blank submission with every fact the code asks about, each with its question."
    )

    @Option(help: "The code or overlay file.")
    var code: String

    func run() throws {
        let loader = Loader()
        guard let code = loader.code(self.code) else {
            CLI.printErrors(loader.renderedDiagnostics())
            throw ExitCode(2)
        }
        print(SubmissionTemplate.make(for: code), terminator: "")
    }
}
