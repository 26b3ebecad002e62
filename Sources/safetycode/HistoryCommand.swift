import ArgumentParser
import Foundation
import SafetyCodeCore
import SafetyCodeReports

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Follow one service over several submissions: what changed, and which declared fact or finding moved it.",
        usage: "safetycode history <submission> ... --code <code> ... [<options>]",
        discussion: """
            Submissions are put in order by their submission.date. Reports go to \
            <out>/history/<oldest-submission-stem>/<code-id>@<version>.<ext>. Each submission's review \
            (--review, or Reviews/<stem>.yaml) applies to that submission only.
            """
    )

    @Argument(help: ArgumentHelp("The submissions of one service, in any order.", valueName: "submission"))
    var submissions: [String]

    @Option(name: .customLong("code"), help: ArgumentHelp("A code or overlay file, or a folder of them. Repeat for several.", valueName: "code"))
    var codes: [String]

    @OptionGroup var output: OutputOptions<ChangeReportFormats>
    @OptionGroup var date: DateOption
    @OptionGroup var review: ReviewOptions
    @OptionGroup var lens: LensOptions

    func run() throws {
        let outcome = HistoryRun.run(.init(submissions: submissions, codes: codes, formats: output.formats, out: output.out,
                                           asOf: date.day, reviews: review.files, conventionalReviews: !review.noReview,
                                           filter: lens.filter))
        try CLI.finish(outcome, out: output.out)
    }
}
