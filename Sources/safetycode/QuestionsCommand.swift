import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports

struct QuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "questions",
        abstract: "Write one questionnaire of a submission's open questions across codes, or merge its answers into a new submission.",
        usage: """
            safetycode questions <submission> --code <code> ... [--out <file>|-] [--as-of <date>]
            safetycode questions --merge <answers> --into <submission> --out <new-submission> [--date <date>] [--code <code>]
            """,
        discussion: """
            The questionnaire asks each unknown fact once, however many codes need it, the fact with the most \
            severe measure waiting on it first (default --out Reports/<stem>/questions.yaml). --merge writes a \
            new version of the submission with the answers set and submission.date set to --date (default \
            today); every other line is kept as it was, so `safetycode history` shows what the answers moved.
            """
    )

    @Argument(help: ArgumentHelp("The submission to ask about.", valueName: "submission"))
    var submission: String?

    @Option(name: .customLong("code"), help: ArgumentHelp("A code or overlay file, or a folder of them. Repeat for several. With --merge, a code whose vocabulary the answers use (default: Codes/ofcom/vocabulary.yaml).", valueName: "code"))
    var codes: [String] = []

    @Option(help: ArgumentHelp("The questionnaire file, - for standard output; with --merge, the new submission file.", valueName: "file"))
    var out: String?

    @OptionGroup var date: DateOption

    @Option(help: ArgumentHelp("An answered questionnaire to merge.", valueName: "answers"))
    var merge: String?

    @Option(help: ArgumentHelp("The submission the answers go into (with --merge).", valueName: "submission"))
    var into: String?

    @Option(name: .customLong("date"), help: ArgumentHelp("The new version's submission.date (with --merge; default today).", valueName: "date"))
    var newDate: Day?

    func validate() throws {
        if merge != nil {
            guard into != nil, out != nil else { throw ValidationError("--merge needs --into <submission> and --out <new-submission>") }
            if submission != nil { throw ValidationError("with --merge, give the submission as --into, not as an argument") }
        } else {
            if submission == nil { throw ValidationError("give a submission to ask about, or --merge <answers> --into <submission> --out <file>") }
            if codes.isEmpty { throw ValidationError("give at least one --code") }
        }
    }

    func run() throws {
        let outcome: Assess.Outcome
        if let merge, let into, let out {
            outcome = Questions.merge(.init(answers: merge, into: into, out: out, codes: codes, date: newDate ?? CLI.today()))
        } else {
            outcome = Questions.ask(.init(submission: submission!, codes: codes, out: out, asOf: date.day))
        }
        // The lines name the file written: no "wrote N files into" folder line.
        CLI.printErrors(outcome.diagnostics)
        try CLI.write(outcome.standardOutput ?? outcome.lines.map { $0 + "\n" }.joined())
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
