import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports
import YAMLTree

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the whole decision for one measure: each sub-expression with its value.",
        usage: "safetycode explain <measure-id> <submission> --code <code> [--as-of <date>]"
    )

    @Argument(help: ArgumentHelp("The measure's id, such as \"ICU C9\".", valueName: "measure-id"))
    var measureID: String

    @Argument(help: ArgumentHelp("The submission file.", valueName: "submission"))
    var submission: String?

    @Option(help: ArgumentHelp("The code or overlay file.", valueName: "code"))
    var code: String

    @OptionGroup var date: DateOption

    /// The earlier form, `--submission FILE`, still accepted.
    @Option(name: .customLong("submission"), help: .hidden)
    var submissionOption: String?

    func validate() throws {
        if submission != nil, submissionOption != nil { throw ValidationError("give the submission once") }
        if submission == nil, submissionOption == nil { throw ValidationError("explain needs a submission file: explain <measure-id> <submission> --code <code>") }
    }

    func run() throws {
        try CLI.finish(Explain.run(.init(measureID: measureID, code: code, submission: submission ?? submissionOption!, asOf: date.day)))
    }
}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a blank submission with every fact the codes ask about, each with its question.",
        usage: "safetycode template --code <code> ...",
        discussion: "With several codes, each fact is asked once and says which codes ask it."
    )

    @Option(name: .customLong("code"), help: ArgumentHelp("A code or overlay file, or a folder of them. Repeat for several.", valueName: "code"))
    var codes: [String]

    func run() throws {
        try CLI.finish(SubmissionTemplate.run(codes: codes))
    }
}
